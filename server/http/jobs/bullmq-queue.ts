// The distributed job queue: BullMQ on Redis behind the same JobQueue interface as the embedded pool. Jobs are the
// plain RunJob; `rivertwin worker` processes on any machine take them (bullmq-worker.ts), and their progress, results
// and failures come back as JobMessages through BullMQ's event stream. A job whose worker dies is retried by BullMQ's
// stalled-job check; cancelling sets a key the worker polls.
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { JobControl, JobMessage, JobQueue, RunJob } from './job-queue.ts';
import type { RedisConnection } from './redis-url.ts';

/** The BullMQ queue runs go through (one per Redis database). */
export const RUN_QUEUE_NAME = 'rivertwin-runs';

/** The Redis key a worker polls to cancel a running job. */
export const cancelKey = (runId: string): string => `rivertwin:cancel:${runId}`;

/** What a worker returns for a job: the run's end (a JobMessage 'finished' without its type). */
export interface WorkerResult {
  status: 'finished' | 'cancelled';
  tS: number;
  kpis: unknown;
}

/** BullMQ-backed JobQueue. Create with `BullQueue.open` (which waits for the event stream). */
export class BullQueue implements JobQueue {
  readonly remote = true;
  private readonly listeners: ((m: JobMessage) => void)[] = [];
  /** BullMQ job id → run id, and each run's state as the events told it. */
  private readonly runOf = new Map<string, string>();
  private readonly jobOf = new Map<string, string>();
  private readonly states = new Map<string, 'queued' | 'running'>();

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('active', ({ jobId }) => this.track(jobId, (runId) => this.started(runId)));
    events.on('progress', ({ jobId, data }) =>
      this.track(jobId, (runId) => {
        const p = data as { step?: number; tS?: number };
        if (typeof p?.tS === 'number') this.emit({ type: 'step', runId, step: p.step ?? 0, tS: p.tS, events: [] });
      }),
    );
    events.on('stalled', ({ jobId }) => this.track(jobId, (runId) => this.states.set(runId, 'queued')));
    events.on('completed', ({ jobId, returnvalue }) =>
      this.track(jobId, (runId) => {
        const r = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as WorkerResult;
        this.forget(runId, jobId);
        this.emit({ type: 'finished', runId, status: r.status, tS: r.tS, kpis: r.kpis });
      }),
    );
    events.on('failed', ({ jobId, failedReason }) =>
      this.track(jobId, (runId) => {
        this.forget(runId, jobId);
        this.emit({ type: 'failed', runId, error: failedReason });
      }),
    );
  }

  /** Connects to Redis (checked reachable first: redis-url.ts) and waits until events are being received. */
  static async open(connection: RedisConnection): Promise<BullQueue> {
    const queue = new Queue(RUN_QUEUE_NAME, { connection });
    const events = new QueueEvents(RUN_QUEUE_NAME, { connection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new BullQueue(queue, events);
  }

  submit(job: RunJob): void {
    // A fresh BullMQ id each time: BullMQ drops an add whose id it still holds, and the same run may be asked again.
    const jobId = `${job.runId}-${randomBytes(4).toString('hex')}`;
    this.runOf.set(jobId, job.runId);
    this.jobOf.set(job.runId, jobId);
    this.states.set(job.runId, 'queued');
    void this.queue.client
      .then((c) => c.del(cancelKey(job.runId)))
      .then(() =>
        this.queue.add('run', job, {
          jobId,
          // A failed run fails the same way again (it is deterministic); a dead worker's job is retried as stalled.
          attempts: 1,
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        }),
      )
      .catch((err: Error) => {
        this.forget(job.runId, jobId);
        this.emit({ type: 'failed', runId: job.runId, error: `could not queue it on Redis: ${err.message}` });
      });
  }

  control(runId: string, msg: JobControl): boolean {
    if (this.states.get(runId) !== 'running') return false;
    // Only cancelling reaches a worker on another machine; pause, pace and commands need the embedded pool.
    if (msg.type !== 'cancel') return false;
    void this.queue.client.then((c) => c.set(cancelKey(runId), msg.reason, { EX: 86_400 }));
    return true;
  }

  dequeue(runId: string): boolean {
    if (this.states.get(runId) !== 'queued') return false;
    const jobId = this.jobOf.get(runId)!;
    this.forget(runId, jobId);
    // If a worker took it meanwhile, the cancel key stops it at its next poll.
    void this.queue.client
      .then((c) => c.set(cancelKey(runId), 'dequeued', { EX: 86_400 }))
      .then(() => this.queue.remove(jobId))
      .catch(() => undefined);
    return true;
  }

  onMessage(listener: (m: JobMessage) => void): void {
    this.listeners.push(listener);
  }

  stats() {
    let running = 0;
    for (const s of this.states.values()) if (s === 'running') running++;
    // Workers live elsewhere: their threads are not known here, and Redis holds the backlog.
    return { running, queued: this.states.size - running, maxThreads: 0, maxQueued: 100_000 };
  }

  state(runId: string): 'running' | 'queued' | null {
    return this.states.get(runId) ?? null;
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }

  private started(runId: string): void {
    this.states.set(runId, 'running');
    this.emit({ type: 'started', runId, tS: 0, step: 0, lastSeq: 0 });
  }

  private track(jobId: string, then: (runId: string) => void): void {
    const runId = this.runOf.get(jobId);
    if (runId) then(runId);
  }

  private forget(runId: string, jobId: string): void {
    this.runOf.delete(jobId);
    if (this.jobOf.get(runId) === jobId) {
      this.jobOf.delete(runId);
      this.states.delete(runId);
    }
  }

  private emit(m: JobMessage): void {
    for (const l of this.listeners) l(m);
  }
}
