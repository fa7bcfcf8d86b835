// A what-if from any moment of a record: restore the nearest checkpoint at or before t, replay the recorded commands
// up to t, apply a patch (a partial scenario) and new operator commands, run to the end (re-issuing the parent's later
// commands unless told to drop them), and write a new record that names its parent and the fork time. With an empty
// patch the fork repeats its parent from t on, byte for byte.
import { strFromU8 } from 'fflate';
import { SimulationError } from '../errors.ts';
import { parseScenario } from '../scenario/scenario-spec.ts';
import { ScenarioRun } from '../scenario/scenario-run.ts';
import type { RunCommand } from '../scenario/run-commands.ts';
import type { IssuedCommand } from '../scenario/scenario-run.ts';
import type { ScenarioTwin } from '../scenario/scenario-setup.ts';
import type { ScenarioResult } from '../scenario/run-scenario.ts';
import { checkpointPath, RECORD_FILES, type RecordSink, type RecordSource } from './record-format.ts';
import { RecordWriter, type RecordContext } from './record-writer.ts';
import { clock, RecordReplay } from './replay.ts';
import { frameChunkPath } from './zarr-frames.ts';

/** What a fork changes. */
export interface ForkRequest {
  /** Fork time (s); the state is that of the last control step at or before it. */
  atS: number;
  /** A partial scenario merged over the parent's (objects merge, lists and values replace). */
  patch?: Record<string, unknown>;
  /** New operator commands, issued at the fork time (each applies at its atS, default the next control step). */
  commands?: RunCommand[];
  /**
   * The parent's commands issued after the fork time: 'keep' re-issues them when the parent did (the default, so an
   * empty patch repeats the parent); 'drop' leaves them out (the operator takes over from the fork).
   */
  laterCommands?: 'keep' | 'drop';
  /**
   * A resume, not a what-if: the commands to issue after the fork time (at their `issuedS`) in place of the parent's
   * — a server's acknowledged commands, which may be ahead of what the record holds; those at or before the fork time
   * come from the record — and the new record is the same
   * run (no parent in its manifest), so it ends byte for byte as the uninterrupted run would have.
   */
  resume?: { commands: IssuedCommand[] };
}

/** Called after each control step of the fork, e.g. for progress. */
export type ForkProgress = (run: ScenarioRun) => void;

/**
 * Forks `parent` into `sink`. Throws SimulationError for a fork time outside the record, a patch that is not a valid
 * scenario, or a patch that changes what a checkpoint cannot carry over (the grid or the fleet).
 */
export function forkRecord(
  twin: ScenarioTwin,
  parent: RecordSource,
  sink: RecordSink,
  request: ForkRequest,
  context: Omit<RecordContext, 'parent'>,
  onStep?: ForkProgress,
): ScenarioResult & { forkS: number } {
  const { run, writer, forkS, later } = openFork(twin, parent, sink, request, context, onStep);
  try {
    for (const c of later) {
      while (run.tS < c.issuedS && !run.finished) stepRecorded(run, writer, onStep);
      run.command(c.command);
    }
    while (!run.finished) stepRecorded(run, writer, onStep);
    return { ...writer.finish(), forkS };
  } finally {
    run.close();
  }
}

/** A fork brought to its fork time: the run and its writer, and the commands still to issue at their `issuedS`. */
export interface OpenedFork {
  run: ScenarioRun;
  writer: RecordWriter;
  forkS: number;
  /** Commands to issue when the run reaches their `issuedS` (all after the fork time), in order. */
  later: IssuedCommand[];
}

/** One control step, recorded. */
export function stepRecorded(run: ScenarioRun, writer: RecordWriter, onStep?: ForkProgress): void {
  run.advance();
  writer.afterStep();
  onStep?.(run);
}

/**
 * Steps 1–3 of a fork (or a resume): the parent's prefix copied, the checkpoint restored, the parent's commands up to
 * the fork time replayed, the patch and the new commands applied. The caller steps the run on (a server does so
 * between messages, at its pace) and issues `later` at their times.
 */
export function openFork(
  twin: ScenarioTwin,
  parent: RecordSource,
  sink: RecordSink,
  request: ForkRequest,
  context: Omit<RecordContext, 'parent'>,
  onStep?: ForkProgress,
): OpenedFork {
  const replay = RecordReplay.open(parent);
  const m = replay.manifest;
  const k = replay.stepAt(request.atS);
  const forkS = Math.min(k * m.controlStepS, m.endS);
  if (forkS >= m.endS)
    throw new SimulationError(
      `fork time ${clock(request.atS)} is the end of the run`,
      { input: '--at' },
      `give a time before ${clock(m.endS)}`,
    );
  const patch = request.patch ?? {};
  const spec = parseScenario(mergePatch(m.scenario, patch), 'patch');
  if (spec.cellM !== m.scenario.cellM)
    throw new SimulationError('a fork keeps its parent grid', { input: 'patch', field: 'cellM' }, 'leave cellM out');
  const cp = replay.checkpointAtOrBefore(forkS);
  let run = ScenarioRun.restore(twin, cp.bytes);
  try {
    const kc = run.step;
    const commandsRestored = run.issued.length;
    // 1. The parent's prefix up to the checkpoint: events, commands, views, frames, checkpoints.
    copyLines(parent, sink, RECORD_FILES.events, (line) => field(line, 'seq') <= run.lastSeq);
    let n = 0;
    copyLines(parent, sink, RECORD_FILES.commands, () => n++ < commandsRestored);
    copyLines(parent, sink, RECORD_FILES.views, (line) => field(line, 'step') <= kc);
    for (let f = 0; f <= kc; f++) copyFile(parent, sink, `${RECORD_FILES.frames}/${frameChunkPath(f)}`);
    for (const t of replay.checkpointTimes()) if (t <= cp.tS) copyFile(parent, sink, checkpointPath(t));
    const writer = new RecordWriter(sink, run, {
      ...context,
      parent: request.resume
        ? m.parent
        : {
            runId: m.runId,
            forkS,
            record: parent.name,
            patch,
            commands: request.commands?.length ?? 0,
            laterCommands: request.laterCommands ?? 'keep',
          },
    });
    writer.begin(run.lastSeq);
    const stepOnce = (): void => stepRecorded(run, writer, onStep);
    // 2. Replay the parent's commands issued after the checkpoint and up to the fork time, as they were issued.
    const later = request.resume
      ? [
          ...replay.commands.slice(commandsRestored).filter((c) => c.issuedS <= forkS),
          ...request.resume.commands.filter((c) => c.issuedS > forkS),
        ]
      : replay.commands.slice(commandsRestored);
    for (const c of later) {
      if (c.issuedS > forkS) break;
      while (run.tS < c.issuedS) stepOnce();
      run.command(c.command);
    }
    while (run.tS < forkS) stepOnce();
    writer.flushCommands();
    // 3. The patch from the fork time on, then the new commands.
    if (Object.keys(patch).length > 0) {
      const bytes = run.snapshot();
      run.close();
      run = ScenarioRun.restore(twin, bytes, spec);
      writer.follow(run);
    }
    for (const c of request.commands ?? []) {
      const answer = run.command(c);
      if (!answer.accepted)
        throw new SimulationError(answer.reason, { input: 'fork commands', item: c.id ?? c.kind }, 'fix the command');
    }
    writer.flushCommands();
    return {
      run,
      writer,
      forkS,
      later: (request.laterCommands ?? 'keep') === 'keep' ? later.filter((x) => x.issuedS > forkS) : [],
    };
  } catch (err) {
    run.close();
    throw err;
  }
}

/** A patch over a scenario: objects merge key by key; anything else in the patch replaces. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergePatch(base[key], value);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function copyLines(from: RecordSource, to: RecordSink, path: string, keep: (line: string) => boolean): void {
  const bytes = from.readFile(path);
  const lines = bytes
    ? strFromU8(bytes)
        .split('\n')
        .filter((l) => l.length > 0)
    : [];
  const kept: string[] = [];
  for (const line of lines) {
    if (!keep(line)) break;
    kept.push(line);
  }
  to.writeFile(path, kept.length ? kept.join('\n') + '\n' : '');
}

/** A number field of a JSON line; Infinity for a torn or foreign line (which ends the copy). */
function field(line: string, key: string): number {
  try {
    const v = (JSON.parse(line) as Record<string, unknown>)[key];
    return typeof v === 'number' ? v : Infinity;
  } catch {
    return Infinity;
  }
}

function copyFile(from: RecordSource, to: RecordSink, path: string): void {
  const bytes = from.readFile(path);
  if (!bytes)
    throw new SimulationError(`${path} is missing`, { input: `record ${from.name}` }, 'the record is damaged');
  to.writeFile(path, bytes);
}
