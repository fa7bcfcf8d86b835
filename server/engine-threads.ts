// How many threads a coupled run's flood engine uses in Node: `--threads` on the command line, the environment
// variable ENGINE_THREADS in the server's run workers; 2 by default (results are the same bits for any).
import { availableParallelism } from 'node:os';

/** Threads when nothing is said: two, or one on a single-core machine. */
export const DEFAULT_ENGINE_THREADS = Math.min(2, availableParallelism());

/**
 * A thread count from text (undefined: the default). Throws an Error naming `where` and the allowed range for
 * anything but a whole number from 1 to 64.
 */
export function parseEngineThreads(text: string | undefined, where: string): number {
  if (text === undefined || text === '') return DEFAULT_ENGINE_THREADS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`${where} ${JSON.stringify(text)} is not a whole number of threads from 1 to 64`);
  return n;
}
