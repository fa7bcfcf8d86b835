// A `rivertwin worker` process: takes RunJobs from the BullMQ queue and runs each in a worker thread (the same
// run-worker as the embedded pool), so the process's event loop stays free to renew its job locks; a process that dies
// stops renewing, and another worker's stalled-job check puts the job back to be run again from the start.
import { hostname } from 'node:os';
import { Worker as Thread } from 'node:worker_threads';
import { Worker, type Job } from 'bullmq';
import { cancelKey, RUN_QUEUE_NAME, type WorkerResult } from './bullmq-queue.ts';
import type { JobControl, JobMessage, RunJob } from './job-queue.ts';
import type { RedisConnection } from './redis-url.ts';

const ENTRY = new URL('./run-worker-entry.mjs', import.meta.url);

/** How a worker process works. */
export interface RunWorkerOptions {
  connection: RedisConnection;
  /** Jobs at once (each one simulation thread). */
  concurrency: number;
  /** How long a job's lock lasts unless renewed (ms); BullMQ renews it every half of this. */
  lockDurationMs: number;
  /** How often this worker looks for stalled jobs of dead workers (ms). */
  stalledIntervalMs: number;
  /** One line per job event (started, finished, failed). */
  log: (line: string) => void;
}

/** Starts taking jobs; resolves once connected. `close()` finishes the jobs in hand, then stops. */
export async function startRunWorker(o: RunWorkerOptions): Promise<{ close(): Promise<void>; name: string }> {
  const name = `${hostname()}:${process.pid}`;
  const cancelled = async (runId: string): Promise<string | null> => (await worker.client).get(cancelKey(runId));
  const worker: Worker<RunJob, WorkerResult> = new Worker(
    RUN_QUEUE_NAME,
    (job) => runInThread(job, o, name, cancelled),
    {
      connection: { ...o.connection, maxRetriesPerRequest: null },
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs,
      stalledInterval: o.stalledIntervalMs,
      // A job is put back after its worker died up to this many times, then failed, so a job that kills its worker
      // cannot go round for ever.
      maxStalledCount: 3,
      name,
    },
  );
  worker.on('error', (err) => o.log(`worker ${name}: ${err.message}`));
  await worker.waitUntilReady();
  return { close: () => worker.close(), name };
}

function runInThread(
  job: Job<RunJob, WorkerResult>,
  o: RunWorkerOptions,
  name: string,
  cancelled: (runId: string) => Promise<string | null>,
): Promise<WorkerResult> {
  const run = job.data;
  const t0 = performance.now();
  o.log(`worker ${name}: ${run.runId} started${job.attemptsStarted > 1 ? ` (attempt ${job.attemptsStarted})` : ''}`);
  return new Promise<WorkerResult>((resolve, reject) => {
    const thread = new Thread(ENTRY, { workerData: run });
    let ended = false;
    let lastProgressMs = 0;
    // Cancelling: the queue sets a key; polled here, passed to the thread as the embedded pool would.
    const poll = setInterval(() => {
      cancelled(run.runId)
        .then((reason) => {
          if (reason) thread.postMessage({ type: 'cancel', reason } satisfies JobControl);
        })
        .catch(() => undefined);
    }, 1000);
    const end = (): void => {
      ended = true;
      clearInterval(poll);
    };
    const seconds = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    thread.on('message', (m: JobMessage) => {
      if (m.type === 'step' && performance.now() - lastProgressMs > 1000) {
        lastProgressMs = performance.now();
        void job.updateProgress({ step: m.step, tS: m.tS }).catch(() => undefined);
      } else if (m.type === 'finished') {
        end();
        o.log(`worker ${name}: ${run.runId} ${m.status} (${seconds()})`);
        resolve({ status: m.status, tS: m.tS, kpis: m.kpis });
      } else if (m.type === 'failed') {
        end();
        o.log(`worker ${name}: ${run.runId} failed: ${m.error}`);
        reject(new Error(m.error));
      } else if (m.type === 'stopped') {
        end();
        reject(new Error('the run was stopped'));
      }
    });
    thread.on('error', (err) => {
      if (ended) return;
      end();
      reject(err);
    });
    thread.on('exit', (code) => {
      if (ended) return;
      end();
      reject(new Error(`the run's thread exited with code ${code}`));
    });
  });
}
