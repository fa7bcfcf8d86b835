// What the flood engine takes and gives: plain rasters in, depth fields, a mass ledger and time series out.
// Rasters are row-major with row 0 NORTH (index = row * nx + col), as twin/grid/grid.ts `Grid`.
import type { RainField } from '../rain/rain-field.ts';

/** A time series of (time s, value) pairs, times strictly increasing; linear between points, flat outside. */
export interface Hydrograph {
  timesS: Float64Array;
  values: Float64Array;
}

/** A stage given as a constant level or a hydrograph of levels (m above datum). */
export type StageSource = number | Hydrograph;

/**
 * The terrain and surface rasters the engine runs on. `Grid` from twin/grid/grid.ts satisfies this shape;
 * only `nx`, `ny`, `cellM`, `bedM` and `manningN` are required.
 */
export interface HydroRasters {
  nx: number;
  ny: number;
  /** Cell size (m); cells are square. */
  cellM: number;
  /** Bed elevation (m). Must be finite everywhere; NODATA cells are closed with `buildingMask`. */
  bedM: ArrayLike<number>;
  /** Manning's n per cell (s/m^(1/3)), or one value for every cell. */
  manningN: ArrayLike<number> | number;
  /** 1 = closed cell (building, outside the domain): water never enters it. */
  buildingMask?: ArrayLike<number>;
  /** 1 = river cell, held at the river stage as a boundary instead of being simulated. */
  riverMask?: ArrayLike<number>;
  /** Infiltration class per cell: 0 impervious, 1 green, 2 water (twin/grid InfiltrationClass). */
  infiltrationClass?: ArrayLike<number>;
  /** Sewer inlet capacity (mm/h of water depth they can take away). */
  drainCapacityMmPerH?: ArrayLike<number>;
  /** Drainage catchment index per cell, -1 where none. */
  catchmentId?: ArrayLike<number>;
  /** Initial water depth (m). */
  initialDepthM?: ArrayLike<number>;
}

/** How a domain edge behaves. */
export type EdgeBoundary =
  | { kind: 'closed' }
  /**
   * Outflow at normal depth. Without `slope` the friction slope is the local water-surface slope between the
   * edge cell and its inner neighbour, as LISFLOOD-FP's FREE boundary; with `slope` (m/m) that slope is used.
   */
  | { kind: 'free'; slope?: number }
  /** Water level held outside the edge (m), constant or in time; flows in or out through the edge faces. */
  | { kind: 'stage'; stageM: StageSource };

/** The four edges; missing edges are closed. */
export interface EdgeBoundaries {
  north?: EdgeBoundary;
  east?: EdgeBoundary;
  south?: EdgeBoundary;
  west?: EdgeBoundary;
}

/** A discharge into the domain spread over cells (a point is one cell, a line several). */
export interface Inflow {
  name: string;
  /** Cell indices receiving the water. */
  cells: ArrayLike<number>;
  /** Share of the discharge per cell (sums to 1); equal shares when absent. */
  weights?: ArrayLike<number>;
  /** Discharge in m³/s over time. */
  dischargeM3PerS: Hydrograph;
}

/** Horton infiltration for one surface class: f(t) = fc + (f0 − fc)·e^(−k·t), t from the run start. */
export interface HortonParams {
  f0MmPerH: number;
  fcMmPerH: number;
  decayPerH: number;
}

/**
 * A drainage pump station lifting its catchment's sewer water to the river. The model, kept simple on purpose:
 * each step the catchment's inlets may take at most (working pump capacity·dt + free sewer storage), shared
 * out in proportion to each inlet's capacity (every inlet is throttled by the same factor); the pumps then lift
 * up to their capacity·dt from the sewer storage. A failed station lifts nothing, so once its storage is full
 * its inlets take nothing and the water stays on the streets. Catchments without a station drain freely.
 */
export interface PumpStation {
  id: string;
  /** The catchment (index into `catchmentId` values) it serves. */
  catchmentId: number;
  capacityM3PerS: number;
  /** Sewer and tank storage upstream of the pumps (m³); fills when the inlets take more than the pumps lift. */
  storageM3?: number;
  /** Starts failed (off). Change later with `setPumpStationFailed`. */
  failed?: boolean;
}

/** A pump truck (or any external sink) drawing from cells at a rate, limited to the water present. */
export interface TruckSink {
  cells: ArrayLike<number>;
  rateM3PerS: number;
}

/** A named cell whose depth is recorded over time. */
export interface DepthPoint {
  name: string;
  cell: number;
}

/** Engine settings; every field has a default. */
export interface FloodOptions {
  rain?: RainField;
  /** Rain that varies in space is read as its mean over fixed windows of this length (s). Default 60. */
  rainWindowS?: number;
  edges?: EdgeBoundaries;
  /** River stage for `riverMask` cells (m). Required when the mask has river cells next to land. */
  riverStageM?: StageSource;
  inflows?: Inflow[];
  /** Horton parameters per infiltration class (index = class); `null` turns infiltration off. */
  horton?: (HortonParams | null)[] | null;
  pumpStations?: PumpStation[];
  /** q-centred weighting θ (de Almeida et al. 2012): 1 = Bates et al. 2010 scheme (default), 0.7 smoother. */
  theta?: number;
  /**
   * Friction from the magnitude of the whole discharge vector at a face (the face-normal q and the mean of the
   * four neighbouring cross-face q), as LISFLOOD-FP does by default. Default true; false uses |q| of the face.
   */
  friction2D?: boolean;
  /**
   * CFL coefficient α in dt = α·dx/√(g·h_max). Default 0.5: the scheme's 2D stability bound is α = 1/√2 (forward–
   * backward on a staggered grid), and LISFLOOD-FP's 0.7 sits 1 % under it, where deep, still water has no friction
   * to damp the checkerboard mode (EA Test 5 at 10 m grows 15 m spikes at 0.7, in LISFLOOD-FP too without its
   * initial_tstep cap; tests/bench/README.md). 0.7 reproduces LISFLOOD-FP's own steps where it is stable.
   */
  cfl?: number;
  /**
   * Local time stepping: cells take steps of 2^k times the global CFL step, k up to this many levels, each by the
   * depth around it (docs/local-time-stepping.md). 0 (default) is one global step for every cell.
   */
  localTimeStep?: number;
  /** Longest step (s), also the step when the domain is dry. Default 5. */
  maxDtS?: number;
  /** A step shorter than this (s) is an error: the CFL condition cannot be met. Default 0.001. */
  minDtS?: number;
  /** Flow depth (m) below which a face carries no flow. Default 0.001. */
  depthThresholdM?: number;
  /** Depth (m) above which a cell counts as wet for the time of first wetting. Default `depthThresholdM`. */
  wetDepthM?: number;
  /** Record the maximum speed per cell (costs a square root per wet cell and step). Default false. */
  trackMaxSpeed?: boolean;
  points?: DepthPoint[];
  /** Interval (s) for point series and snapshots, recorded at the first step ending at or after each. Default 60. */
  outputEveryS?: number;
  /** Called at every output time with the current depth field (do not keep the array: it is reused). */
  onOutput?: (tS: number, depthM: Float64Array) => void;
  /** Gravity (m/s²). Default 9.81. */
  gravity?: number;
}

/** Cumulative water volumes since the start (m³). */
export interface MassLedger {
  rainM3: number;
  inflowM3: number;
  /** Water entering through stage edges or from the river. */
  boundaryInM3: number;
  /** Water leaving through free or stage edges or into the river. */
  boundaryOutM3: number;
  /** Taken by sewer inlets. */
  drainedM3: number;
  infiltratedM3: number;
  /** Taken by pump trucks (external sinks). */
  pumpedM3: number;
  storedM3: number;
  stored0M3: number;
  /** (stored − stored0 − in + out) / max(in, stored). */
  relativeError: number;
}

/** Counters of the run so far. */
export interface FloodStats {
  /** Time steps (under local time stepping: macro steps). */
  steps: number;
  /** Sub-steps of the finest level under local time stepping; as many as steps without it. */
  subSteps: number;
  cells: number;
  /** cells × sub-steps: the nominal work of a global step as short as the finest, as LISFLOOD-FP counts it. */
  cellSteps: number;
  /** Cell updates actually done (dry rows and columns are skipped; under local time stepping, cell periods). */
  activeCellSteps: number;
  /** Shortest and longest step (s); under local time stepping, of the finest and of the coarsest level allowed. */
  minDtS: number;
  maxDtS: number;
}

/** One recorded point series: times and depths per point. */
export interface PointSeries {
  names: string[];
  timesS: number[];
  /** depthsM[k][p]: depth at output k, point p. */
  depthsM: number[][];
}

/** State of a pump station's catchment. */
export interface PumpStationState {
  id: string;
  failed: boolean;
  sewerStoredM3: number;
  liftedToRiverM3: number;
}
