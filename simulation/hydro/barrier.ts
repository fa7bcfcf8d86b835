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

/** Spins a thread makes before it sleeps: adapts between these bounds (see makeBarrier). */
const SPIN_MIN = 4000;
const SPIN_MAX = 1 << 16;

/**
 * Returns a function that blocks until `parties` threads have called it (then all continue). Every memory write
 * made before the call is visible to every thread after it (Atomics are sequentially consistent).
 *
 * A thread that arrives early spins a while, then sleeps. Waking from a sleep costs tens of microseconds, a large
 * share of a step on a small grid, so the spin adapts per thread: it doubles after a wait that spinning covered and
 * quarters after one it did not (the partner was slow, or descheduled on a machine with more threads than cores,
 * where spinning would burn the core the partner needs).
 * @throws BarrierAbort when a thread sets the abort slot
 */
export function makeBarrier(sync: Int32Array, parties: number): () => void {
  let spins = SPIN_MIN;
  return () => {
    const gen = Atomics.load(sync, S_GENERATION);
    if (Atomics.add(sync, S_COUNT, 1) === parties - 1) {
      Atomics.store(sync, S_COUNT, 0);
      Atomics.add(sync, S_GENERATION, 1);
      Atomics.notify(sync, S_GENERATION);
      return;
    }
    for (let k = 0; k < spins; k++)
      if (Atomics.load(sync, S_GENERATION) !== gen) {
        if (spins < SPIN_MAX) spins *= 2;
        return;
      }
    if (spins > SPIN_MIN) spins = Math.max(SPIN_MIN, spins >> 2);
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
