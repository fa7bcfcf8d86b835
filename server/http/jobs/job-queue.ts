// The job-queue interface runs go through: a job is a plain, serialisable description (district, scenario, seed,
// where it starts from), so the embedded thread pool (local-pool.ts) and BullMQ on Redis (bullmq-queue.ts) take the same.
import type { RunCommand, RunEvent, ScenarioSpec } from '../../../simulation/scenario/index.ts';
import type { IssuedCommand } from '../../../simulation/scenario/scenario-run.ts';
import type { CaseEtas } from '../../../simulation/fleet/case-etas.ts';

/** Where a run starts: from the beginning, as a fork of another record, or resumed from its own last checkpoint. */
export type JobStart =
  | { kind: 'new' }
  | {
      kind: 'fork';
      parentRecordDir: string;
      atS: number;
      patch: Record<string, unknown>;
      commands: RunCommand[];
      laterCommands: 'keep' | 'drop';
    }
  | { kind: 'resume'; commands: IssuedCommand[] };

/** One run to execute. */
export interface RunJob {
  runId: string;
  districtDir: string;
  /** The placed scenario, cell size set. */
  spec: ScenarioSpec;
  recordDir: string;
  checkpointEveryS: number;
  /** Simulated seconds per wall second; 0 = as fast as it can. */
  pace: number;
  start: JobStart;
  /**
   * Write the record in a folder of its own beside `recordDir` and move it there only when complete, replacing what
   * was there: a job retried after its worker died (a distributed queue) gives the same bytes as one never disturbed.
   */
  writeWhole?: boolean;
  /**
   * Pause by itself at the first control step at or after this simulated time (s): a drill held at a chosen moment,
   * whatever the machine's load. The embedded pool only (a remote worker does not hear pause and resume).
   */
  pauseAtS?: number;
}

/** What a job tells the server as it goes. */
export type JobMessage =
  | { type: 'started'; runId: string; tS: number; step: number; lastSeq: number }
  | { type: 'step'; runId: string; step: number; tS: number; events: RunEvent[] }
  /** The job paused by itself at `tS` (its `pauseAtS`). */
  | { type: 'paused'; runId: string; tS: number }
  | {
      type: 'answer';
      runId: string;
      requestId: number;
      accepted: boolean;
      reason: string;
      issuedS: number;
      applyAtS: number;
    }
  /** The trucks' ETAs to a case at the run's time `tS`, or why not (`error`: no such case). */
  | { type: 'etas'; runId: string; requestId: number; tS: number; etas: CaseEtas | null; error: string }
  | { type: 'finished'; runId: string; status: 'finished' | 'cancelled'; tS: number; kpis: unknown }
  | { type: 'stopped'; runId: string; tS: number }
  | { type: 'failed'; runId: string; error: string; code?: string };

/** What the server tells a job. */
export type JobControl =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'pace'; pace: number }
  | { type: 'cancel'; reason: string }
  | { type: 'command'; requestId: number; command: RunCommand }
  /** The trucks' ETAs to a case on the roads as flooded now (answered by an `etas` message). */
  | { type: 'eta'; requestId: number; caseId: string }
  /** Checkpoint where the run is and stop (a graceful shutdown). */
  | { type: 'stop' };

/** A queue of runs with a bounded number of simulation threads and a bounded backlog. */
export interface JobQueue {
  /**
   * True when jobs run in other processes (BullMQ workers): their step messages carry progress but no events (the
   * record on the shared disk has them), and only cancelling reaches them.
   */
  readonly remote?: boolean;
  /** Queues a job; throws ApiError API_ERR_QUEUE_FULL past the backlog bound. */
  submit(job: RunJob): void;
  /** Sends a control message to a running job; false when it is not running here. */
  control(runId: string, msg: JobControl): boolean;
  /** Takes a queued job out before it starts; false when it is not queued. */
  dequeue(runId: string): boolean;
  onMessage(listener: (m: JobMessage) => void): void;
  stats(): { running: number; queued: number; maxThreads: number; maxQueued: number };
  state(runId: string): 'running' | 'queued' | null;
  /** Stops taking jobs; asks running ones to checkpoint and stop, and waits for them. */
  close(): Promise<void>;
}
