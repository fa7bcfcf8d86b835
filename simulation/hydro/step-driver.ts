// The step loop one thread runs over its row band: time step from the CFL condition, per-step source values,
// the two kernel passes with barriers between them, and the reductions every thread repeats identically.
import { SimulationError } from '../errors.ts';
import { fluxPass } from './flux-kernel.ts';
import { hydrographIntegral, stageAt } from './hydrograph.ts';
import { createStepVars, EDGE_STAGE, setLevels } from './kernel-config.ts';
import type { Band, StepVars } from './kernel-config.ts';
import {
  claimScratch,
  BLOCK_ROWS,
  C_RAIN_BUFFER_A,
  C_RAIN_DEPTH_M,
  C_RAIN_EDGE_S,
  C_RAIN_MODE,
  C_RAIN_WEIGHT_A,
  C_RAIN_WEIGHT_B,
  NQ,
  Q_HMAX,
} from './layout.ts';
import type { HydroArrays } from './layout.ts';
import type { ModelSpec } from './model.ts';
import { computeLevels, createLtsScratch, fluxPassLts, updatePassLts } from './lts-kernel.ts';
import type { LtsScratch } from './lts-kernel.ts';
import { expPortable } from './portable-math.ts';
import { updatePass } from './update-kernel.ts';

/**
 * Phases a profiled driver times (ms, summed): step set-up and rain, faces and limiter, waiting at the first
 * barrier, cell update, waiting at the second barrier, sewers, ledger and outputs.
 */
export const STEP_PHASES = ['prepare', 'faces', 'wait1', 'update', 'wait2', 'after'] as const;

/** Steps closer than this to an event time (s) snap onto it. */
const SNAP_S = 1e-6;

/** What the thread that owns the run does at its points of the step (rain, outputs, ledger). */
export interface StepHooks {
  /** Before the step's pass 1, with the step's start and end times. */
  beforeStep(tS: number, tNextS: number): void;
  /** After the step, all bands done. */
  afterStep(tS: number, vars: StepVars): void;
}

/** Splits ny rows into `threads` bands aligned on reduction blocks (fewer bands if the grid is small). */
export function splitBands(ny: number, threads: number): [number, number][] {
  const blocks = Math.ceil(ny / BLOCK_ROWS);
  const k = Math.max(1, Math.min(threads, blocks));
  const out: [number, number][] = [];
  for (let t = 0; t < k; t++) {
    const b0 = Math.floor((t * blocks) / k);
    const b1 = Math.floor(((t + 1) * blocks) / k);
    out.push([b0 * BLOCK_ROWS, Math.min(ny, b1 * BLOCK_ROWS)]);
  }
  return out;
}

/**
 * A band with its private scratch (halo face rows, levels, per-level steps) in the engine's memory, where the face
 * kernel reads and writes them, and the inflow entries that fall in it. Once per thread.
 */
export function makeBand(spec: ModelSpec, a: HydroArrays, r0: number, r1: number): Band {
  const nx = spec.cfg.nx;
  const keep: number[] = [];
  for (let e = 0; e < spec.inflowCell.length; e++) {
    const r = Math.floor(spec.inflowCell[e] / nx);
    if (r >= r0 && r < r1) keep.push(e);
  }
  return {
    r0,
    r1,
    ...claimScratch(a),
    inflowCell: Int32Array.from(keep.map((e) => spec.inflowCell[e])),
    inflowIndex: Int32Array.from(keep.map((e) => spec.inflowIndex[e])),
    inflowWeight: Float64Array.from(keep.map((e) => spec.inflowWeight[e])),
  };
}

/** Horton cumulative infiltration (m) at time tS. */
function hortonDepthM(f0MmPerH: number, fcMmPerH: number, decayPerH: number, tS: number): number {
  const fc = fcMmPerH / 3.6e6;
  const df = (f0MmPerH - fcMmPerH) / 3.6e6;
  const k = decayPerH / 3600;
  return fc * tS + (k > 0 ? (df / k) * (1 - expPortable(-k * tS)) : df * tS);
}

/** One thread's stepping state; every thread holds one and they stay identical except for the band. */
export class StepDriver {
  readonly vars: StepVars;
  tS = 0;
  cur = 0;
  steps = 0;
  /** Levels of the macro step `prepare` set up (local time stepping). */
  private macroK = 0;
  /** Start of the phase being timed (`phaseMs`). */
  private lapT = 0;
  /** Local time stepping: this thread's levels and spans (null: one global step). */
  private readonly lts: LtsScratch | null;
  /** When set, wall time per STEP_PHASES entry is added here (ms); for profiles, off in normal runs. */
  phaseMs: Float64Array | null = null;
  /** Sewer water held upstream of each catchment's pumps (m³) and lifted to the river so far. */
  readonly sewerM3: Float64Array;
  readonly liftedM3: Float64Array;

  constructor(
    readonly spec: ModelSpec,
    readonly a: HydroArrays,
    readonly band: Band,
    private readonly barrier: () => void,
  ) {
    this.vars = createStepVars(spec.inflowHydrographs.length, band);
    this.sewerM3 = new Float64Array(spec.cfg.catchSlots);
    this.liftedM3 = new Float64Array(spec.cfg.catchSlots);
    this.lts = spec.ltsLevels > 0 ? createLtsScratch(spec.inflowCell, band) : null;
  }

  /** Deepest water the CFL condition must respect (m), from the block partials and stage edges. */
  private hMax(t: number): number {
    const q = this.a.blockQ;
    let m = 0;
    for (let b = Q_HMAX; b < q.length; b += NQ) if (q[b] > m) m = q[b];
    const s = this.spec;
    for (let e = 0; e < 4; e++) {
      const st = s.edgeStage[e];
      if (st !== null) m = Math.max(m, stageAt(st, t) - s.edgeMinBedM[e]);
    }
    return m;
  }

  /** Sets `vars` for the step starting now; returns false when tEnd is reached. */
  private prepare(tEndS: number): boolean {
    const s = this.spec;
    const cfg = s.cfg;
    const v = this.vars;
    const t = this.tS;
    if (t >= tEndS - SNAP_S) return false;
    // 1. dt = α·dx/√(g·h_max), at most maxDt; the steps left before tEnd are made equal, so the step size
    //    changes smoothly (a step cut short every few steps excites the scheme's checkerboard mode).
    let dt = this.cflStep(t);
    if (this.lts !== null) {
      this.macroK = this.macroLevels(dt);
      dt *= 2 ** this.macroK;
    }
    const left = tEndS - t;
    const tNext = dt >= left - SNAP_S ? tEndS : t + left / Math.ceil(left / dt - 1e-9);
    v.tS = t;
    v.tNextS = tNext;
    v.dtS = tNext - t;
    v.cellDtMinS = v.dtS;
    v.cellDtMaxS = v.dtS;
    // 2. Boundary stages, infiltration capacity, inlet limits and inflow volumes over [t, tNext].
    for (let e = 0; e < 4; e++) if (cfg.edgeKind[e] === EDGE_STAGE) v.edgeStageM[e] = stageAt(s.edgeStage[e]!, t);
    v.riverStageNextM = s.riverStage === null ? 0 : stageAt(s.riverStage, tNext);
    for (let c = 0; c < s.horton.length; c++) {
      const p = s.horton[c];
      v.infilDepthM[c] = p
        ? hortonDepthM(p.f0MmPerH, p.fcMmPerH, p.decayPerH, tNext) -
          hortonDepthM(p.f0MmPerH, p.fcMmPerH, p.decayPerH, t)
        : 0;
    }
    v.infilDepthM[s.horton.length] = 0;
    this.inletFactors(v.dtS);
    for (let k = 0; k < s.inflowHydrographs.length; k++)
      v.inflowVolM3[k] = Math.max(0, hydrographIntegral(s.inflowHydrographs[k], t, tNext));
    return true;
  }

  /** The CFL step now: α·dx/√(g·h_max), at most maxDt; an error below minDt. */
  private cflStep(t: number): number {
    const s = this.spec;
    const cfg = s.cfg;
    const hmax = this.hMax(t);
    let dt = s.maxDtS;
    if (hmax > cfg.depthThresholdM) dt = Math.min(dt, (s.cfl * cfg.dxM) / Math.sqrt(cfg.gravity * hmax));
    if (dt < s.minDtS)
      throw new SimulationError(
        `the CFL condition cannot be met at t = ${t.toFixed(1)} s: water ${hmax.toFixed(2)} m deep needs steps of ${dt.toExponential(2)} s, below the floor of ${s.minDtS} s`,
        { input: 'run' },
        'check the stages and inflows for unrealistic depths, or use coarser cells',
      );
    return dt;
  }

  /** Levels K of a macro step starting from the CFL step dt0: as many as the longest step allows, at least 1. */
  private macroLevels(dt0: number): number {
    let K = 1;
    while (K < this.spec.ltsLevels && 2 ** (K + 1) * dt0 <= this.spec.maxDtS * (1 + 1e-12)) K++;
    return K;
  }

  /** Share of each pumped catchment's inlet capacity open this step: pumps plus free sewer storage. */
  private inletFactors(dt: number): void {
    const s = this.spec;
    const f = this.vars.catchFactor;
    for (let slot = 0; slot < f.length; slot++) {
      if (!s.slotPumped[slot]) {
        f[slot] = 1;
        continue;
      }
      const want = s.slotInletM3PerS[slot] * dt;
      const room = this.pumpCapacity(slot) * dt + s.slotStorageM3[slot] - this.sewerM3[slot];
      f[slot] = want > 0 ? Math.max(0, Math.min(1, room / want)) : 1;
    }
  }

  /** Working pump capacity of a catchment (m³/s). */
  pumpCapacity(slot: number): number {
    let cap = 0;
    const s = this.spec;
    for (let k = 0; k < s.stationSlot.length; k++)
      if (s.stationSlot[k] === slot && !this.a.pumpFailed[k]) cap += s.stationCapacityM3PerS[k];
    return cap;
  }

  /** Sewer storage: inlet water in, pumps lift what they can to the river. */
  private afterStep(): void {
    const s = this.spec;
    const slots = s.cfg.catchSlots;
    const bc = this.a.blockCatch;
    const area = s.cfg.cellAreaM2;
    const dt = this.vars.dtS;
    for (let slot = 0; slot < slots; slot++) {
      if (!s.slotPumped[slot]) continue;
      let intake = 0;
      for (let b = slot; b < bc.length; b += slots) intake += bc[b];
      const held = this.sewerM3[slot] + intake * area;
      const lift = Math.min(held, this.pumpCapacity(slot) * dt);
      this.sewerM3[slot] = held - lift;
      this.liftedM3[slot] += lift;
    }
  }

  /**
   * Runs steps until tEndS. `hooks` only on the thread that owns the run. Rain values are read from the shared
   * control slots after the first barrier, where the owner wrote them in `beforeStep`.
   */
  runUntil(tEndS: number, hooks?: StepHooks): void {
    if (this.lts !== null) {
      this.runUntilLts(tEndS, this.lts, hooks);
      return;
    }
    const a = this.a;
    const v = this.vars;
    const s = this.spec;
    const p = this.phaseMs;
    if (p) this.lapT = performance.now();
    while (this.prepare(tEndS)) {
      hooks?.beforeStep(v.tS, v.tNextS);
      if (p) this.lap(0);
      fluxPass(a, s.cfg, v, this.band, this.cur);
      if (p) this.lap(1);
      this.barrier();
      if (p) this.lap(2);
      this.readRain();
      updatePass(a, s.cfg, v, this.band, this.cur);
      if (p) this.lap(3);
      this.barrier();
      if (p) this.lap(4);
      this.afterStep();
      this.cur = 1 - this.cur;
      this.steps++;
      this.tS = v.tNextS;
      hooks?.afterStep(this.tS, v);
      if (p) this.lap(5);
    }
  }

  /**
   * Runs macro steps until tEndS under local time stepping: per macro step the levels, then 2^K sub-steps of dt0
   * (each the two passes and two barriers of a global step), then the sewers, ledger and outputs as after a step.
   */
  private runUntilLts(tEndS: number, L: LtsScratch, hooks?: StepHooks): void {
    const a = this.a;
    const v = this.vars;
    const s = this.spec;
    const cfg = s.cfg;
    const p = this.phaseMs;
    if (p) this.lapT = performance.now();
    setLevels(v, L.levels);
    while (this.prepare(tEndS)) {
      hooks?.beforeStep(v.tS, v.tNextS);
      // 1. Levels: dt0 and the deepest water each level's step allows.
      const K = this.macroK;
      const n = 2 ** K;
      const dt0 = v.dtS / n;
      const hl = this.band.hLimit;
      for (let k = 0; k <= K; k++) {
        const dk = dt0 * 2 ** k;
        v.dtLevel[k] = dk;
        v.gdtLevel[k] = (cfg.gravity * dk) / cfg.dxM;
        const c = (s.cfl * cfg.dxM) / dk;
        hl[k] = dk <= s.maxDtS * (1 + 1e-12) ? (c * c) / cfg.gravity : -1;
      }
      const stage0 = s.riverStage === null ? 0 : stageAt(s.riverStage, v.tS);
      v.ltsK = K;
      v.subStepCount = n;
      v.cellDtMinS = dt0;
      v.cellDtMaxS = dt0;
      for (let k = 1; k <= K; k++) if (hl[k] >= 0) v.cellDtMaxS = v.dtLevel[k];
      computeLevels(a, cfg, this.band, L, hl, K, stage0, v.edgeStageM);
      if (p) this.lap(0);
      for (let sub = 0; sub < n; sub++) {
        // 2. Faces due now and cells whose period starts now: level ≤ jFace.
        const last = sub === n - 1;
        v.jFace = sub === 0 ? K : Math.min(K, 31 - Math.clz32(sub & -sub));
        v.firstSub = sub === 0;
        v.lastSub = last;
        v.tApplyS = last ? v.tNextS : v.tS + (sub + 1) * dt0;
        fluxPassLts(a, cfg, v, this.band, L, this.cur);
        if (p) this.lap(1);
        this.barrier();
        if (p) this.lap(2);
        if (sub === 0) this.readRain();
        this.levelSources(sub, n, dt0, a.control[C_RAIN_EDGE_S]);
        updatePassLts(a, cfg, v, this.band, L, this.cur);
        if (p) this.lap(3);
        this.barrier();
        if (p) this.lap(4);
      }
      this.afterStep();
      this.steps++;
      this.tS = v.tNextS;
      hooks?.afterStep(this.tS, v);
      if (p) this.lap(5);
    }
  }

  /** Adds the wall time since the last lap to phase k (profiles only). */
  private lap(k: number): void {
    const now = performance.now();
    this.phaseMs![k] += now - this.lapT;
    this.lapT = now;
  }

  /** The step's rain as the owner wrote it to the shared control slots before the first barrier. */
  private readRain(): void {
    const v = this.vars;
    const c = this.a.control;
    v.rainMode = c[C_RAIN_MODE];
    v.rainDepthM = c[C_RAIN_DEPTH_M];
    v.rainWeightA = c[C_RAIN_WEIGHT_A];
    v.rainWeightB = c[C_RAIN_WEIGHT_B];
    v.rainBufferA = c[C_RAIN_BUFFER_A];
  }

  /** Rain, infiltration, inflows and river stage per level for the periods starting with sub-step `sub`. */
  private levelSources(sub: number, n: number, dt0: number, rainEdgeS: number): void {
    const v = this.vars;
    const s = this.spec;
    const nc = v.infilDepthM.length;
    const t1 = v.tS + sub * dt0;
    for (let k = 0; k <= v.jFace; k++) {
      const span = 2 ** k;
      const t2 = sub + span === n ? v.tNextS : t1 + span * dt0;
      v.riverStageLevelM[k] = s.riverStage === null ? 0 : stageAt(s.riverStage, t2);
      v.rainLevelDepthM[k] = v.rainDepthM * (span / n);
      const wetA = v.rainWeightA > 0;
      const wetB = v.rainWeightB > 0;
      v.rainLevelA[k] = wetA ? (Math.min(t2, rainEdgeS) - Math.min(t1, rainEdgeS)) / 3.6e6 : 0;
      v.rainLevelB[k] = wetB ? (Math.max(t2, rainEdgeS) - Math.max(t1, rainEdgeS)) / 3.6e6 : 0;
      const nIn = s.inflowHydrographs.length;
      for (let e = 0; e < nIn; e++)
        v.inflowLevelVolM3[k * nIn + e] = Math.max(0, hydrographIntegral(s.inflowHydrographs[e], t1, t2));
      for (let c = 0; c < nc; c++) {
        const hp = c < s.horton.length ? s.horton[c] : null;
        v.infilLevelM[k * nc + c] = hp
          ? hortonDepthM(hp.f0MmPerH, hp.fcMmPerH, hp.decayPerH, t2) -
            hortonDepthM(hp.f0MmPerH, hp.fcMmPerH, hp.decayPerH, t1)
          : 0;
      }
    }
  }
}

/** Floats `packDriver` needs for a run with `slots` catchment slots. */
export function driverStateLength(slots: number): number {
  return 3 + 2 * slots;
}

/** Writes the driver's run state (clock, buffer index, steps, sewer storage) into `out`, for other threads. */
export function packDriver(d: StepDriver, out: Float64Array): void {
  const n = d.sewerM3.length;
  out[0] = d.tS;
  out[1] = d.cur;
  out[2] = d.steps;
  out.set(d.sewerM3, 3);
  out.set(d.liftedM3, 3 + n);
}

/** Reads a `packDriver` state into another thread's driver. */
export function unpackDriver(d: StepDriver, src: Float64Array): void {
  const n = d.sewerM3.length;
  d.tS = src[0];
  d.cur = src[1];
  d.steps = src[2];
  d.sewerM3.set(src.subarray(3, 3 + n));
  d.liftedM3.set(src.subarray(3 + n, 3 + 2 * n));
}
