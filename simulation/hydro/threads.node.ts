// The flood engine split in row bands over Node worker threads: arrays on SharedArrayBuffers, the calling thread
// runs band 0 and owns the run, workers run the others; two barriers per step. Results are byte-identical to
// one thread: every thread computes the same step values, halo faces are recomputed identically and sums are
// taken per fixed block of rows, in block order.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SimulationError } from '../errors.ts';
import {
  abortBarrier,
  CMD_EXIT,
  CMD_RESTORE,
  CMD_RUN,
  makeBarrier,
  S_ABORT,
  S_COMMAND,
  S_COMMAND_SEQ,
  S_DONE,
  S_READY,
} from './barrier.ts';
import { FloodEngine, FloodRunBase } from './engine.ts';
import type { FloodEngineFactory, FloodRun } from './engine.ts';
import type { FloodEngineSnapshot } from './engine-snapshot.ts';
import { C_T_END } from './layout.ts';
import { driverStateLength, makeBand, packDriver, splitBands, StepDriver } from './step-driver.ts';
import type { FloodOptions, HydroRasters } from './types.ts';
import type { WorkerInit } from './worker-main.node.ts';
import { bundledWorker, execArgvWithoutTsx } from './worker-bundle.node.ts';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
let entry: { url: URL; execArgv?: string[] } | undefined;

/**
 * Where a worker thread starts: a cached plain JavaScript bundle of `worker-main.node.ts` when one can be had
 * (see worker-bundle.node.ts), else the tsx entry. RIVERTWIN_WORKER_BUNDLE=0 always takes the tsx entry.
 */
function workerEntry(): { url: URL; execArgv?: string[] } {
  if (!entry) {
    const bundle =
      process.env.RIVERTWIN_WORKER_BUNDLE === '0'
        ? undefined
        : bundledWorker(fileURLToPath(new URL('./worker-main.node.ts', import.meta.url)));
    entry = bundle ? { url: bundle, execArgv: execArgvWithoutTsx() } : { url: ENTRY };
  }
  return entry;
}
/** How long a synchronous start waits for its workers (ms). */
const START_TIMEOUT_MS = 60_000;

/** The engine over worker threads; create it with `createFloodRun` or `threadedEngines`. */
export class ThreadedFloodEngine extends FloodRunBase {
  private workers: Worker[] = [];
  private readonly ready: Promise<void>[] = [];
  private readonly errorBuffer = new SharedArrayBuffer(4 + 4096);
  private readonly restoreBuffer: SharedArrayBuffer;
  private broken = false;
  readonly threads: number;

  /** Builds the model and starts `threads` − 1 workers (fewer on small grids); they are ready when `ready` settles. */
  private constructor(rasters: HydroRasters, options: FloodOptions, threads: number) {
    // One scratch region per band; a grid too small to split runs fewer bands (checked again once built).
    super(
      rasters,
      options,
      true,
      splitBands(Number.isInteger(rasters.ny) && rasters.ny > 0 ? rasters.ny : 1, threads).length,
    );
    const bands = splitBands(this.spec.cfg.ny, threads);
    this.threads = bands.length;
    this.restoreBuffer = new SharedArrayBuffer(8 * driverStateLength(this.spec.cfg.catchSlots));
    this.driver = new StepDriver(
      this.spec,
      this.arrays,
      makeBand(this.spec, this.arrays, bands[0][0], bands[0][1]),
      makeBarrier(this.arrays.sync, bands.length),
    );
    for (let k = 1; k < bands.length; k++) {
      const init: WorkerInit = {
        arrays: { sizes: this.arrays.sizes, stations: this.arrays.stations, memory: this.arrays.memory },
        spec: this.spec,
        band: k,
        r0: bands[k][0],
        r1: bands[k][1],
        parties: bands.length,
        errorBuffer: this.errorBuffer,
        restoreBuffer: this.restoreBuffer,
      };
      const { url, execArgv } = workerEntry();
      const w = new Worker(url, { workerData: init, ...(execArgv ? { execArgv } : {}) });
      w.unref();
      this.workers.push(w);
      this.ready.push(
        new Promise((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`hydro worker exited with code ${code} before it was ready`)));
        }),
      );
    }
  }

  /** An engine on `threads` threads, resolved once its workers are ready. */
  static async create(rasters: HydroRasters, options: FloodOptions, threads: number): Promise<ThreadedFloodEngine> {
    const e = new ThreadedFloodEngine(rasters, options, threads);
    try {
      await Promise.all(e.ready);
    } catch (err) {
      e.close();
      throw err;
    }
    for (const w of e.workers) w.removeAllListeners('exit');
    return e;
  }

  /**
   * An engine on `threads` threads, returned once its workers are ready, without yielding to the event loop (the
   * workers start on their own threads): for synchronous callers such as a coupled run's constructor.
   */
  static createSync(rasters: HydroRasters, options: FloodOptions, threads: number): ThreadedFloodEngine {
    const e = new ThreadedFloodEngine(rasters, options, threads);
    for (const p of e.ready) p.catch(() => {});
    const sync = e.arrays.sync;
    const deadline = performance.now() + START_TIMEOUT_MS;
    for (let n = Atomics.load(sync, S_READY); n < e.workers.length; n = Atomics.load(sync, S_READY)) {
      const left = deadline - performance.now();
      if (left <= 0) {
        e.close();
        throw new SimulationError(
          `${e.workers.length - n} of ${e.workers.length} flood worker threads did not start within ${START_TIMEOUT_MS / 1000} s`,
          { input: 'threads' },
          'run on one thread, or check that the worker entry can be loaded',
        );
      }
      Atomics.wait(sync, S_READY, n, Math.min(200, left));
    }
    for (const w of e.workers) w.removeAllListeners('exit');
    return e;
  }

  /** Puts back a snapshot: the owner's arrays, driver and ledger, then every worker's driver. */
  override restore(s: FloodEngineSnapshot): void {
    if (this.broken) throw new SimulationError('this run failed earlier', { input: 'restore' }, 'start a new run');
    super.restore(s);
    packDriver(this.driver, new Float64Array(this.restoreBuffer));
    this.command(CMD_RESTORE);
  }

  advanceTo(tS: number): void {
    if (this.broken) throw new SimulationError('this run failed earlier', { input: 'advanceTo' }, 'start a new run');
    this.checkTarget(tS);
    this.arrays.control[C_T_END] = tS;
    this.command(CMD_RUN, () => this.driver.runUntil(tS, this.owner));
  }

  /** Posts a command to the workers, runs the owner's share, and waits until every worker has done its share. */
  private command(cmd: number, own?: () => void): void {
    const sync = this.arrays.sync;
    const workers = this.workers.length;
    Atomics.store(sync, S_DONE, 0);
    Atomics.store(sync, S_COMMAND, cmd);
    Atomics.add(sync, S_COMMAND_SEQ, 1);
    Atomics.notify(sync, S_COMMAND_SEQ);
    let failure: unknown;
    try {
      own?.();
    } catch (err) {
      // Wake workers waiting at a barrier this thread will not reach (a CFL failure stops every thread anyway).
      failure = err;
      abortBarrier(sync);
    }
    // Wait for every worker to finish before the caller may change trucks or pumps.
    for (let done = Atomics.load(sync, S_DONE); done < workers; done = Atomics.load(sync, S_DONE))
      Atomics.wait(sync, S_DONE, done, 200);
    if (failure !== undefined || Atomics.load(sync, S_ABORT) !== 0) {
      this.broken = true;
      if (failure !== undefined && (failure as Error).name !== 'BarrierAbort') throw failure;
      const len = new Int32Array(this.errorBuffer, 0, 1)[0];
      const text = new TextDecoder().decode(new Uint8Array(this.errorBuffer, 4, len).slice());
      throw new Error(`hydro worker failed: ${text}`);
    }
  }

  close(): void {
    if (this.workers.length === 0) return;
    Atomics.store(this.arrays.sync, S_COMMAND, CMD_EXIT);
    Atomics.add(this.arrays.sync, S_COMMAND_SEQ, 1);
    Atomics.notify(this.arrays.sync, S_COMMAND_SEQ);
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
}

/**
 * A flood run on `threads` threads: the plain engine for 1, worker threads (row bands) for more.
 * Call `close()` when done to stop the workers.
 */
export async function createFloodRun(
  rasters: HydroRasters,
  options: FloodOptions = {},
  threads = 1,
): Promise<FloodRun> {
  if (!Number.isInteger(threads) || threads < 1)
    throw new SimulationError(`thread count ${threads} is not a positive whole number`, { input: 'threads' });
  if (threads === 1) return new FloodEngine(rasters, options);
  return ThreadedFloodEngine.create(rasters, options, threads);
}

/**
 * A factory for coupled runs (`ScenarioTwin.engine`): engines on `threads` threads, started synchronously; one
 * thread is the plain engine. Same bits whatever the count.
 */
export function threadedEngines(threads: number): FloodEngineFactory {
  if (!Number.isInteger(threads) || threads < 1)
    throw new SimulationError(`thread count ${threads} is not a positive whole number`, { input: 'threads' });
  return (rasters, options) =>
    threads === 1 ? new FloodEngine(rasters, options) : ThreadedFloodEngine.createSync(rasters, options, threads);
}
