// Public face of the road graph: building it from RoadSegments, and summarising it.
export { buildRoadGraph, DEFAULT_SNAP_TOLERANCE_M, type BuildRoadGraphOptions } from './build-road-graph.ts';
export { roadGraphStats, type RoadGraphStats } from './stats.ts';
export type { RoadEdgeAttributes, RoadGraph, RoadGraphReport, RoadNodeAttributes } from './types.ts';
export { connectBoundaryEnds, extentRing, type BoundaryOptions, type DataBoundary } from './boundary-connectors.ts';
export { roadEdgeLines, type EdgeLineCollection } from './edge-lines.ts';
