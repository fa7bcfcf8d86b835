// Where a district's road data ends: its roads' extent and the declared gaps, as rings in the local frame, so the
// road graph can join roads cut there to the outside network.
import type { GridSpec } from '../grid/grid-spec.ts';
import {
  buildRoadGraph,
  extentRing,
  type DataBoundary,
  type RoadGraph,
  type RoadGraphReport,
} from '../road-graph/index.ts';
import { projectorFor } from '../projection/index.ts';
import type { XY } from '../types.ts';
import type { District } from './district.ts';

/** The boundaries of the district's road data: the roads' bounding box, and each gap in district.json. */
export function districtBoundaries(d: District): DataBoundary[] {
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const r of d.roads) {
    for (const [x, y] of r.coords) {
      e.minX = Math.min(e.minX, x);
      e.minY = Math.min(e.minY, y);
      e.maxX = Math.max(e.maxX, x);
      e.maxY = Math.max(e.maxY, y);
    }
  }
  if (!(e.minX <= e.maxX)) return [];
  const out: DataBoundary[] = [{ kind: 'extent', ring: extentRing(e) }];
  const p = projectorFor('EPSG:4326', d.frame);
  for (const g of d.manifest.dataGaps) {
    const [w, s, east, n] = g.bbox;
    const ring: XY[] = [p.toLocal(w, s), p.toLocal(east, s), p.toLocal(east, n), p.toLocal(w, n), p.toLocal(w, s)];
    out.push({ kind: 'gap', ring, reason: g.reason });
  }
  return out;
}

/**
 * The district's routable road graph: every consumer (inspect, routing, the fleet, benchmarks) builds it here, so
 * all see the same graph, with roads cut by the data's edge joined to the outside network.
 */
export function districtRoadGraph(d: District, grid?: GridSpec): { graph: RoadGraph; report: RoadGraphReport } {
  return buildRoadGraph(d.roads, { ...(grid ? { grid } : {}), boundaries: districtBoundaries(d) });
}
