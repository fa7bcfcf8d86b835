// A district as a flat plan for the editor's map (local metres, north up): road pieces with their segment ids, water,
// depots, pump stations and hotspots, and which road piece is nearest a clicked point (a fallen tree closes it).
import type { LayerCollection, LayerFeature } from '../../../twin/district/district-geojson.ts';
import { projectorFor, type LocalFrame } from '../../../twin/projection/local-frame.ts';
import type { EdgeLineCollection } from '../../../twin/road-graph/edge-lines.ts';
import type { XY } from '../../../twin/types.ts';

/** A road piece of the graph: its segment id (what `closeRoad` takes), name and line. */
export interface PlanRoad {
  segmentId: string;
  name: string;
  line: XY[];
}

/** A named point: a depot, pump station or hotspot. */
export interface PlanPoint {
  id: string;
  name: string;
  nameEn: string;
  xy: XY;
}

/** Everything the plan draws, with its extent [xMin, yMin, xMax, yMax] (m). */
export interface DistrictPlan {
  extent: [number, number, number, number];
  roads: PlanRoad[];
  water: XY[][];
  depots: PlanPoint[];
  stations: PlanPoint[];
  hotspots: PlanPoint[];
}

/** The plan of a district's layers and road edges in its local frame. */
export function districtPlan(
  frame: LocalFrame,
  layers: { water: LayerCollection; depots: LayerCollection; pumpStations: LayerCollection; hotspots: LayerCollection },
  roadEdges: EdgeLineCollection,
): DistrictPlan {
  const wgs84 = projectorFor('EPSG:4326', frame);
  const local = (p: readonly number[]): XY => {
    const [x, y] = wgs84.toLocal(p[0], p[1]);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };
  const roads = roadEdges.features.map((f) => ({
    segmentId: String(f.properties.segmentId),
    name: f.properties.name === null ? '' : String(f.properties.name),
    line: (f.geometry.coordinates as number[][]).map(local),
  }));
  const water: XY[][] = [];
  for (const f of layers.water.features) {
    const g = f.geometry as { type: string; coordinates: number[][][] | number[][][][] };
    const polys = g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
    for (const p of polys) if (p[0]) water.push(p[0].map(local));
  }
  const points = (c: LayerCollection): PlanPoint[] =>
    c.features.map((f: LayerFeature) => ({
      id: f.id,
      name: String(f.properties.name ?? f.id),
      nameEn: String(f.properties.nameEn ?? f.properties.name ?? f.id),
      xy: local(f.geometry.coordinates as number[]),
    }));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of roads)
    for (const [x, y] of r.line) {
      xs.push(x);
      ys.push(y);
    }
  const extent: [number, number, number, number] = xs.length
    ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
    : [-1000, -1000, 1000, 1000];
  return {
    extent,
    roads,
    water,
    depots: points(layers.depots),
    stations: points(layers.pumpStations),
    hotspots: points(layers.hotspots),
  };
}

/** The road piece nearest `xy` and its distance (m); null when the plan has no roads. */
export function nearestRoad(plan: DistrictPlan, xy: XY): { road: PlanRoad; distanceM: number } | null {
  let best: PlanRoad | null = null;
  let bestD = Infinity;
  for (const r of plan.roads)
    for (let i = 1; i < r.line.length; i++) {
      const d = pointSegmentM(xy, r.line[i - 1], r.line[i]);
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    }
  return best ? { road: best, distanceM: bestD } : null;
}

function pointSegmentM(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
