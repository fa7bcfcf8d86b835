// The runs of a server: started, forked, paused, commanded and cancelled through the job queue; what each step
// produces goes to the store (events) and to the run's live channel (events, progress, the frame encoded once). At
// start, runs a crash or a shutdown left going are marked interrupted and resumed from their last checkpoint.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { buildScoreCard } from '../../simulation/drill/index.ts';
import type { CaseEtas } from '../../simulation/fleet/case-etas.ts';
import type { FleetKpis } from '../../simulation/fleet/index.ts';
import { encodeFrameMessage } from '../../simulation/record/index.ts';
import { RecordFolderSink } from '../../simulation/record/record-folder.node.ts';
import { RECORD_FILES } from '../../simulation/record/record-format.ts';
import { frameChunkPath } from '../../simulation/record/zarr-frames.ts';
import type { RunCommand, RunEvent, ScenarioSpec } from '../../simulation/scenario/index.ts';
import type { DistrictRegistry } from './district-registry.ts';
import { ApiError, notFound } from './error-codes.ts';
import type { JobMessage, JobQueue, JobStart } from './jobs/job-queue.ts';
import { Channel } from './live/channel.ts';
import type { RunRow, RunStatus, TwinStore } from './store/store.ts';

/** What a client asks a run to be. */
export interface RunRequest {
  districtId: string;
  spec: ScenarioSpec;
  pace: number;
  checkpointEveryS: number;
  createdBy: string;
  /** Pause by itself at the first control step at or after this simulated time (s). */
  pauseAtS?: number;
}

/** A command's answer, once the run has seen it. */
export interface CommandResult {
  n: number;
  issuedS: number;
  applyAtS: number;
}

const ACTIVE: RunStatus[] = ['queued', 'running', 'paused'];

export class RunManager {
  private readonly channels = new Map<string, Channel>();
  private readonly waiting = new Map<number, (m: Extract<JobMessage, { type: 'answer' }>) => void>();
  private readonly waitingEtas = new Map<
    number,
    { runId: string; resolve: (m: Extract<JobMessage, { type: 'etas' }> | null) => void }
  >();
  private requestId = 0;
  private readonly finishedWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly store: TwinStore,
    private readonly queue: JobQueue,
    private readonly districts: DistrictRegistry,
    private readonly dataDir: string,
    private readonly log: FastifyBaseLogger,
  ) {
    queue.onMessage((m) => this.onMessage(m));
  }

  recordDir(id: string): string {
    return join(this.dataDir, 'records', id);
  }

  get(id: string): RunRow {
    const row = this.store.getRun(id);
    if (!row) throw notFound('run', id);
    return row;
  }

  /** The live channel of a run (created on first use). */
  channel(id: string): Channel {
    let c = this.channels.get(id);
    if (!c) {
      c = new Channel();
      this.channels.set(id, c);
    }
    return c;
  }

  start(req: RunRequest): RunRow {
    return this.submit(req, { kind: 'new' }, null, null);
  }

  /** The drill's score card once its plan has run, or why not yet. */
  scoreCard(id: string): { card: unknown } | { pending: string } {
    const row = this.get(id);
    const file = join(this.recordDir(id), 'score-card.json');
    if (existsSync(file)) return { card: JSON.parse(readFileSync(file, 'utf8')) as unknown };
    const spec = JSON.parse(row.specJson) as ScenarioSpec;
    if (spec.fleet.policy !== 'manual')
      throw new ApiError(
        'API_ERR_NOT_FOUND',
        `run ${id} is not a drill (its fleet policy is ${spec.fleet.policy})`,
        'start a run with fleet.policy "manual"',
      );
    const plan = this.store.listRuns({ limit: 10_000, offset: 0 }).find((r) => r.planFor === id);
    return {
      pending: plan
        ? `the plan it is scored against (run ${plan.id}) is ${plan.status}`
        : `the drill is ${row.status}; its plan runs when it finishes`,
    };
  }

  fork(
    parentId: string,
    f: { atS: number; patch: Record<string, unknown>; commands: RunCommand[]; laterCommands: 'keep' | 'drop' },
    spec: ScenarioSpec,
    pace: number,
    by: string,
  ): RunRow {
    const parent = this.get(parentId);
    if (ACTIVE.includes(parent.status) || parent.status === 'interrupted')
      throw new ApiError('API_ERR_RUN_STATE', `run ${parentId} is ${parent.status}`, 'fork a run once it has finished');
    if (!(f.atS >= 0 && f.atS < parent.reachedS))
      throw new ApiError(
        'API_ERR_BAD_REQUEST',
        `fork time ${f.atS} s is outside the run (0 to ${parent.reachedS} s)`,
        'give atS within the run',
      );
    return this.submit(
      { districtId: parent.districtId, spec, pace, checkpointEveryS: parent.checkpointEveryS, createdBy: by },
      { kind: 'fork', parentRecordDir: this.recordDir(parentId), ...f },
      parentId,
      f.atS,
    );
  }

  /**
   * A drill (a manual run) that finished is scored against the automatic plan on the same scenario and seed: the
   * plan runs as its own run, and when it ends the score card is written into the drill's record.
   */
  private startPlan(drill: RunRow): void {
    const spec = JSON.parse(drill.specJson) as ScenarioSpec;
    const planSpec: ScenarioSpec = {
      ...spec,
      name: `${spec.name} + optimal dispatch`,
      fleet: { ...spec.fleet, policy: 'optimal' },
    };
    this.submit(
      {
        districtId: drill.districtId,
        spec: planSpec,
        pace: 0,
        checkpointEveryS: drill.checkpointEveryS,
        createdBy: 'system',
      },
      { kind: 'new' },
      null,
      null,
      drill.id,
    );
  }

  private writeScoreCard(plan: RunRow): void {
    const drill = this.get(plan.planFor!);
    const spec = JSON.parse(drill.specJson) as ScenarioSpec;
    const scored = (row: RunRow) => ({
      events: this.store.events(row.id, { limit: 1e9 }),
      kpis: reviveKpis(JSON.parse(row.kpisJson ?? '{}') as Record<string, unknown>),
    });
    const card = buildScoreCard({
      scenario: spec.name,
      seed: spec.seed,
      endS: drill.reachedS,
      controlStepS: spec.controlStepS,
      operator: scored(drill),
      plan: scored(plan),
    });
    new RecordFolderSink(this.recordDir(drill.id)).writeFile('score-card.json', JSON.stringify(card, null, 2) + '\n');
  }

  private submit(
    req: RunRequest,
    start: JobStart,
    parentId: string | null,
    forkAtS: number | null,
    planFor: string | null = null,
  ): RunRow {
    const district = this.districts.get(req.districtId);
    if (req.pauseAtS !== undefined && this.queue.remote)
      throw new ApiError(
        'API_ERR_BAD_REQUEST',
        'pauseAtS: runs go to rivertwin workers (REDIS_URL), which cannot pause',
        'leave pauseAtS out, or run drills on a server without REDIS_URL',
      );
    const id = `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const row: RunRow = {
      id,
      districtId: req.districtId,
      scenarioName: req.spec.name,
      specJson: JSON.stringify(req.spec),
      seed: req.spec.seed,
      status: 'queued',
      pace: req.pace,
      parentId,
      forkAtS,
      planFor,
      checkpointEveryS: req.checkpointEveryS,
      reachedS: 0,
      durationS: req.spec.durationS,
      kpisJson: null,
      error: null,
      resumes: 0,
      resumedFromS: null,
      createdBy: req.createdBy,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.store.insertRun(row);
    try {
      this.queue.submit({
        runId: id,
        districtDir: district.dir,
        spec: req.spec,
        recordDir: this.recordDir(id),
        checkpointEveryS: req.checkpointEveryS,
        pace: req.pace,
        start,
        ...(req.pauseAtS === undefined ? {} : { pauseAtS: req.pauseAtS }),
      });
    } catch (err) {
      this.store.updateRun(id, { status: 'failed', error: (err as Error).message });
      throw err;
    }
    return row;
  }

  pause(id: string): RunRow {
    const row = this.requireLive(id, ['running']);
    if (!this.queue.control(id, { type: 'pause' })) throw this.notHere(id, 'pausing');
    this.store.updateRun(id, { status: 'paused' });
    this.channel(id).sendJson({ type: 'status', status: 'paused' });
    return { ...row, status: 'paused' };
  }

  resume(id: string): RunRow {
    const row = this.requireLive(id, ['paused']);
    if (!this.queue.control(id, { type: 'resume' })) throw this.notHere(id, 'resuming');
    this.store.updateRun(id, { status: 'running' });
    this.channel(id).sendJson({ type: 'status', status: 'running' });
    return { ...row, status: 'running' };
  }

  cancel(id: string, by: string): RunRow {
    const row = this.requireLive(id, ACTIVE);
    if (this.queue.dequeue(id)) {
      this.store.updateRun(id, { status: 'cancelled', finishedAt: new Date().toISOString() });
      this.endChannel(id, 'cancelled');
      return { ...row, status: 'cancelled' };
    }
    this.queue.control(id, { type: 'cancel', reason: `cancelled by ${by}` });
    return row;
  }

  /**
   * An operator command: stored before the run sees it; the run checks it against its state now; a rejected one is
   * removed again (nothing stored) and answered 422; an accepted one is marked with the time the run issued it, and
   * only then acknowledged.
   */
  async command(id: string, command: RunCommand, by: string): Promise<CommandResult> {
    this.requireLive(id, ['running', 'paused']);
    const n = this.store.insertCommand(id, JSON.stringify(command), by);
    const requestId = ++this.requestId;
    const answer = await new Promise<Extract<JobMessage, { type: 'answer' }> | null>((resolve) => {
      this.waiting.set(requestId, resolve);
      if (!this.queue.control(id, { type: 'command', requestId, command })) {
        this.waiting.delete(requestId);
        resolve(null);
      }
    });
    if (!answer || !answer.accepted) {
      this.store.deleteCommand(id, n);
      if (!answer) throw new ApiError('API_ERR_RUN_STATE', `run ${id} is not running`, 'command a running run');
      throw new ApiError(
        'API_ERR_COMMAND_REJECTED',
        `run ${id} rejected the command: ${answer.reason}`,
        'fix the command',
      );
    }
    this.store.acceptCommand(id, n, answer.issuedS);
    return { n, issuedS: answer.issuedS, applyAtS: answer.applyAtS };
  }

  /**
   * The trucks' ETAs to a case of a live run, on its roads as flooded at its current control step, computed by the
   * run's own thread (the same routing its dispatch uses). 404 for a case that has not opened.
   */
  async etas(id: string, caseId: string): Promise<CaseEtas & { tS: number }> {
    this.requireLive(id, ['running', 'paused']);
    const requestId = ++this.requestId;
    const answer = await new Promise<Extract<JobMessage, { type: 'etas' }> | null>((resolve) => {
      this.waitingEtas.set(requestId, { runId: id, resolve });
      if (!this.queue.control(id, { type: 'eta', requestId, caseId })) {
        this.waitingEtas.delete(requestId);
        resolve(null);
      }
    });
    if (!answer)
      throw new ApiError('API_ERR_RUN_STATE', `run ${id} is not running here`, 'ask while the run is running');
    if (!answer.etas) throw new ApiError('API_ERR_NOT_FOUND', answer.error, 'pick a case the run has opened');
    return { ...answer.etas, tS: answer.tS };
  }

  /** Resolves when the run is no longer active (tests and shutdown). */
  whenDone(id: string): Promise<void> {
    if (!ACTIVE.includes(this.get(id).status)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.finishedWaiters.get(id) ?? [];
      list.push(resolve);
      this.finishedWaiters.set(id, list);
    });
  }

  /** Runs left active by a crash or a shutdown: marked interrupted, then resumed from their last checkpoint. */
  recover(): string[] {
    const dropped = this.store.dropPendingCommands();
    if (dropped) this.log.warn({ dropped }, 'dropped operator commands that were never acknowledged');
    const resumed: string[] = [];
    for (const status of ['running', 'paused', 'queued', 'interrupted'] as RunStatus[]) {
      for (const row of this.store.listRuns({ status, limit: 10_000, offset: 0 })) {
        this.store.updateRun(row.id, { status: 'interrupted' });
        const spec = JSON.parse(row.specJson) as ScenarioSpec;
        const started = existsSync(join(this.recordDir(row.id), RECORD_FILES.manifest));
        const commands = this.store
          .commands(row.id, 'accepted')
          .map((c) => ({ issuedS: c.issuedS!, command: JSON.parse(c.commandJson) as RunCommand }));
        const start: JobStart = started ? { kind: 'resume', commands } : { kind: 'new' };
        try {
          this.queue.submit({
            runId: row.id,
            districtDir: this.districts.get(row.districtId).dir,
            spec,
            recordDir: this.recordDir(row.id),
            checkpointEveryS: row.checkpointEveryS,
            pace: row.pace,
            start,
          });
          resumed.push(row.id);
          this.log.info({ run: row.id, from: start.kind }, 'resuming an interrupted run');
        } catch (err) {
          this.log.error({ run: row.id, err: (err as Error).message }, 'could not resume a run');
        }
      }
    }
    return resumed;
  }

  /** A control that cannot reach the run: it runs on a worker elsewhere, or has just ended. */
  private notHere(id: string, what: string): ApiError {
    return this.queue.remote
      ? new ApiError(
          'API_ERR_RUN_STATE',
          `run ${id} runs on a rivertwin worker (BullMQ); ${what} reaches only runs of the embedded pool`,
          'cancel it, or start the server without REDIS_URL',
        )
      : new ApiError('API_ERR_RUN_STATE', `run ${id} is not running here`, 'ask again');
  }

  /** A remote run's events, read from its record once it ends (its steps carried none). */
  private eventsFromRecord(id: string): void {
    const path = join(this.recordDir(id), RECORD_FILES.events);
    if (!existsSync(path)) return;
    const held = new Set(this.store.events(id, { limit: 1e9 }).map((e) => e.seq));
    const events = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as RunEvent)
      .filter((e) => !held.has(e.seq));
    if (events.length) this.store.appendEvents(id, events);
  }

  private requireLive(id: string, allowed: RunStatus[]): RunRow {
    const row = this.get(id);
    if (!allowed.includes(row.status))
      throw new ApiError(
        'API_ERR_RUN_STATE',
        `run ${id} is ${row.status}`,
        allowed.length === 1 ? `this needs a ${allowed[0]} run` : `this needs a run that is ${allowed.join(' or ')}`,
      );
    return row;
  }

  private onMessage(m: JobMessage): void {
    const id = m.runId;
    // The queue also carries jobs that are not runs of this store (ensemble members): those are someone else's.
    if (m.type !== 'answer' && m.type !== 'etas' && !this.store.getRun(id)) return;
    switch (m.type) {
      case 'started': {
        const prefix = this.syncPrefix(id, m.lastSeq);
        const row = this.store.getRun(id);
        const resumed = row?.status === 'interrupted';
        this.store.updateRun(id, {
          status: 'running',
          error: null,
          ...(resumed ? { resumes: row.resumes + 1, resumedFromS: m.tS } : {}),
        });
        const c = this.channel(id);
        c.sendJson({ type: 'status', status: 'running', tS: m.tS });
        if (prefix.length) c.sendJson({ type: 'events', events: prefix });
        break;
      }
      case 'step': {
        const row = this.store.getRun(id);
        if (!row) return;
        if (m.events.length) this.store.appendEvents(id, m.events);
        this.store.updateRun(id, { reachedS: m.tS });
        const c = this.channels.get(id);
        if (c && c.size) {
          c.sendJson({ type: 'progress', step: m.step, tS: m.tS, durationS: row.durationS, sentAt: Date.now() });
          if (m.events.length) c.sendJson({ type: 'events', events: m.events });
          const frame = this.readFrame(id, m.step, m.tS);
          if (frame) c.sendFrame(frame);
        }
        break;
      }
      case 'paused': {
        this.store.updateRun(id, { status: 'paused', reachedS: m.tS });
        this.channel(id).sendJson({ type: 'status', status: 'paused', tS: m.tS });
        break;
      }
      case 'answer': {
        const w = this.waiting.get(m.requestId);
        this.waiting.delete(m.requestId);
        w?.(m);
        break;
      }
      case 'etas': {
        const w = this.waitingEtas.get(m.requestId);
        this.waitingEtas.delete(m.requestId);
        w?.resolve(m);
        break;
      }
      case 'finished': {
        if (this.queue.remote) this.eventsFromRecord(id);
        this.store.updateRun(id, {
          status: m.status,
          reachedS: m.tS,
          kpisJson: JSON.stringify(m.kpis),
          finishedAt: new Date().toISOString(),
        });
        const row = this.get(id);
        const policy = (JSON.parse(row.specJson) as ScenarioSpec).fleet.policy;
        const drill = m.status === 'finished' && row.planFor === null && policy === 'manual';
        try {
          if (drill) this.startPlan(row);
          if (m.status === 'finished' && row.planFor) this.writeScoreCard(row);
        } catch (err) {
          this.log.error({ run: id, err: (err as Error).message }, 'could not score the drill');
        }
        // Whoever waits for a drill waits for its score card too.
        this.endChannel(id, m.status, !drill);
        if (row.planFor) this.release(row.planFor);
        break;
      }
      case 'stopped':
        this.store.updateRun(id, { status: 'interrupted', reachedS: m.tS });
        this.endChannel(id, 'interrupted');
        break;
      case 'failed':
        this.log.error({ run: id, error: m.error }, 'run failed');
        this.store.updateRun(id, { status: 'failed', error: m.error, finishedAt: new Date().toISOString() });
        this.endChannel(id, 'failed');
        break;
    }
  }

  /**
   * The store's events match the record's up to where the run starts from: a resumed run drops what it will write
   * again, a fork takes the prefix its record copied from the parent.
   */
  private syncPrefix(id: string, lastSeq: number): RunEvent[] {
    this.store.truncateEvents(id, lastSeq);
    const have = this.store.events(id, { afterSeq: lastSeq - 1, limit: 1 }).length > 0 || lastSeq === 0;
    if (have) return [];
    const path = join(this.recordDir(id), RECORD_FILES.events);
    const held = new Set(this.store.events(id, { limit: 1e9 }).map((e) => e.seq));
    const prefix = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as RunEvent)
      .filter((e) => e.seq <= lastSeq && !held.has(e.seq));
    this.store.appendEvents(id, prefix);
    return prefix;
  }

  /** The frame of a step as the record wrote it, with the wire header. */
  readFrame(id: string, step: number, tS: number): Uint8Array | null {
    const row = this.store.getRun(id);
    const path = join(this.recordDir(id), RECORD_FILES.frames, frameChunkPath(step));
    if (!row || !existsSync(path)) return null;
    const { nx, ny } = this.gridOf(id);
    return encodeFrameMessage(step, tS, nx, ny, readFileSync(path));
  }

  private gridCache = new Map<string, { nx: number; ny: number }>();

  private gridOf(id: string): { nx: number; ny: number } {
    let g = this.gridCache.get(id);
    if (!g) {
      const m = JSON.parse(readFileSync(join(this.recordDir(id), RECORD_FILES.manifest), 'utf8')) as {
        grid: { nx: number; ny: number };
      };
      g = { nx: m.grid.nx, ny: m.grid.ny };
      this.gridCache.set(id, g);
    }
    return g;
  }

  private endChannel(id: string, status: string, releaseWaiters = true): void {
    // A question the run's thread will no longer answer: answered "not running".
    for (const [k, w] of this.waitingEtas)
      if (w.runId === id) {
        this.waitingEtas.delete(k);
        w.resolve(null);
      }
    const c = this.channels.get(id);
    if (c) c.end({ type: 'end', status });
    this.channels.delete(id);
    if (releaseWaiters) this.release(id);
  }

  private release(id: string): void {
    for (const w of this.finishedWaiters.get(id) ?? []) w();
    this.finishedWaiters.delete(id);
  }
}

/** KPIs read back from JSON: non-finite values were written as null. */
function reviveKpis(k: Record<string, unknown>): FleetKpis {
  return Object.fromEntries(Object.entries(k).map(([key, v]) => [key, v === null ? NaN : v])) as unknown as FleetKpis;
}
