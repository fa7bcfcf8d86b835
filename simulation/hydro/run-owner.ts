// The thread that owns a run: reads rain for each window, keeps the mass ledger and counters, records point
// series and calls the output hook. Kernels never see the RainField; they read rain from shared slots.
import { SimulationError } from '../errors.ts';
import type { RainField } from '../rain/rain-field.ts';
import type { StepHooks } from './step-driver.ts';
import type { StepVars } from './kernel-config.ts';
import {
  C_RAIN_BUFFER_A,
  C_RAIN_DEPTH_M,
  C_RAIN_EDGE_S,
  C_RAIN_MODE,
  C_RAIN_WEIGHT_A,
  C_RAIN_WEIGHT_B,
  C_TRUCK_COUNT,
  MAX_TRUCK_ENTRIES,
  NQ,
  OPEN,
  Q_BIN,
  Q_BOUT,
  Q_CELLS,
  Q_DRAIN,
  Q_INFIL,
  Q_INFLOW,
  Q_RAIN,
  Q_STORED,
  Q_TRUCK,
} from './layout.ts';
import type { HydroArrays } from './layout.ts';
import type { ModelSpec } from './model.ts';
import type { DepthPoint, FloodStats, MassLedger, PointSeries, TruckSink } from './types.ts';

/** The block partials that are flows over the step (added to the totals), as opposed to the stored volume. */
const FLOWS = Int32Array.of(Q_RAIN, Q_INFIL, Q_DRAIN, Q_TRUCK, Q_INFLOW, Q_BIN, Q_BOUT);

/** What of the owner changes during a run, as plain data (see engine-snapshot.ts). */
export interface OwnerState {
  totals: Float64Array;
  storedM3: number;
  windowHeld: number[];
  windowWet: number[];
  nextOutputS: number;
  sinkEnds: Int32Array;
  stats: FloodStats;
  series: PointSeries;
}

/** Ledger totals, counters and outputs of one run. */
export class RunOwner implements StepHooks {
  private readonly totals = new Float64Array(NQ);
  readonly stored0M3: number;
  private storedM3: number;
  private readonly windowHeld = [-1, -1];
  private readonly windowWet = [0, 0];
  private nextOutputS: number;
  /** Per sink of the last setTruckSinks, one past its last entry. */
  private sinkEnds = new Int32Array(0);
  readonly stats: FloodStats;
  readonly series: PointSeries;

  constructor(
    private readonly spec: ModelSpec,
    private readonly a: HydroArrays,
    private readonly rain: RainField | undefined,
    private readonly points: DepthPoint[],
    private readonly onOutput: ((tS: number, depthM: Float64Array) => void) | undefined,
  ) {
    let stored = 0;
    for (let i = 0; i < a.h.length; i++) if (a.kind[i] === OPEN) stored += a.h[i];
    this.stored0M3 = stored * spec.cfg.cellAreaM2;
    this.storedM3 = this.stored0M3;
    const n = spec.cfg.nx * spec.cfg.ny;
    this.stats = { steps: 0, subSteps: 0, cells: n, cellSteps: 0, activeCellSteps: 0, minDtS: Infinity, maxDtS: 0 };
    this.series = { names: points.map((p) => p.name), timesS: [], depthsM: [] };
    this.nextOutputS = spec.outputEveryS;
    for (const p of points)
      if (!Number.isInteger(p.cell) || p.cell < 0 || p.cell >= n)
        throw new SimulationError(
          `cell ${p.cell} is outside the grid`,
          { input: `point ${p.name}` },
          'place the point inside the DEM',
        );
    this.recordPoints(0);
  }

  private recordPoints(tS: number): void {
    if (this.points.length === 0) return;
    this.series.timesS.push(tS);
    this.series.depthsM.push(this.points.map((p) => (this.a.kind[p.cell] === OPEN ? this.a.h[p.cell] : 0)));
  }

  /**
   * Sets the step's rain in the shared slots: the exact mean over the step when the field is uniform, else the
   * means of the (at most two) fixed windows the step overlaps, weighted by the overlap (volume stays exact).
   */
  beforeStep(tS: number, tNextS: number): void {
    const rain = this.rain;
    const c = this.a.control;
    c[C_RAIN_MODE] = 0;
    if (!rain || tS >= rain.endS) return;
    const mean = rain.uniformMean(tS, tNextS);
    if (!Number.isNaN(mean)) {
      if (!(mean >= 0))
        throw new SimulationError(`mean rain ${mean} mm/h over ${tS}–${tNextS} s is negative`, { input: 'rain' });
      c[C_RAIN_MODE] = mean > 0 ? 1 : 0;
      c[C_RAIN_DEPTH_M] = (mean * (tNextS - tS)) / 3.6e6;
      return;
    }
    const w = this.spec.rainWindowS;
    const kA = Math.floor(tS / w);
    const kB = Math.max(kA, Math.ceil(tNextS / w) - 1);
    const bufA = this.holdWindow(kA, -1);
    const bufB = kB === kA ? bufA : this.holdWindow(kB, bufA);
    const edge = (kA + 1) * w;
    c[C_RAIN_BUFFER_A] = bufA;
    c[C_RAIN_EDGE_S] = kB !== kA ? edge : Infinity;
    c[C_RAIN_WEIGHT_A] = this.windowWet[bufA] ? (Math.min(tNextS, edge) - tS) / 3.6e6 : 0;
    c[C_RAIN_WEIGHT_B] = kB !== kA && this.windowWet[bufB] ? (tNextS - edge) / 3.6e6 : 0;
    c[C_RAIN_MODE] = c[C_RAIN_WEIGHT_A] > 0 || c[C_RAIN_WEIGHT_B] > 0 ? 2 : 0;
  }

  /** Index of the rain buffer holding window k, filling the one not in use (`keep`) if needed. */
  private holdWindow(k: number, keep: number): number {
    if (this.windowHeld[0] === k) return 0;
    if (this.windowHeld[1] === k) return 1;
    const b = keep === 0 ? 1 : keep === 1 ? 0 : this.windowHeld[0] < this.windowHeld[1] ? 0 : 1;
    const w = this.spec.rainWindowS;
    const buf = this.a.rainMmPerH[b];
    this.rain!.fillMean(k * w, (k + 1) * w, buf);
    let any = false;
    for (let i = 0; i < buf.length; i++) {
      const v = buf[i];
      if (!(v >= 0))
        throw new SimulationError(`rain ${v} mm/h at cell ${i} in ${k * w}–${(k + 1) * w} s is negative`, {
          input: 'rain',
          item: i,
        });
      if (this.a.kind[i] !== OPEN) buf[i] = 0;
      else if (v > 0) any = true;
    }
    this.windowHeld[b] = k;
    this.windowWet[b] = any ? 1 : 0;
    return b;
  }

  /**
   * Adds the step's block partials to the ledger, in block order (the same sums whatever the threads), and
   * records outputs at the first step ending at or after each output time (steps are not cut to hit them).
   */
  afterStep(tS: number, v: StepVars): void {
    const q = this.a.blockQ;
    const t = this.totals;
    let stored = 0;
    let cells = 0;
    for (let b = 0; b < q.length; b += NQ) {
      stored += q[b + Q_STORED];
      cells += q[b + Q_CELLS];
      for (let j = 0; j < FLOWS.length; j++) t[FLOWS[j]] += q[b + FLOWS[j]];
    }
    this.storedM3 = stored * this.spec.cfg.cellAreaM2;
    const s = this.stats;
    s.steps++;
    s.subSteps += v.subStepCount;
    s.cellSteps += s.cells * v.subStepCount;
    s.activeCellSteps += cells;
    if (v.cellDtMinS < s.minDtS) s.minDtS = v.cellDtMinS;
    if (v.cellDtMaxS > s.maxDtS) s.maxDtS = v.cellDtMaxS;
    if (tS >= this.nextOutputS - 1e-6) {
      this.nextOutputS = (Math.floor(tS / this.spec.outputEveryS + 1e-9) + 1) * this.spec.outputEveryS;
      this.recordPoints(tS);
      this.onOutput?.(tS, this.a.h);
    }
  }

  /** The changing state, copied. */
  state(): OwnerState {
    return {
      totals: this.totals.slice(),
      storedM3: this.storedM3,
      windowHeld: [...this.windowHeld],
      windowWet: [...this.windowWet],
      nextOutputS: this.nextOutputS,
      sinkEnds: this.sinkEnds.slice(),
      stats: { ...this.stats },
      series: structuredClone(this.series),
    };
  }

  /** Puts back a state from `state()` of an owner of the same model. */
  load(s: OwnerState): void {
    this.totals.set(s.totals);
    this.storedM3 = s.storedM3;
    this.windowHeld.splice(0, 2, ...s.windowHeld);
    this.windowWet.splice(0, 2, ...s.windowWet);
    this.nextOutputS = s.nextOutputS;
    this.sinkEnds = s.sinkEnds.slice();
    Object.assign(this.stats, s.stats);
    // A state saved before sub-steps were counted: one per step.
    if (!(this.stats.subSteps >= 0)) this.stats.subSteps = this.stats.steps;
    this.series.timesS.splice(0, Infinity, ...s.series.timesS);
    this.series.depthsM.splice(0, Infinity, ...structuredClone(s.series.depthsM));
  }

  /** The cumulative mass ledger. */
  ledger(): MassLedger {
    const A = this.spec.cfg.cellAreaM2;
    const t = this.totals;
    const l: MassLedger = {
      rainM3: t[Q_RAIN] * A,
      inflowM3: t[Q_INFLOW] * A,
      boundaryInM3: t[Q_BIN] * A,
      boundaryOutM3: t[Q_BOUT] * A,
      drainedM3: t[Q_DRAIN] * A,
      infiltratedM3: t[Q_INFIL] * A,
      pumpedM3: t[Q_TRUCK] * A,
      storedM3: this.storedM3,
      stored0M3: this.stored0M3,
      relativeError: 0,
    };
    const inM3 = l.rainM3 + l.inflowM3 + l.boundaryInM3;
    const outM3 = l.boundaryOutM3 + l.drainedM3 + l.infiltratedM3 + l.pumpedM3;
    const scale = Math.max(inM3, l.storedM3);
    l.relativeError = scale > 0 ? (l.storedM3 - l.stored0M3 - inM3 + outM3) / scale : 0;
    return l;
  }

  /** Writes pump-truck draws into the shared sink list: each truck's rate split equally over its cells. */
  setTruckSinks(sinks: readonly TruckSink[]): void {
    const n = this.spec.cfg.nx * this.spec.cfg.ny;
    let e = 0;
    this.sinkEnds = new Int32Array(sinks.length);
    sinks.forEach((s, k) => {
      if (!(s.rateM3PerS >= 0))
        throw new SimulationError(`rate ${s.rateM3PerS} m³/s is negative`, {
          input: 'truck sinks',
          item: k,
          field: 'rateM3PerS',
        });
      for (let j = 0; j < s.cells.length; j++) {
        const cell = s.cells[j];
        if (!Number.isInteger(cell) || cell < 0 || cell >= n)
          throw new SimulationError(`cell ${cell} is outside the grid`, {
            input: 'truck sinks',
            item: k,
            field: 'cells',
          });
        if (e >= MAX_TRUCK_ENTRIES)
          throw new SimulationError(
            `more than ${MAX_TRUCK_ENTRIES} sink cells`,
            { input: 'truck sinks' },
            'give each truck fewer cells',
          );
        this.a.truckCell[e] = cell;
        this.a.truckRate[e] = s.rateM3PerS / s.cells.length;
        this.a.truckTakenM[e] = 0;
        e++;
      }
      this.sinkEnds[k] = e;
    });
    this.a.control[C_TRUCK_COUNT] = e;
  }

  /** Water (m³) each sink of the last `setTruckSinks` has actually taken since then, in the order given. */
  pumpedBySinkM3(): Float64Array {
    const out = new Float64Array(this.sinkEnds.length);
    let e = 0;
    for (let k = 0; k < out.length; k++) {
      for (; e < this.sinkEnds[k]; e++) out[k] += this.a.truckTakenM[e] * this.spec.cfg.cellAreaM2;
    }
    return out;
  }
}
