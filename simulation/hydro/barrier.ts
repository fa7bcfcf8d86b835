// A reusable barrier for threads sharing an Int32Array on a SharedArrayBuffer (Node workers or browser Workers):
// the last thread to arrive bumps a generation counter; the others spin briefly, then sleep on it.

/** Slots in the shared sync array. */
export const S_COUNT = 0;
export const S_GENERATION = 1;
export const S_COMMAND_SEQ = 2;
export const S_COMMAND = 3;
export const S_DONE = 4;
export const S_ABORT = 5;
/** Workers that have started and wait for commands. */
export const S_READY = 6;

/** Commands the owner posts to the other threads. */
export const CMD_RUN = 1;
export const CMD_EXIT = 2;
/** Load the driver state the owner packed into the restore buffer. */
export const CMD_RESTORE = 3;

/** Thrown by a barrier when another thread failed. */
export class BarrierAbort extends Error {
  constructor() {
    super('hydro: another thread failed during the step');
    this.name = 'BarrierAbort';
  }
}

const SPINS = 4000;

/**
 * Returns a function that blocks until `parties` threads have called it (then all continue). Every memory write
 * made before the call is visible to every thread after it (Atomics are sequentially consistent).
 * @throws BarrierAbort when a thread sets the abort slot
 */
export function makeBarrier(sync: Int32Array, parties: number): () => void {
  return () => {
    const gen = Atomics.load(sync, S_GENERATION);
    if (Atomics.add(sync, S_COUNT, 1) === parties - 1) {
      Atomics.store(sync, S_COUNT, 0);
      Atomics.add(sync, S_GENERATION, 1);
      Atomics.notify(sync, S_GENERATION);
      return;
    }
    for (let k = 0; k < SPINS; k++) if (Atomics.load(sync, S_GENERATION) !== gen) return;
    while (Atomics.load(sync, S_GENERATION) === gen) {
      if (Atomics.load(sync, S_ABORT) !== 0) throw new BarrierAbort();
      Atomics.wait(sync, S_GENERATION, gen, 200);
    }
  };
}

/** Marks the run as failed and wakes every waiting thread. */
export function abortBarrier(sync: Int32Array): void {
  Atomics.store(sync, S_ABORT, 1);
  Atomics.add(sync, S_GENERATION, 0);
  Atomics.notify(sync, S_GENERATION);
  Atomics.notify(sync, S_COMMAND_SEQ);
  Atomics.notify(sync, S_DONE);
}
