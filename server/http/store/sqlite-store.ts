// The embedded store: one SQLite file (better-sqlite3, WAL, synchronous FULL so a commit is on disk when it returns)
// in the data directory. Events are kept per run by seq; commands are stored before the run sees them.
import Database from 'better-sqlite3';
import type { RunEvent } from '../../../simulation/scenario/index.ts';
import type { CommandRow, EventQuery, RunRow, ScenarioRow, TokenRow, TwinStore } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, districtId TEXT NOT NULL, scenarioName TEXT NOT NULL, specJson TEXT NOT NULL,
  seed INTEGER NOT NULL, status TEXT NOT NULL, pace REAL NOT NULL, parentId TEXT, forkAtS REAL, planFor TEXT,
  checkpointEveryS REAL NOT NULL, reachedS REAL NOT NULL, durationS REAL NOT NULL, kpisJson TEXT, error TEXT,
  resumes INTEGER NOT NULL DEFAULT 0, resumedFromS REAL, createdBy TEXT NOT NULL, createdAt TEXT NOT NULL, finishedAt TEXT);
CREATE INDEX IF NOT EXISTS runs_created ON runs (createdAt);
CREATE TABLE IF NOT EXISTS events (
  runId TEXT NOT NULL, seq INTEGER NOT NULL, timeS REAL NOT NULL, type TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (runId, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_time ON events (runId, timeS);
CREATE TABLE IF NOT EXISTS commands (
  runId TEXT NOT NULL, n INTEGER NOT NULL, status TEXT NOT NULL, issuedS REAL, commandJson TEXT NOT NULL,
  by TEXT NOT NULL, createdAt TEXT NOT NULL, PRIMARY KEY (runId, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY, districtId TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, createdBy TEXT NOT NULL,
  createdAt TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, createdAt TEXT NOT NULL);
`;

const RUN_COLUMNS = [
  'id',
  'districtId',
  'scenarioName',
  'specJson',
  'seed',
  'status',
  'pace',
  'parentId',
  'forkAtS',
  'planFor',
  'checkpointEveryS',
  'reachedS',
  'durationS',
  'kpisJson',
  'error',
  'resumes',
  'resumedFromS',
  'createdBy',
  'createdAt',
  'finishedAt',
] as const;

/** The SQLite implementation of TwinStore. */
export class SqliteStore implements TwinStore {
  private readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;

  /** Opens (or creates) the database file; ':memory:' for tests. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.insertEvent = this.db.prepare(
      'INSERT OR REPLACE INTO events (runId, seq, timeS, type, json) VALUES (?, ?, ?, ?, ?)',
    );
  }

  insertRun(row: RunRow): void {
    this.db
      .prepare(`INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map((c) => '@' + c).join(', ')})`)
      .run(row);
  }

  getRun(id: string): RunRow | undefined {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  listRuns(q: { districtId?: string; status?: string; limit: number; offset: number }): RunRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.districtId) {
      where.push('districtId = ?');
      args.push(q.districtId);
    }
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    const sql = `SELECT * FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY createdAt DESC, id LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, q.limit, q.offset) as RunRow[];
  }

  updateRun(id: string, patch: Partial<Omit<RunRow, 'id'>>): void {
    const keys = Object.keys(patch).filter((k) => (RUN_COLUMNS as readonly string[]).includes(k));
    if (!keys.length) return;
    this.db
      .prepare(`UPDATE runs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run({ ...patch, id });
  }

  appendEvents(runId: string, events: readonly RunEvent[]): void {
    if (!events.length) return;
    this.db.transaction(() => {
      for (const e of events) this.insertEvent.run(runId, e.seq, e.timeS, e.type, JSON.stringify(e));
    })();
  }

  events(runId: string, q: EventQuery): RunEvent[] {
    const where = ['runId = ?'];
    const args: unknown[] = [runId];
    if (q.afterSeq !== undefined) {
      where.push('seq > ?');
      args.push(q.afterSeq);
    }
    if (q.fromS !== undefined) {
      where.push('timeS >= ?');
      args.push(q.fromS);
    }
    if (q.toS !== undefined) {
      where.push('timeS <= ?');
      args.push(q.toS);
    }
    if (q.types?.length) {
      // A type ending in '.' is a prefix ('case.' = every case event).
      const one = (t: string) => (t.endsWith('.') ? 'substr(type, 1, ?) = ?' : 'type = ?');
      where.push(`(${q.types.map(one).join(' OR ')})`);
      for (const t of q.types) args.push(...(t.endsWith('.') ? [t.length, t] : [t]));
    }
    const rows = this.db
      .prepare(`SELECT json FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`)
      .all(...args, q.limit) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as RunEvent);
  }

  truncateEvents(runId: string, afterSeq: number): void {
    this.db.prepare('DELETE FROM events WHERE runId = ? AND seq > ?').run(runId, afterSeq);
  }

  insertCommand(runId: string, commandJson: string, by: string): number {
    return this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT COALESCE(MAX(n), 0) + 1 AS n FROM commands WHERE runId = ?').get(runId) as {
        n: number;
      };
      this.db
        .prepare(
          "INSERT INTO commands (runId, n, status, issuedS, commandJson, by, createdAt) VALUES (?, ?, 'pending', NULL, ?, ?, ?)",
        )
        .run(runId, n, commandJson, by, new Date().toISOString());
      return n;
    })();
  }

  acceptCommand(runId: string, n: number, issuedS: number): void {
    this.db
      .prepare("UPDATE commands SET status = 'accepted', issuedS = ? WHERE runId = ? AND n = ?")
      .run(issuedS, runId, n);
  }

  deleteCommand(runId: string, n: number): void {
    this.db.prepare('DELETE FROM commands WHERE runId = ? AND n = ?').run(runId, n);
  }

  commands(runId: string, status?: CommandRow['status']): CommandRow[] {
    return (
      status
        ? this.db.prepare('SELECT * FROM commands WHERE runId = ? AND status = ? ORDER BY n').all(runId, status)
        : this.db.prepare('SELECT * FROM commands WHERE runId = ? ORDER BY n').all(runId)
    ) as CommandRow[];
  }

  dropPendingCommands(): number {
    return this.db.prepare("DELETE FROM commands WHERE status = 'pending'").run().changes;
  }

  insertScenario(row: ScenarioRow): void {
    this.db
      .prepare(
        'INSERT INTO scenarios (id, districtId, name, json, createdBy, createdAt) VALUES (@id, @districtId, @name, @json, @createdBy, @createdAt)',
      )
      .run(row);
  }

  getScenario(id: string): ScenarioRow | undefined {
    return this.db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined;
  }

  listScenarios(districtId?: string): ScenarioRow[] {
    return (
      districtId
        ? this.db.prepare('SELECT * FROM scenarios WHERE districtId = ? ORDER BY createdAt, id').all(districtId)
        : this.db.prepare('SELECT * FROM scenarios ORDER BY createdAt, id').all()
    ) as ScenarioRow[];
  }

  insertToken(row: TokenRow): void {
    this.db
      .prepare('INSERT INTO tokens (id, name, role, hash, createdAt) VALUES (@id, @name, @role, @hash, @createdAt)')
      .run(row);
  }

  tokenByHash(hash: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
  }

  listTokens(): TokenRow[] {
    return this.db.prepare('SELECT * FROM tokens ORDER BY createdAt, name').all() as TokenRow[];
  }

  deleteToken(id: string): boolean {
    return this.db.prepare('DELETE FROM tokens WHERE id = ?').run(id).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
