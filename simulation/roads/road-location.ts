// Where a truck or a site is on the road network: at a junction, or part-way along an edge (a snapped point).
// Routing starts and ends at these; a point on a two-way street can leave or be reached from either direction.
import { SimulationError } from '../errors.ts';
import type { RoadCsr } from './road-csr.ts';

/** A place on the network. Exactly one of `node` and `edge` is ≥ 0. */
export interface RoadLocation {
  /** Node index when at a junction, else -1. */
  node: number;
  /** Edge index when part-way along an edge, else -1. */
  edge: number;
  /** Fraction (0..1) of the edge's length from its source node; 0 at a node. */
  fraction: number;
}

/** The location of node `node`. */
export function atNode(node: number): RoadLocation {
  return { node, edge: -1, fraction: 0 };
}

/** The location `fraction` (0..1) of the way along edge `edge`. */
export function onEdge(edge: number, fraction: number): RoadLocation {
  return { node: -1, edge, fraction };
}

/** Throws a SimulationError naming `label` if `loc` is not a valid place on `csr`. */
export function checkLocation(csr: RoadCsr, loc: RoadLocation, label: string): void {
  const where = { input: 'road location', item: label };
  if (loc.node >= 0) {
    if (!(Number.isInteger(loc.node) && loc.node < csr.nodeCount)) {
      throw new SimulationError(
        `node index ${loc.node} is not on the network (${csr.nodeCount} nodes)`,
        { ...where, field: 'node' },
        'snap the point to the graph first',
      );
    }
    return;
  }
  if (!(Number.isInteger(loc.edge) && loc.edge >= 0 && loc.edge < csr.edgeCount)) {
    throw new SimulationError(
      `edge index ${loc.edge} is not on the network (${csr.edgeCount} edges)`,
      { ...where, field: 'edge' },
      'snap the point to the graph first',
    );
  }
  if (!(loc.fraction >= 0 && loc.fraction <= 1)) {
    throw new SimulationError(
      `fraction ${loc.fraction} along edge ${loc.edge} is outside 0..1`,
      { ...where, field: 'fraction' },
      'give the offset as a fraction of the edge length',
    );
  }
}

/** Where a location sits along edge `edge`'s direction (0..1), or NaN if it is not on `edge` or its twin. */
export function positionOnEdge(csr: RoadCsr, loc: RoadLocation, edge: number): number {
  if (loc.edge < 0) return NaN;
  if (loc.edge === edge) return loc.fraction;
  if (csr.edgeTwin[edge] >= 0 && loc.edge === csr.edgeTwin[edge]) return 1 - loc.fraction;
  return NaN;
}

/**
 * The exact time (s) from `a` to `b` without passing a junction, when both lie on the same street: along edge a.edge
 * forwards, or along its twin backwards. Infinity if they are not on the same street or the way is closed.
 */
export function sameStreetTimeS(csr: RoadCsr, times: Float64Array, a: RoadLocation, b: RoadLocation): number {
  if (a.edge < 0 || b.edge < 0) return Infinity;
  const p = positionOnEdge(csr, b, a.edge);
  if (Number.isNaN(p)) return Infinity;
  if (p === a.fraction) return 0;
  if (p > a.fraction) return (p - a.fraction) * times[a.edge];
  const twin = csr.edgeTwin[a.edge];
  if (twin < 0) return Infinity;
  return (a.fraction - p) * times[twin];
}
