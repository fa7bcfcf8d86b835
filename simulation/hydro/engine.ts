// The flood engine on one thread (Node, a worker or a browser Worker): build it from rasters and options, advance
// it between control times, change trucks and pumps in between, read depths, maxima, series and the ledger.
import { SimulationError } from '../errors.ts';
import { OPEN } from './layout.ts';
import type { HydroArrays } from './layout.ts';
import { buildModel } from './model.ts';
import type { ModelSpec } from './model.ts';
import {
  checkFingerprint,
  copyArrays,
  loadArrays,
  modelFingerprint,
  type FloodEngineSnapshot,
} from './engine-snapshot.ts';
import { RunOwner } from './run-owner.ts';
import { makeBand, STEP_PHASES, StepDriver } from './step-driver.ts';
import type {
  FloodOptions,
  FloodStats,
  HydroRasters,
  MassLedger,
  PointSeries,
  PumpStationState,
  TruckSink,
} from './types.ts';

/** What every flood engine offers, whatever runs its steps. */
export interface FloodRun {
  /** Simulated time reached (s). */
  readonly tS: number;
  /** Runs steps until tS (s); control changes (trucks, pumps) apply from the next call. */
  advanceTo(tS: number): void;
  setTruckSinks(sinks: readonly TruckSink[]): void;
  /** Water (m³) each sink of the last `setTruckSinks` actually took since it was set, in the order given. */
  pumpedBySinkM3(): Float64Array;
  setPumpStationFailed(id: string, failed: boolean): void;
  /** Current depth per cell (m); a live view, copy it to keep it. */
  depthM(): Float64Array;
  /** Maximum depth per cell so far (m). */
  maxDepthM(): Float64Array;
  /** Time each cell first exceeded the wet depth (s), NaN if never. */
  firstWetS(): Float64Array;
  /** Maximum speed per cell (m/s); zeros unless `trackMaxSpeed`. */
  maxSpeedMPerS(): Float64Array;
  ledger(): MassLedger;
  stats(): FloodStats;
  points(): PointSeries;
  pumpStations(): PumpStationState[];
  /** Frees threads, if any. */
  close(): void;
}

/** The shared parts of every engine: model, arrays, owner and the owner's driver. */
export abstract class FloodRunBase implements FloodRun {
  protected readonly spec: ModelSpec;
  protected readonly arrays: HydroArrays;
  protected readonly owner: RunOwner;
  protected driver!: StepDriver;

  protected constructor(rasters: HydroRasters, options: FloodOptions, shared: boolean, threads: number) {
    const { spec, arrays } = buildModel(rasters, options, shared, threads);
    this.spec = spec;
    this.arrays = arrays;
    this.owner = new RunOwner(spec, arrays, options.rain, options.points ?? [], options.onOutput);
  }

  get tS(): number {
    return this.driver.tS;
  }

  abstract advanceTo(tS: number): void;
  abstract close(): void;

  protected checkTarget(tS: number): void {
    if (!Number.isFinite(tS) || tS < this.driver.tS)
      throw new SimulationError(
        `cannot advance to ${tS} s from ${this.driver.tS} s`,
        { input: 'advanceTo' },
        'give a later, finite time',
      );
  }

  pumpedBySinkM3(): Float64Array {
    return this.owner.pumpedBySinkM3();
  }

  setTruckSinks(sinks: readonly TruckSink[]): void {
    this.owner.setTruckSinks(sinks);
  }

  setPumpStationFailed(id: string, failed: boolean): void {
    const k = this.spec.stationIds.indexOf(id);
    if (k < 0)
      throw new SimulationError(
        `no pump station "${id}"`,
        { input: 'setPumpStationFailed' },
        `use one of: ${this.spec.stationIds.join(', ') || '(none)'}`,
      );
    this.arrays.pumpFailed[k] = failed ? 1 : 0;
  }

  depthM(): Float64Array {
    return this.arrays.h;
  }

  maxDepthM(): Float64Array {
    return this.arrays.maxDepthM;
  }

  firstWetS(): Float64Array {
    return Float64Array.from(this.arrays.firstWetS, (v) => (v < 0 ? NaN : v));
  }

  maxSpeedMPerS(): Float64Array {
    return this.arrays.maxSpeedMPerS.length ? this.arrays.maxSpeedMPerS : new Float64Array(this.arrays.h.length);
  }

  ledger(): MassLedger {
    return this.owner.ledger();
  }

  stats(): FloodStats {
    return { ...this.owner.stats };
  }

  points(): PointSeries {
    return this.owner.series;
  }

  pumpStations(): PumpStationState[] {
    return this.spec.stationIds.map((id, k) => {
      const slot = this.spec.stationSlot[k];
      return {
        id,
        failed: this.arrays.pumpFailed[k] === 1,
        sewerStoredM3: this.driver.sewerM3[slot],
        liftedToRiverM3: this.driver.liftedM3[slot],
      };
    });
  }

  /**
   * Everything that changed since the engine was built, copied: restore it onto an engine built from the same
   * rasters and options (in this process or another) and it continues bit for bit.
   */
  snapshot(): FloodEngineSnapshot {
    const d = this.driver;
    return {
      version: 1,
      fingerprint: modelFingerprint(this.spec, this.arrays),
      arrays: copyArrays(this.arrays),
      driver: { tS: d.tS, cur: d.cur, steps: d.steps, sewerM3: d.sewerM3.slice(), liftedM3: d.liftedM3.slice() },
      owner: this.owner.state(),
    };
  }

  /** Puts back a `snapshot()`; throws SimulationError when it was made for another model. */
  restore(s: FloodEngineSnapshot): void {
    checkFingerprint(s, modelFingerprint(this.spec, this.arrays));
    loadArrays(this.arrays, s.arrays);
    this.driver.tS = s.driver.tS;
    this.driver.cur = s.driver.cur;
    this.driver.steps = s.driver.steps;
    this.driver.sewerM3.set(s.driver.sewerM3);
    this.driver.liftedM3.set(s.driver.liftedM3);
    this.owner.load(s.owner);
  }

  /**
   * Times the calling thread's share of every step from now on, by phase (`STEP_PHASES`: set-up and rain, faces and
   * limiter, barrier wait, update, barrier wait, ledger and outputs); returns the live totals (ms).
   */
  profilePhases(): Float64Array {
    this.driver.phaseMs ??= new Float64Array(STEP_PHASES.length);
    return this.driver.phaseMs;
  }

  /** True when cell i is simulated (not closed, not river). */
  isOpen(i: number): boolean {
    return this.arrays.kind[i] === OPEN;
  }
}

/** Makes the flood engine of a coupled run: on the calling thread by default, on worker threads in Node. */
export type FloodEngineFactory = (rasters: HydroRasters, options: FloodOptions) => FloodRunBase;

/** The engine on the calling thread. */
export class FloodEngine extends FloodRunBase {
  constructor(rasters: HydroRasters, options: FloodOptions = {}) {
    super(rasters, options, false, 1);
    this.driver = new StepDriver(
      this.spec,
      this.arrays,
      makeBand(this.spec, this.arrays, 0, this.spec.cfg.ny),
      () => {},
    );
  }

  advanceTo(tS: number): void {
    this.checkTarget(tS);
    this.driver.runUntil(tS, this.owner);
  }

  close(): void {}
}
