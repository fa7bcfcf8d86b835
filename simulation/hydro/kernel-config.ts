// The kernels' inputs besides the arrays: fixed settings of the run and the values of the current step.
// Both are plain numeric objects, identical in every thread, so every thread computes the same numbers.
import type { ThreadScratch } from './layout.ts';

/** Edge behaviour codes (index 0 north, 1 east, 2 south, 3 west). */
export const EDGE_CLOSED = 0;
export const EDGE_FREE = 1;
export const EDGE_STAGE = 2;

/** Settings fixed for the whole run. */
export interface KernelConfig {
  nx: number;
  ny: number;
  dxM: number;
  cellAreaM2: number;
  gravity: number;
  depthThresholdM: number;
  wetDepthM: number;
  theta: number;
  /** Friction from the full discharge vector, not just the face-normal component. */
  friction2D: boolean;
  trackMaxSpeed: boolean;
  hasSinks: boolean;
  hasRiver: boolean;
  /** EDGE_* per edge: north, east, south, west. */
  edgeKind: Int32Array;
  /** Fixed friction slope for free edges (m/m), or −1 for the local water-surface slope. */
  edgeSlope: Float64Array;
  /** Catchment slots (1 + catchments). */
  catchSlots: number;
}

/** Values of one step, set identically by every thread before the step. */
export interface StepVars {
  tS: number;
  /** Time at the end of the step (exact output/window times are hit, not t + dt). */
  tNextS: number;
  dtS: number;
  /** Stage per edge at the step start (m); only for stage edges. */
  edgeStageM: Float64Array;
  /** River stage at the end of the step (m), held in river cells. */
  riverStageNextM: number;
  /** Rain: 0 none, 1 uniform `rainDepthM` this step, 2 per-cell windows A and B (mm/h) weighted by overlap. */
  rainMode: number;
  rainDepthM: number;
  /** Metres of rain per mm/h of window buffer A and B over this step. */
  rainWeightA: number;
  rainWeightB: number;
  /** Index (0 or 1) of the buffer holding window A. */
  rainBufferA: number;
  /** Infiltration capacity per class over this step (m). */
  infilDepthM: Float64Array;
  /** Share of each catchment slot's inlet capacity open this step (pump and storage limit). */
  catchFactor: Float64Array;
  /** Volume per inflow this step (m³). */
  inflowVolM3: Float64Array;
  /**
   * Local time stepping (null levels: one global step). Per cell its level (LTS_INACTIVE where nothing can move);
   * faces of level ≤ jFace are updated this sub-step with dtLevel[level], and cells of level ≤ jFace start a period
   * (inactive cells on the first sub-step): they take their sources over it now.
   */
  levels: Uint8Array | null;
  /** Byte offsets in the engine's memory of `levels` (0 when null; set both with `setLevels`), `dtLevel` and
   * `gdtLevel`, for the kernels. */
  levelsAt: number;
  dtLevelAt: number;
  gdtLevelAt: number;
  /** Sub-steps in this step: 2^K under local time stepping, else 1. */
  subStepCount: number;
  /** Shortest and longest step a cell took in this step (s): dtS without local time stepping. */
  cellDtMinS: number;
  cellDtMaxS: number;
  /** Highest level this macro step. */
  ltsK: number;
  jFace: number;
  firstSub: boolean;
  lastSub: boolean;
  dtLevel: Float64Array;
  /** Per level: g·dt/dx, rain (m; per mm/h of buffers A and B; uniform), infiltration per class (m). */
  gdtLevel: Float64Array;
  rainLevelA: Float64Array;
  rainLevelB: Float64Array;
  rainLevelDepthM: Float64Array;
  infilLevelM: Float64Array;
  /** Per level and inflow: volume over the period ending now (m³). */
  inflowLevelVolM3: Float64Array;
  /** End of this sub-step (s): the wetting time of cells wet now. */
  tApplyS: number;
  /** Per level: river stage at the end of a period of that level starting now (m). */
  riverStageLevelM: Float64Array;
}

/** Sets the levels the kernels read (null: one global step) with their byte offset, which they take instead. */
export function setLevels(v: StepVars, levels: Uint8Array | null): void {
  v.levels = levels;
  v.levelsAt = levels === null ? 0 : levels.byteOffset;
}

/** Most levels of local time stepping (steps up to 2^LTS_MAX_LEVELS times the global step). */
export const LTS_MAX_LEVELS = 6;

/**
 * Longest step (s) scenarios and `rivertwin flood` under rain use with local time stepping: only the shallowest
 * cells take it, by their own CFL limit (LISFLOOD-FP's default initial_tstep). One global step keeps 5 s.
 */
export const LTS_MAX_DT_S = 10;

/**
 * A fresh StepVars with arrays sized for the run; the per-level steps, infiltration depths and inlet shares are the
 * thread's own arrays in the engine's memory (the WebAssembly kernels read them there).
 */
export function createStepVars(
  inflows: number,
  scratch: Pick<
    ThreadScratch,
    | 'dtLevel'
    | 'gdtLevel'
    | 'infilDepthM'
    | 'catchFactor'
    | 'rainLevelA'
    | 'rainLevelB'
    | 'rainLevelDepthM'
    | 'infilLevelM'
    | 'riverStageLevelM'
  >,
): StepVars {
  return {
    tS: 0,
    tNextS: 0,
    dtS: 0,
    edgeStageM: new Float64Array(4),
    riverStageNextM: 0,
    rainMode: 0,
    rainDepthM: 0,
    rainWeightA: 0,
    rainWeightB: 0,
    rainBufferA: 0,
    infilDepthM: scratch.infilDepthM,
    catchFactor: scratch.catchFactor,
    inflowVolM3: new Float64Array(Math.max(1, inflows)),
    levels: null,
    levelsAt: 0,
    dtLevelAt: scratch.dtLevel.byteOffset,
    gdtLevelAt: scratch.gdtLevel.byteOffset,
    subStepCount: 1,
    cellDtMinS: 0,
    cellDtMaxS: 0,
    ltsK: 0,
    jFace: 0,
    firstSub: true,
    lastSub: true,
    dtLevel: scratch.dtLevel,
    gdtLevel: scratch.gdtLevel,
    rainLevelA: scratch.rainLevelA,
    rainLevelB: scratch.rainLevelB,
    rainLevelDepthM: scratch.rainLevelDepthM,
    infilLevelM: scratch.infilLevelM,
    inflowLevelVolM3: new Float64Array((LTS_MAX_LEVELS + 1) * Math.max(1, inflows)),
    tApplyS: 0,
    riverStageLevelM: scratch.riverStageLevelM,
  };
}

/**
 * A row band with its thread's private scratch (`ThreadScratch`: halo face rows for the faces it recomputes on its
 * neighbours' side, levels, per-level steps, the update kernel's block) and its inflow entries.
 */
export interface Band extends ThreadScratch {
  /** First row and one past the last row. */
  r0: number;
  r1: number;
  /** Inflow entries in this band: cell, inflow index and weight. */
  inflowCell: Int32Array;
  inflowIndex: Int32Array;
  inflowWeight: Float64Array;
}
