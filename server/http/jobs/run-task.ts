// Runs a task (import, report) in its own worker thread and turns its answer into a value or the API's coded error.
import { Worker } from 'node:worker_threads';
import type { ImportRequest } from '../../cli/verbs/import-incidents.ts';
import { ApiError, ERROR_CODES, type ErrorCode } from '../error-codes.ts';

/** A task: plain data, so it crosses to the worker thread. */
export type Task =
  | { kind: 'import'; request: ImportRequest }
  | { kind: 'report'; recordDir: string; districtDir: string; lang: 'zh' | 'en' };

/** The worker's one answer. */
export type TaskAnswer =
  { ok: true; value: unknown } | { ok: false; name: string; message: string; code?: string; hint?: string };

const ENTRY = new URL('./task-worker-entry.mjs', import.meta.url);
const DOMAIN = new Set(['TwinError', 'SimulationError', 'CliError']);

/** The task's value; a domain error (bad input) as a coded 4xx, anything else as an internal error. */
export async function runTask<T>(task: Task): Promise<T> {
  const answer = await new Promise<TaskAnswer>((resolve, reject) => {
    const w = new Worker(ENTRY, { workerData: task });
    w.once('message', resolve);
    w.once('error', reject);
  });
  if (answer.ok) return answer.value as T;
  if (DOMAIN.has(answer.name)) {
    const code: ErrorCode =
      answer.code && answer.code in ERROR_CODES ? (answer.code as ErrorCode) : 'API_ERR_BAD_REQUEST';
    throw new ApiError(code, answer.message.replace(/^rivertwin: /, ''), answer.hint);
  }
  throw new Error(answer.message);
}
