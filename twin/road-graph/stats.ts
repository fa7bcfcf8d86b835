// A summary of a road graph for `inspect`, tests and benchmarks: size, length by class, connectivity.
import { stronglyConnectedComponents } from 'graphology-components';
import type { RoadClass } from '../types.ts';
import type { RoadGraph } from './types.ts';

/** Figures describing a road graph. Lengths in kilometres. */
export interface RoadGraphStats {
  nodes: number;
  edges: number;
  /** Length of street: a two-way street counts once, though it is two edges. */
  roadLengthKm: number;
  /** Sum of all directed edges' lengths. */
  directedLengthKm: number;
  /** Street length by road class. */
  roadLengthKmByClass: Partial<Record<RoadClass, number>>;
  onewayEdges: number;
  bridgeEdges: number;
  tunnelEdges: number;
  /** Nodes with a single neighbour (cul-de-sacs, and the district's cut edge). */
  deadEnds: number;
  stronglyConnectedComponents: number;
  /** Share of nodes in the largest strongly connected component. */
  largestComponentShare: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Summarises a road graph (lengths rounded to metres). */
export function roadGraphStats(graph: RoadGraph): RoadGraphStats {
  let roadM = 0;
  let directedM = 0;
  let onewayEdges = 0;
  let bridgeEdges = 0;
  let tunnelEdges = 0;
  const byClass: Partial<Record<RoadClass, number>> = {};
  graph.forEachEdge((_, a) => {
    directedM += a.lengthM;
    const streetM = a.oneway ? a.lengthM : a.lengthM / 2;
    roadM += streetM;
    byClass[a.roadClass] = (byClass[a.roadClass] ?? 0) + streetM;
    if (a.oneway) onewayEdges++;
    if (a.bridge) bridgeEdges++;
    if (a.tunnel) tunnelEdges++;
  });
  let deadEnds = 0;
  graph.forEachNode((n) => {
    if (graph.neighbors(n).length === 1) deadEnds++;
  });
  const components = graph.order > 0 ? stronglyConnectedComponents(graph) : [];
  const largest = components.reduce((m, c) => Math.max(m, c.length), 0);
  const roadLengthKmByClass: Partial<Record<RoadClass, number>> = {};
  for (const k of Object.keys(byClass).sort() as RoadClass[]) roadLengthKmByClass[k] = round(byClass[k]! / 1000, 3);
  return {
    nodes: graph.order,
    edges: graph.size,
    roadLengthKm: round(roadM / 1000, 3),
    directedLengthKm: round(directedM / 1000, 3),
    roadLengthKmByClass,
    onewayEdges,
    bridgeEdges,
    tunnelEdges,
    deadEnds,
    stronglyConnectedComponents: components.length,
    largestComponentShare: graph.order > 0 ? largest / graph.order : 0,
  };
}
