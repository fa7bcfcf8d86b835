// The embedded job queue: runs in worker threads, at most `maxThreads` at once (each run's flood engine is one
// thread), a bounded backlog beyond that, first in first out. The interface is JobQueue's, which a BullMQ queue will
// implement next.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../error-codes.ts';
import type { JobControl, JobMessage, JobQueue, RunJob } from './job-queue.ts';

const ENTRY = new URL('./run-worker-entry.mjs', import.meta.url);

export interface LocalPoolOptions {
  /** Simulation threads in total (default 1). */
  maxThreads: number;
  /** Jobs waiting beyond those (default 16). */
  maxQueued: number;
}

/** Worker-thread pool implementing JobQueue. */
export class LocalPool implements JobQueue {
  private readonly waiting: RunJob[] = [];
  private readonly running = new Map<string, { worker: Worker; stopped: Promise<void> }>();
  private readonly listeners: ((m: JobMessage) => void)[] = [];
  private closing = false;

  constructor(private readonly opts: LocalPoolOptions) {}

  submit(job: RunJob): void {
    if (this.closing) throw new ApiError('API_ERR_QUEUE_FULL', 'the server is shutting down', 'try again shortly');
    if (this.running.size >= this.opts.maxThreads && this.waiting.length >= this.opts.maxQueued)
      throw new ApiError(
        'API_ERR_QUEUE_FULL',
        `${this.running.size} runs are going and ${this.waiting.length} are queued, the most this server takes`,
        'wait for a run to finish or cancel one',
      );
    this.waiting.push(job);
    this.pump();
  }

  control(runId: string, msg: JobControl): boolean {
    const r = this.running.get(runId);
    if (!r) return false;
    r.worker.postMessage(msg);
    return true;
  }

  dequeue(runId: string): boolean {
    const i = this.waiting.findIndex((j) => j.runId === runId);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  onMessage(listener: (m: JobMessage) => void): void {
    this.listeners.push(listener);
  }

  stats() {
    return {
      running: this.running.size,
      queued: this.waiting.length,
      maxThreads: this.opts.maxThreads,
      maxQueued: this.opts.maxQueued,
    };
  }

  state(runId: string): 'running' | 'queued' | null {
    if (this.running.has(runId)) return 'running';
    return this.waiting.some((j) => j.runId === runId) ? 'queued' : null;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.waiting.length = 0;
    const all = [...this.running.values()];
    for (const r of all) r.worker.postMessage({ type: 'stop' } satisfies JobControl);
    await Promise.all(all.map((r) => r.stopped));
  }

  private emit(m: JobMessage): void {
    for (const l of this.listeners) l(m);
  }

  private pump(): void {
    while (!this.closing && this.running.size < this.opts.maxThreads && this.waiting.length) {
      const job = this.waiting.shift()!;
      const worker = new Worker(ENTRY, { workerData: job });
      let ended = false;
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (m: JobMessage) => {
          if (m.type === 'finished' || m.type === 'stopped' || m.type === 'failed') ended = true;
          this.emit(m);
        });
        worker.on('error', (err) => {
          if (!ended) this.emit({ type: 'failed', runId: job.runId, error: err.message });
          ended = true;
        });
        worker.on('exit', (code) => {
          if (!ended)
            this.emit({ type: 'failed', runId: job.runId, error: `the run's thread exited with code ${code}` });
          this.running.delete(job.runId);
          resolve();
          this.pump();
        });
      });
      this.running.set(job.runId, { worker, stopped });
    }
  }
}
