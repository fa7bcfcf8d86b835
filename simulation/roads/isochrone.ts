// Isochrones: where a truck can be within T seconds now, as the junctions it reaches and the pieces of road it can
// drive (whole edges and the first part of the edges it runs out of time on).
import type { XY } from '../../twin/types.ts';
import { slicePolyline } from './polyline.ts';
import type { RoadLocation } from './road-location.ts';
import { locationNode, type EdgePiece, type RouteFinder } from './routing.ts';

/** What can be reached within `budgetS`. */
export interface Isochrone {
  budgetS: number;
  /** Reached junctions (node indices, ascending) and the time (s) to each. */
  nodes: Int32Array;
  nodeTimeS: Float64Array;
  /** For each reached junction, which origin (index into `from`) gets there first. */
  nodeOrigin: Int32Array;
  /** Drivable road within the budget, merged per edge, sorted by edge then start. */
  pieces: EdgePiece[];
  /** Total length (m) of those pieces. */
  lengthM: number;
}

/**
 * Everything reachable by class `vehicle` within `budgetS` from `from` (one location, or several: their union, each
 * node credited to the origin that reaches it first). Closed edges are neither driven nor entered.
 */
export function isochrone(
  finder: RouteFinder,
  vehicle: string | number,
  from: RoadLocation | readonly RoadLocation[],
  budgetS: number,
): Isochrone {
  const net = finder.net;
  const { csr } = net;
  const origins = Array.isArray(from) ? (from as readonly RoadLocation[]) : [from as RoadLocation];
  finder.search(vehicle, origins, budgetS);
  const times = net.travelTimeS[net.classIndex(vehicle)];
  const raw: EdgePiece[] = [];
  // 1. Pieces driven straight from origins part-way along an edge, both ways if two-way.
  for (const o of origins) {
    if (locationNode(net, o) >= 0) continue;
    pushReach(raw, o.edge, o.fraction, budgetS, times[o.edge]);
    const twin = csr.edgeTwin[o.edge];
    if (twin >= 0) pushReach(raw, twin, 1 - o.fraction, budgetS, times[twin]);
  }
  // 2. Reached junctions, and the out-edges they can drive with the time left.
  const nodeList: number[] = [];
  for (let v = 0; v < csr.nodeCount; v++) {
    const tv = finder.nodeTimeS(v);
    if (!(tv <= budgetS)) continue;
    nodeList.push(v);
    for (let e = csr.outStart[v]; e < csr.outStart[v + 1]; e++) pushReach(raw, e, 0, budgetS - tv, times[e]);
  }
  const nodes = Int32Array.from(nodeList);
  const nodeTimeS = Float64Array.from(nodeList, (v) => finder.nodeTimeS(v));
  const nodeOrigin = Int32Array.from(nodeList, (v) => finder.nodeOrigin(v));
  // 3. Merge overlapping pieces of the same edge.
  raw.sort((a, b) => a.edge - b.edge || a.fromFraction - b.fromFraction);
  const pieces: EdgePiece[] = [];
  for (const p of raw) {
    const last = pieces[pieces.length - 1];
    if (last && last.edge === p.edge && p.fromFraction <= last.toFraction)
      last.toFraction = Math.max(last.toFraction, p.toFraction);
    else pieces.push({ ...p });
  }
  let lengthM = 0;
  for (const p of pieces) lengthM += (p.toFraction - p.fromFraction) * csr.edgeLengthM[p.edge];
  return { budgetS, nodes, nodeTimeS, nodeOrigin, pieces, lengthM };
}

/** The isochrone's road pieces as polylines in the local frame, for drawing. */
export function isochroneLines(finder: RouteFinder, iso: Isochrone): XY[][] {
  return iso.pieces.map((p) => slicePolyline(finder.net.csr.edgeCoords[p.edge], p.fromFraction, p.toFraction));
}

/** Adds the part of `edge` driven from `startFraction` with `leftS` seconds, if the edge is open and any is driven. */
function pushReach(out: EdgePiece[], edge: number, startFraction: number, leftS: number, edgeTimeS: number): void {
  if (!(edgeTimeS < Infinity) || !(leftS >= 0)) return;
  const end = edgeTimeS === 0 ? 1 : Math.min(1, startFraction + leftS / edgeTimeS);
  if (end > startFraction) out.push({ edge, fromFraction: startFraction, toFraction: end });
}
