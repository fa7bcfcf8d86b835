// The flood engine's public face: build a run from rasters and options, advance it, read depths and the ledger.
// Threads (Node) come from threads.node.ts; everything here runs in a browser Worker too.
export { FloodEngine, FloodRunBase, type FloodEngineFactory, type FloodRun } from './engine.ts';
export { STEP_PHASES } from './step-driver.ts';
export { buildModel, DEFAULT_HORTON, type ModelSpec } from './model.ts';
export { CFL_CHECK_DEPTH_M } from './initial-state.ts';
export { hydrographFromPairs, hydrographIntegral, hydrographValueAt, stageAt } from './hydrograph.ts';
export { constantRainField, seriesRainField } from './uniform-rain.ts';
export { cellOf, cellsAlongSegment, outside, type GridFrame } from './placement.ts';
export { parseHydrographCsv, parsePointsCsv, type NamedPoint } from './series-csv.ts';
export {
  parseBci,
  parseBdy,
  parseStageOutput,
  parseStagePoints,
  type BciEntry,
  type StageRow,
} from './lisflood-format.ts';
export type {
  DepthPoint,
  EdgeBoundaries,
  EdgeBoundary,
  FloodOptions,
  FloodStats,
  HortonParams,
  Hydrograph,
  HydroRasters,
  Inflow,
  MassLedger,
  PointSeries,
  PumpStation,
  PumpStationState,
  StageSource,
  TruckSink,
} from './types.ts';
export type { FloodEngineSnapshot } from './engine-snapshot.ts';
