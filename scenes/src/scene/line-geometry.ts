// Lines of the district as merged geometry: road centre lines (one LineSegments), flood walls standing from the
// ground to their crest (one mesh of vertical quads), closed roads as raised ribbons, and water bodies as flat
// polygons the river stage lifts. Each builder returns one geometry, so each layer is one draw call.
import { BufferAttribute, BufferGeometry, ShapeUtils, Vector2 } from 'three';
import type { LayerFeature } from '../../../twin/district/district-geojson.ts';
import type { TerrainMessage } from '../../../twin/grid/terrain-message.ts';
import type { LocalFrame } from '../../../twin/projection/local-frame.ts';
import { groundAt, toLocal, type XY } from './ground.ts';

/** Lines of a LineString layer in local metres. */
export function localLines(
  features: readonly LayerFeature[],
  frame: LocalFrame,
): { feature: LayerFeature; xy: XY[] }[] {
  return features
    .filter((f) => f.geometry.type === 'LineString')
    .map((f) => ({ feature: f, xy: (f.geometry.coordinates as [number, number][]).map((p) => toLocal(frame, p)) }));
}

/** Road centre lines lifted `liftM` over the ground (one LineSegments geometry). */
export function roadLinesGeometry(lines: { xy: XY[] }[], t: TerrainMessage, liftM = 0.6): BufferGeometry {
  const pos: number[] = [];
  for (const { xy } of lines)
    for (let i = 0; i + 1 < xy.length; i++) {
      const [ax, ay] = xy[i];
      const [bx, by] = xy[i + 1];
      pos.push(ax, groundAt(t, ax, ay) + liftM, -ay, bx, groundAt(t, bx, by) + liftM, -by);
    }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  return g;
}

/** Flat ribbons `widthM` wide along lines, `liftM` over the ground (closed roads). */
export function ribbonGeometry(lines: XY[][], t: TerrainMessage, widthM: number, liftM: number): BufferGeometry {
  const pos: number[] = [];
  const h = widthM / 2;
  for (const xy of lines)
    for (let i = 0; i + 1 < xy.length; i++) {
      const [ax, ay] = xy[i];
      const [bx, by] = xy[i + 1];
      const len = Math.hypot(bx - ax, by - ay);
      if (len < 1e-6) continue;
      const nx = (-(by - ay) / len) * h;
      const ny = ((bx - ax) / len) * h;
      const za = groundAt(t, ax, ay) + liftM;
      const zb = groundAt(t, bx, by) + liftM;
      const p1 = [ax + nx, za, -(ay + ny)];
      const p2 = [ax - nx, za, -(ay - ny)];
      const p3 = [bx + nx, zb, -(by + ny)];
      const p4 = [bx - nx, zb, -(by - ny)];
      pos.push(...p1, ...p2, ...p3, ...p3, ...p2, ...p4);
    }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  g.computeVertexNormals();
  return g;
}

/** Flood walls: vertical quads from the ground to each wall's crest (m above datum). */
export function wallsGeometry(walls: { feature: LayerFeature; xy: XY[] }[], t: TerrainMessage): BufferGeometry {
  const pos: number[] = [];
  for (const { feature, xy } of walls) {
    const crest = Number(feature.properties.crestM);
    for (let i = 0; i + 1 < xy.length; i++) {
      const [ax, ay] = xy[i];
      const [bx, by] = xy[i + 1];
      const ga = groundAt(t, ax, ay);
      const gb = groundAt(t, bx, by);
      const ta = Number.isFinite(crest) ? Math.max(crest, ga + 0.5) : ga + 1.5;
      const tb = Number.isFinite(crest) ? Math.max(crest, gb + 0.5) : gb + 1.5;
      pos.push(ax, ga - 1, -ay, bx, gb - 1, -by, bx, tb, -by, ax, ga - 1, -ay, bx, tb, -by, ax, ta, -ay);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  g.computeVertexNormals();
  return g;
}

/** Water bodies as flat polygons at height 0 (the mesh is lifted to the river stage). */
export function waterBodiesGeometry(features: readonly LayerFeature[], frame: LocalFrame): BufferGeometry {
  const pos: number[] = [];
  for (const f of features) {
    const polys =
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates]
        : f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates
          : [];
    for (const poly of polys) {
      const rings = poly.map((ring) => ring.slice(0, -1).map((p) => toLocal(frame, p)));
      if (rings[0].length < 3) continue;
      const contour = rings[0].map(([x, y]) => new Vector2(x, y));
      const holes = rings.slice(1).map((r) => r.map(([x, y]) => new Vector2(x, y)));
      const all = [...contour, ...holes.flat()];
      for (const tri of ShapeUtils.triangulateShape(contour, holes))
        for (const i of tri) pos.push(all[i].x, 0, -all[i].y);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
  g.computeVertexNormals();
  return g;
}
