// A flood-engine worker thread: rebuilds the shared arrays' views, then runs its row band each time the owner
// posts a run command, meeting the other threads at the step barriers.
import { parentPort, workerData } from 'node:worker_threads';
import {
  abortBarrier,
  BarrierAbort,
  CMD_EXIT,
  CMD_RESTORE,
  makeBarrier,
  S_COMMAND,
  S_COMMAND_SEQ,
  S_DONE,
  S_READY,
} from './barrier.ts';
import { C_T_END, viewArrays } from './layout.ts';
import type { ArrayBuffers } from './layout.ts';
import type { ModelSpec } from './model.ts';
import { makeBand, StepDriver, unpackDriver } from './step-driver.ts';

/** What the owner hands each worker. */
export interface WorkerInit {
  arrays: ArrayBuffers;
  spec: ModelSpec;
  /** Index of the band, and of the thread scratch region in the memory. */
  band: number;
  r0: number;
  r1: number;
  parties: number;
  /** Shared bytes for an error message: [length (Int32), UTF-8 text]. */
  errorBuffer: SharedArrayBuffer;
  /** Shared floats the owner packs its driver state into before a restore command (`packDriver`). */
  restoreBuffer: SharedArrayBuffer;
}

const init = workerData as WorkerInit;
const a = viewArrays(init.arrays, init.band);
const driver = new StepDriver(
  init.spec,
  a,
  makeBand(init.spec, a, init.r0, init.r1),
  makeBarrier(a.sync, init.parties),
);

function reportError(e: unknown): void {
  const err = e as Error;
  const text = new TextEncoder().encode(err?.name === 'SimulationError' ? err.message : String(err?.stack ?? err));
  const len = new Int32Array(init.errorBuffer, 0, 1);
  const bytes = new Uint8Array(init.errorBuffer, 4);
  if (Atomics.compareExchange(len, 0, 0, Math.min(text.length, bytes.length)) === 0)
    bytes.set(text.subarray(0, bytes.length));
}

// Read the command counter before saying ready: the owner may post a command as soon as it hears from us.
let seq = Atomics.load(a.sync, S_COMMAND_SEQ);
parentPort!.postMessage('ready');
Atomics.add(a.sync, S_READY, 1);
Atomics.notify(a.sync, S_READY);
for (;;) {
  while (Atomics.load(a.sync, S_COMMAND_SEQ) === seq) Atomics.wait(a.sync, S_COMMAND_SEQ, seq);
  seq = Atomics.load(a.sync, S_COMMAND_SEQ);
  const command = Atomics.load(a.sync, S_COMMAND);
  if (command === CMD_EXIT) break;
  try {
    if (command === CMD_RESTORE) unpackDriver(driver, new Float64Array(init.restoreBuffer));
    else driver.runUntil(a.control[C_T_END]);
  } catch (e) {
    if (!(e instanceof BarrierAbort)) {
      reportError(e);
      if ((e as Error)?.name !== 'SimulationError') abortBarrier(a.sync);
    }
  }
  Atomics.add(a.sync, S_DONE, 1);
  Atomics.notify(a.sync, S_DONE);
}
