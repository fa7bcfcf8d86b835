// Runs an ensemble's members on a JobQueue (the embedded pool or BullMQ): a bounded number in flight, each member's
// state kept from the queue's messages, progress (done, running, failed, time left) reported on every change, and a
// cancel that takes queued members out and stops running ones.
import type { JobMessage, JobQueue, RunJob } from '../http/jobs/job-queue.ts';

/** `interrupted`: stopped by a shutdown (its queue closing); the ensemble resumes it when the server starts again. */
export type MemberStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** A member as the runner follows it. */
export interface MemberState {
  id: string;
  runId: string;
  status: MemberStatus;
  error?: string;
  /** Simulated time reached (s). */
  tS: number;
}

/** Where the ensemble stands. */
export interface EnsembleProgress {
  members: number;
  done: number;
  running: number;
  failed: number;
  cancelled: number;
  waiting: number;
  /** Wall seconds since the start. */
  elapsedS: number;
  /** Wall seconds left at the pace so far (null before the first member ends). */
  etaS: number | null;
}

/** Follows one ensemble's member jobs on a queue. */
export class EnsembleRunner {
  readonly states: MemberState[];
  private readonly byRun = new Map<string, MemberState>();
  private readonly t0 = performance.now();
  private next = 0;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private resolveDone!: () => void;
  readonly done: Promise<MemberState[]>;

  /**
   * @param window members in flight at once (queued or running on the queue)
   * @param onChange called after every change of a member's state
   * @param finished members whose records a run before a restart completed: not run again
   */
  constructor(
    private readonly queue: JobQueue,
    private readonly jobs: { id: string; job: RunJob }[],
    private readonly window: number,
    private readonly onChange: (p: EnsembleProgress, changed: MemberState) => void = () => undefined,
    finished: ReadonlySet<string> = new Set(),
  ) {
    this.states = jobs.map(({ id, job }) => ({
      id,
      runId: job.runId,
      status: finished.has(id) ? 'completed' : 'pending',
      tS: finished.has(id) ? job.spec.durationS : 0,
    }));
    for (const s of this.states) this.byRun.set(s.runId, s);
    const settled = new Promise<void>((r) => (this.resolveDone = r));
    this.done = settled.then(() => this.states);
    queue.onMessage((m) => this.onMessage(m));
    this.fill();
  }

  progress(): EnsembleProgress {
    const count = (s: MemberStatus) => this.states.filter((m) => m.status === s).length;
    const done = count('completed');
    const failed = count('failed');
    const cancelled = count('cancelled');
    const ended = done + failed + cancelled;
    const elapsedS = (performance.now() - this.t0) / 1000;
    return {
      members: this.states.length,
      done,
      running: count('running'),
      failed,
      cancelled,
      waiting: count('pending') + count('queued'),
      elapsedS,
      etaS: ended ? (elapsedS / ended) * (this.states.length - ended) : null,
    };
  }

  /** Takes queued members out and asks running ones to stop; they end as cancelled. */
  cancel(reason: string): void {
    this.stopped = true;
    for (const s of this.states) {
      if (s.status === 'pending') this.set(s, 'cancelled');
      else if (s.status === 'queued' && this.queue.dequeue(s.runId)) this.set(s, 'cancelled');
      else if (s.status === 'queued' || s.status === 'running') this.queue.control(s.runId, { type: 'cancel', reason });
    }
    this.checkDone();
  }

  private fill(): void {
    while (!this.stopped && this.next < this.jobs.length && this.inFlight() < this.window) {
      const { job } = this.jobs[this.next];
      const s = this.states[this.next++];
      if (s.status !== 'pending') continue;
      try {
        this.queue.submit(job);
        this.set(s, 'queued');
      } catch {
        // A full shared queue (the server's runs use it too): try again when one of ours ends, or in a while.
        this.next--;
        this.retry ??= setTimeout(() => {
          this.retry = undefined;
          this.fill();
        }, 2000);
        break;
      }
    }
    this.checkDone();
  }

  private inFlight(): number {
    return this.states.filter((s) => s.status === 'queued' || s.status === 'running').length;
  }

  private onMessage(m: JobMessage): void {
    const s = this.byRun.get(m.runId);
    if (!s || s.status === 'completed' || s.status === 'failed' || s.status === 'cancelled') return;
    if (m.type === 'started') this.set(s, 'running');
    else if (m.type === 'step') s.tS = m.tS;
    else if (m.type === 'finished') {
      s.tS = m.tS;
      this.set(s, m.status === 'finished' ? 'completed' : 'cancelled');
    } else if (m.type === 'failed') this.fail(s, m.error);
    else if (m.type === 'stopped') {
      // The queue is closing (a shutdown): nothing more is started, and the ensemble is not settled, so a restart
      // resumes it with its finished members kept.
      this.stopped = true;
      this.set(s, 'interrupted');
      return;
    } else return;
    this.fill();
  }

  private fail(s: MemberState, error: string): void {
    s.error = error;
    this.set(s, 'failed');
    this.next = Math.max(this.next, this.states.indexOf(s) + 1);
  }

  private set(s: MemberState, status: MemberStatus): void {
    s.status = status;
    this.onChange(this.progress(), s);
  }

  private checkDone(): void {
    if (this.stopped && this.retry) clearTimeout(this.retry);
    if (this.states.some((s) => s.status === 'interrupted')) return;
    if (this.states.every((s) => ['completed', 'failed', 'cancelled'].includes(s.status))) this.resolveDone();
  }
}
