// One task in a worker thread — work too heavy for the event loop that is not a run: an incident-log import (the
// same importIncidents the CLI runs) or a report's HTML (the same builder as `rivertwin report`). Answers once.
import { existsSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openRecord } from '../../cli/open-record.ts';
import { recordTwin } from '../../cli/record-twin.ts';
import { importIncidents } from '../../cli/verbs/import-incidents.ts';
import { buildReportHtml, readReportInput } from '../../report/index.ts';
import type { Task, TaskAnswer } from './run-task.ts';

async function perform(task: Task): Promise<unknown> {
  if (task.kind === 'import') return importIncidents(task.request);
  const record = openRecord(task.recordDir);
  const parentPath = record.replay.manifest.parent?.record;
  const parent =
    parentPath && existsSync(parentPath) && statSync(parentPath).isDirectory() ? openRecord(parentPath) : null;
  const twin = await recordTwin(record.replay, task.districtDir);
  return buildReportHtml(task.lang, readReportInput({ record, twin, parent, compared: null }, task.lang));
}

perform(workerData as Task).then(
  (value) => parentPort!.postMessage({ ok: true, value } satisfies TaskAnswer),
  (err: unknown) => {
    const e = err as Error & { code?: string; hint?: string };
    parentPort!.postMessage({
      ok: false,
      name: e?.name ?? 'Error',
      message: e?.message ?? String(err),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      ...(e?.hint ? { hint: e.hint } : {}),
    } satisfies TaskAnswer);
  },
);
