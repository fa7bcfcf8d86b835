// An incident-log import in a worker thread (parsing, matching and, with `simulate`, the flood engine are too much
// for the event loop): the same importIncidents the CLI runs, answering with the summary or the error's parts.
import { parentPort, workerData } from 'node:worker_threads';
import { importIncidents, type ImportRequest } from '../../cli/verbs/import-incidents.ts';

/** The worker's one answer. */
export type ImportAnswer =
  { ok: true; summary: unknown } | { ok: false; name: string; message: string; code?: string; hint?: string };

importIncidents(workerData as ImportRequest).then(
  (summary) => parentPort!.postMessage({ ok: true, summary } satisfies ImportAnswer),
  (err: unknown) => {
    const e = err as Error & { code?: string; hint?: string };
    parentPort!.postMessage({
      ok: false,
      name: e?.name ?? 'Error',
      message: e?.message ?? String(err),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      ...(e?.hint ? { hint: e.hint } : {}),
    } satisfies ImportAnswer);
  },
);
