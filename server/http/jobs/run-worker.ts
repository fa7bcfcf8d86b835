// One run in a worker thread: loads the district, starts (or forks, or resumes) the run with its record writer, and
// steps it between control messages — pause, pace, cancel, operator commands, stop — reporting each step's events.
// Commands are issued between control steps at the run's time then, so a resumed run issues them where they were.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openFork, RecordReplay, RecordWriter } from '../../../simulation/record/index.ts';
import { checkpointPath } from '../../../simulation/record/record-format.ts';
import { RecordFolderSink, RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { caseEtas } from '../../../simulation/fleet/case-etas.ts';
import { ScenarioRun } from '../../../simulation/scenario/index.ts';
import type { IssuedCommand } from '../../../simulation/scenario/scenario-run.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { recordContext } from '../../cli/provenance.ts';
import { threadedEngines } from '../../../simulation/hydro/threads.node.ts';
import { parseEngineThreads } from '../../engine-threads.ts';
import type { JobControl, JobMessage, RunJob } from './job-queue.ts';

const port = parentPort!;
const job = workerData as RunJob;
const inbox: JobControl[] = [];
let wake: (() => void) | null = null;
port.on('message', (m: JobControl) => {
  inbox.push(m);
  wake?.();
});

const post = (m: JobMessage): void => port.postMessage(m);
// A whole-record job writes beside its folder first (removed again if the run fails; a killed process leaves it).
const partDir =
  job.writeWhole && job.start.kind === 'new' ? `${job.recordDir}.part-${randomBytes(6).toString('hex')}` : undefined;

/** Waits `ms` or until a control message arrives, whichever is first. */
function nap(ms: number): Promise<void> {
  if (inbox.length) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      wake = null;
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    wake = done;
  });
}

async function main(): Promise<void> {
  const district = await loadDistrict(job.districtDir);
  // Each run's flood engine on ENGINE_THREADS threads (default 2).
  const threads = parseEngineThreads(process.env.ENGINE_THREADS, 'ENGINE_THREADS');
  const twin = { ...buildTwin(district, { cellM: job.spec.cellM! }), engine: threadedEngines(threads) };
  const t0 = performance.now();
  const ctx = {
    ...recordContext(job.districtDir, district, job.spec, job.checkpointEveryS, () => (performance.now() - t0) / 1000),
    runId: job.runId,
  };
  const { parent: _p, ...forkCtx } = ctx;
  const sink = new RecordFolderSink(partDir ?? job.recordDir);
  let run: ScenarioRun;
  let writer: RecordWriter;
  let later: IssuedCommand[] = [];
  const s = job.start;
  const lastCheckpoint =
    s.kind === 'resume' ? RecordReplay.open(new RecordFolderSource(job.recordDir)).checkpointTimes().at(-1) : undefined;
  if (s.kind === 'new' || (s.kind === 'resume' && lastCheckpoint === undefined)) {
    // A run that stopped before its first checkpoint starts again, its acknowledged commands issued where they were.
    run = ScenarioRun.start(twin, job.spec);
    writer = new RecordWriter(sink, run, ctx);
    writer.begin();
    if (s.kind === 'resume') later = s.commands;
  } else if (s.kind === 'fork') {
    ({ run, writer, later } = openFork(
      twin,
      new RecordFolderSource(s.parentRecordDir),
      sink,
      { atS: s.atS, patch: s.patch, commands: s.commands, laterCommands: s.laterCommands },
      forkCtx,
    ));
  } else {
    // Resumed in place: the record is cut back to its last checkpoint and written on from there.
    ({ run, writer, later } = openFork(
      twin,
      new RecordFolderSource(job.recordDir),
      sink,
      { atS: lastCheckpoint!, resume: { commands: s.commands } },
      { ...forkCtx },
    ));
  }
  post({ type: 'started', runId: job.runId, tS: run.tS, step: run.step, lastSeq: run.lastSeq });
  let posted = run.lastSeq;
  const flushEvents = (): void => {
    const events = run.eventsSince(posted);
    if (events.length) posted = events[events.length - 1].seq;
    post({ type: 'step', runId: job.runId, step: run.step, tS: run.tS, events });
  };
  flushEvents();
  let paused = false;
  let pauseAt = job.pauseAtS;
  let pace = job.pace;
  let cancelled = false;
  let wallRef = performance.now();
  let simRef = run.tS;
  const rebase = (): void => {
    wallRef = performance.now();
    simRef = run.tS;
  };
  try {
    for (;;) {
      for (let c = inbox.shift(); c; c = inbox.shift()) {
        if (c.type === 'pause') paused = true;
        else if (c.type === 'resume') {
          paused = false;
          rebase();
        } else if (c.type === 'pace') {
          pace = c.pace;
          rebase();
        } else if (c.type === 'cancel') {
          run.cancel(c.reason);
          cancelled = true;
        } else if (c.type === 'command') {
          const a = run.check(c.command);
          if (a.accepted) {
            run.command(c.command);
            writer.flushCommands();
          }
          post({ type: 'answer', runId: job.runId, requestId: c.requestId, ...a, issuedS: run.tS });
        } else if (c.type === 'eta') {
          let etas = null;
          let error = '';
          try {
            etas = caseEtas(run.parts.fleet.world, c.caseId);
          } catch (e) {
            error = (e as Error).message;
          }
          post({ type: 'etas', runId: job.runId, requestId: c.requestId, tS: run.tS, etas, error });
        } else if (c.type === 'stop') {
          // A checkpoint where the run stands, so a restart loses nothing.
          // A whole-record job starts again when it is next run, so its part-written folder goes.
          if (partDir) rmSync(partDir, { recursive: true, force: true });
          else if (!run.finished) sink.writeFile(checkpointPath(run.tS), run.snapshot());
          post({ type: 'stopped', runId: job.runId, tS: run.tS });
          return;
        }
      }
      while (later.length && later[0].issuedS <= run.tS && !run.finished) run.command(later.shift()!.command);
      writer.flushCommands();
      if (run.finished) break;
      if (pauseAt !== undefined && run.tS >= pauseAt) {
        pauseAt = undefined;
        paused = true;
        post({ type: 'paused', runId: job.runId, tS: run.tS });
      }
      if (paused) {
        await nap(60_000);
        continue;
      }
      run.advance();
      writer.afterStep();
      flushEvents();
      if (pace > 0) await nap(wallRef + ((run.tS - simRef) / pace) * 1000 - performance.now());
      else await new Promise<void>((r) => setImmediate(r));
    }
    const result = writer.finish();
    if (partDir) {
      rmSync(job.recordDir, { recursive: true, force: true });
      renameSync(partDir, job.recordDir);
    }
    flushEvents();
    post({
      type: 'finished',
      runId: job.runId,
      status: cancelled ? 'cancelled' : 'finished',
      tS: run.tS,
      kpis: result.kpis,
    });
  } finally {
    run.close();
  }
}

main()
  .catch((err: unknown) => {
    if (partDir) rmSync(partDir, { recursive: true, force: true });
    const e = err as Error & { code?: string };
    post({ type: 'failed', runId: job.runId, error: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) });
  })
  // The thread ends once its last message is out.
  .finally(() => port.close());
