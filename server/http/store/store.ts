// What the server keeps, behind one interface: runs, their events and operator commands, scenarios and tokens. The
// embedded SQLite store implements it; a networked store (PostgreSQL, say) can replace it without touching routes.
import type { RunEvent } from '../../../simulation/scenario/index.ts';

export type RunStatus = 'queued' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed' | 'interrupted';
export type Role = 'viewer' | 'operator' | 'planner' | 'admin';

/** A run as the server tracks it; its frames, views and checkpoints are in its record folder. */
export interface RunRow {
  id: string;
  districtId: string;
  scenarioName: string;
  /** The placed scenario (JSON of a ScenarioSpec). */
  specJson: string;
  seed: number;
  status: RunStatus;
  /** Simulated seconds per wall second; 0 = as fast as it can. */
  pace: number;
  parentId: string | null;
  forkAtS: number | null;
  /** For the automatic plan a drill (a manual run) is scored against: the drill's id. */
  planFor: string | null;
  checkpointEveryS: number;
  /** Simulated time reached (s) and the run's planned end. */
  reachedS: number;
  durationS: number;
  /** KPIs when finished (JSON), else null. */
  kpisJson: string | null;
  error: string | null;
  /** Times the run was resumed after a crash or a shutdown, and the checkpoint time it last resumed from. */
  resumes: number;
  resumedFromS: number | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** An operator command: stored (pending) before the run sees it, accepted with the time it was issued at. */
export interface CommandRow {
  runId: string;
  n: number;
  status: 'pending' | 'accepted';
  /** Simulated time the run issued it at; null while pending. */
  issuedS: number | null;
  commandJson: string;
  by: string;
  createdAt: string;
}

export interface ScenarioRow {
  id: string;
  districtId: string;
  name: string;
  json: string;
  createdBy: string;
  createdAt: string;
}

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the token, hex; the token itself is never stored. */
  hash: string;
  createdAt: string;
}

/** Filters for a page of events. */
export interface EventQuery {
  types?: string[];
  fromS?: number;
  toS?: number;
  afterSeq?: number;
  limit: number;
}

export interface TwinStore {
  insertRun(row: RunRow): void;
  getRun(id: string): RunRow | undefined;
  listRuns(q: { districtId?: string; status?: RunStatus; limit: number; offset: number }): RunRow[];
  updateRun(id: string, patch: Partial<Omit<RunRow, 'id'>>): void;

  /** Appends a step's events (one transaction). */
  appendEvents(runId: string, events: readonly RunEvent[]): void;
  events(runId: string, q: EventQuery): RunEvent[];
  /** Drops events after `seq` (a resumed run writes them again). */
  truncateEvents(runId: string, afterSeq: number): void;

  /** Stores a command as pending; returns its number within the run. Durable when it returns. */
  insertCommand(runId: string, commandJson: string, by: string): number;
  acceptCommand(runId: string, n: number, issuedS: number): void;
  deleteCommand(runId: string, n: number): void;
  commands(runId: string, status?: CommandRow['status']): CommandRow[];
  /** Drops commands never acknowledged (a crash between storing and answering). */
  dropPendingCommands(): number;

  insertScenario(row: ScenarioRow): void;
  getScenario(id: string): ScenarioRow | undefined;
  listScenarios(districtId?: string): ScenarioRow[];

  insertToken(row: TokenRow): void;
  tokenByHash(hash: string): TokenRow | undefined;
  listTokens(): TokenRow[];
  deleteToken(id: string): boolean;

  close(): void;
}
