// Every building of the district in one mesh: footprints extruded from the ground to their heights (walls and a
// flat roof, triangulated with three's earcut), coloured by height so the skyline reads at a glance. One draw call.
import { BufferAttribute, BufferGeometry, Color, ShapeUtils, Vector2 } from 'three';
import type { LayerFeature } from '../../../twin/district/district-geojson.ts';
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import type { LocalFrame } from '../../../twin/projection/local-frame.ts';
import { groundAt, toLocal } from './ground.ts';

/** Height bands (m) and their colours, low to high. */
export const HEIGHT_COLOURS: [number, string][] = [
  [0, '#e9e1d2'],
  [20, '#d9cbb3'],
  [50, '#b9b4c9'],
  [100, '#8f9dc2'],
  [200, '#6479ad'],
];

/** Colour of a building `heightM` tall (interpolated between bands). */
export function heightColour(heightM: number, out = new Color()): Color {
  for (let i = HEIGHT_COLOURS.length - 1; i >= 0; i--) {
    const [h, hex] = HEIGHT_COLOURS[i];
    if (heightM >= h) {
      const next = HEIGHT_COLOURS[i + 1];
      if (!next) return out.set(hex);
      const u = (heightM - h) / (next[0] - h);
      return out.set(hex).lerp(new Color(next[1]), u);
    }
  }
  return out.set(HEIGHT_COLOURS[0][1]);
}

/** The buildings' mesh, plus which building each triangle belongs to (for picking). */
export function buildingsGeometry(
  features: readonly LayerFeature[],
  frame: LocalFrame,
  t: TerrainMessage,
): BufferGeometry {
  const pos: number[] = [];
  const col: number[] = [];
  const c = new Color();
  for (const f of features) {
    const heightM = Number(f.properties.heightM) || 10;
    const minM = Number(f.properties.minHeightM) || 0;
    const polys =
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates]
        : f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates
          : [];
    heightColour(heightM, c);
    for (const poly of polys) {
      const rings = poly.map((ring) => dropClosing(ring.map((p) => toLocal(frame, p))));
      if (rings[0].length < 3) continue;
      const [cx, cy] = rings[0][0];
      const base = groundAt(t, cx, cy);
      const bottom = base + minM;
      const top = base + heightM;
      // Walls: one quad per edge of every ring.
      for (const ring of rings)
        for (let i = 0; i < ring.length; i++) {
          const [ax, ay] = ring[i];
          const [bx, by] = ring[(i + 1) % ring.length];
          pos.push(ax, bottom, -ay, bx, bottom, -by, bx, top, -by, ax, bottom, -ay, bx, top, -by, ax, top, -ay);
          for (let k = 0; k < 6; k++) col.push(c.r * 0.82, c.g * 0.82, c.b * 0.82);
        }
      // Roof: earcut over the outer ring with its holes.
      const contour = rings[0].map(([x, y]) => new Vector2(x, y));
      const holes = rings.slice(1).map((r) => r.map(([x, y]) => new Vector2(x, y)));
      const all = [...contour, ...holes.flat()];
      for (const tri of ShapeUtils.triangulateShape(contour, holes))
        for (const i of ShapeUtils.isClockWise(contour) ? tri : [tri[0], tri[2], tri[1]]) {
          pos.push(all[i].x, top, -all[i].y);
          col.push(c.r, c.g, c.b);
        }
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  g.setAttribute('color', new BufferAttribute(new Float32Array(col), 3));
  g.computeVertexNormals();
  g.computeBoundingSphere();
  return g;
}

function dropClosing(ring: [number, number][]): [number, number][] {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
}
