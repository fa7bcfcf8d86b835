// The flood engine split in row bands over Node worker threads: arrays on SharedArrayBuffers, the calling thread
// runs band 0 and owns the run, workers run the others; two barriers per step. Results are byte-identical to
// one thread: every thread computes the same step values, halo faces are recomputed identically and sums are
// taken per fixed block of rows, in block order.
import { Worker } from 'node:worker_threads';
import { SimulationError } from '../errors.ts';
import { abortBarrier, CMD_EXIT, CMD_RUN, makeBarrier, S_ABORT, S_COMMAND, S_COMMAND_SEQ, S_DONE } from './barrier.ts';
import { FloodEngine, FloodRunBase } from './engine.ts';
import type { FloodRun } from './engine.ts';
import { C_T_END } from './layout.ts';
import { makeBand, splitBands, StepDriver } from './step-driver.ts';
import type { FloodOptions, HydroRasters } from './types.ts';
import type { WorkerInit } from './worker-main.node.ts';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** The engine over worker threads; create it with `createFloodRun`. */
export class ThreadedFloodEngine extends FloodRunBase {
  private workers: Worker[] = [];
  private readonly errorBuffer = new SharedArrayBuffer(4 + 4096);
  private broken = false;
  readonly threads: number;

  private constructor(rasters: HydroRasters, options: FloodOptions, threads: number) {
    super(rasters, options, true);
    const bands = splitBands(this.spec.cfg.ny, threads);
    this.threads = bands.length;
    this.driver = new StepDriver(
      this.spec,
      this.arrays,
      makeBand(this.spec, bands[0][0], bands[0][1], true),
      makeBarrier(this.arrays.sync, bands.length),
    );
  }

  /** Starts `threads` − 1 workers (fewer on small grids) and waits until they are ready. */
  static async create(rasters: HydroRasters, options: FloodOptions, threads: number): Promise<ThreadedFloodEngine> {
    const e = new ThreadedFloodEngine(rasters, options, threads);
    const bands = splitBands(e.spec.cfg.ny, threads);
    const ready: Promise<void>[] = [];
    for (let k = 1; k < bands.length; k++) {
      const init: WorkerInit = {
        arrays: { sizes: e.arrays.sizes, stations: e.arrays.stations, buffers: e.arrays.buffers },
        spec: e.spec,
        r0: bands[k][0],
        r1: bands[k][1],
        parties: bands.length,
        errorBuffer: e.errorBuffer,
      };
      const w = new Worker(ENTRY, { workerData: init });
      w.unref();
      e.workers.push(w);
      ready.push(
        new Promise((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`hydro worker exited with code ${code} before it was ready`)));
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (err) {
      e.close();
      throw err;
    }
    for (const w of e.workers) w.removeAllListeners('exit');
    return e;
  }

  /** Workers keep their own step clocks, which a restore cannot reach yet: restore onto a FloodEngine. */
  override restore(): void {
    throw new SimulationError(
      'the threaded engine cannot be restored',
      { input: 'engine snapshot' },
      'restore onto a FloodEngine (one thread); its steps give the same bits',
    );
  }

  advanceTo(tS: number): void {
    if (this.broken) throw new SimulationError('this run failed earlier', { input: 'advanceTo' }, 'start a new run');
    this.checkTarget(tS);
    const sync = this.arrays.sync;
    const workers = this.workers.length;
    this.arrays.control[C_T_END] = tS;
    Atomics.store(sync, S_DONE, 0);
    Atomics.store(sync, S_COMMAND, CMD_RUN);
    Atomics.add(sync, S_COMMAND_SEQ, 1);
    Atomics.notify(sync, S_COMMAND_SEQ);
    let failure: unknown;
    try {
      this.driver.runUntil(tS, this.owner);
    } catch (err) {
      // Wake workers waiting at a barrier this thread will not reach (a CFL failure stops every thread anyway).
      failure = err;
      abortBarrier(sync);
    }
    // Wait for every worker to finish its last step before the caller may change trucks or pumps.
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
