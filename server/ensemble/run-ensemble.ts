// One call that runs an ensemble on a queue and writes its outputs: every member a whole-record RunJob into
// <out>/members/<id>, followed by an EnsembleRunner, then aggregated by ensemble-outputs.ts. The CLI and the server use it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RECORD_FILES, type RecordManifest } from '../../simulation/record/record-format.ts';
import type { EnsembleResult } from '../../simulation/ensemble/index.ts';
import type { JobQueue, RunJob } from '../http/jobs/job-queue.ts';
import { EnsembleRunner, type EnsembleProgress, type MemberState } from './ensemble-runner.ts';
import { memberRecordPath, writeEnsembleOutputs } from './ensemble-outputs.ts';
import type { LoadedEnsemble } from './load-ensemble.ts';

/** The member jobs of an ensemble, recording into `outDir`/members/<id>; run ids are `<runIdPrefix>-<member id>`. */
export function memberJobs(loaded: LoadedEnsemble, outDir: string, runIdPrefix: string): { id: string; job: RunJob }[] {
  return loaded.members.map((m) => ({
    id: m.id,
    job: {
      runId: `${runIdPrefix}-${m.id}`,
      districtDir: loaded.districtDir,
      spec: m.scenario,
      recordDir: resolve(outDir, memberRecordPath(m.id)),
      // Members are not forked: the checkpoint at the start is enough.
      checkpointEveryS: m.scenario.durationS,
      pace: 0,
      start: { kind: 'new' },
      writeWhole: true,
    },
  }));
}

/** What an ensemble run came to. */
export interface EnsembleOutcome {
  states: MemberState[];
  result: EnsembleResult;
  files: string[];
  wallSeconds: number;
}

/** A started ensemble: its runner (progress, cancel) and the outcome once every member ended and outputs are written. */
export function startEnsemble(
  loaded: LoadedEnsemble,
  queue: JobQueue,
  outDir: string,
  opts: {
    window: number;
    runIdPrefix?: string;
    onChange?: (p: EnsembleProgress, m: MemberState) => void;
    /** Members whose complete records are already in `outDir` (a resumed ensemble): not run again. */
    finished?: ReadonlySet<string>;
  },
): { runner: EnsembleRunner; outcome: Promise<EnsembleOutcome> } {
  const t0 = performance.now();
  const runner = new EnsembleRunner(
    queue,
    memberJobs(loaded, outDir, opts.runIdPrefix ?? loaded.id),
    opts.window,
    opts.onChange,
    opts.finished,
  );
  const outcome = runner.done.then(async (states) => {
    const { result, files } = await writeEnsembleOutputs(loaded, states, outDir);
    return { states, result, files, wallSeconds: (performance.now() - t0) / 1000 };
  });
  return { runner, outcome };
}

/** The members whose record in `outDir` is complete (written whole, so a folder there is a finished member). */
export function finishedMembers(loaded: LoadedEnsemble, outDir: string): Set<string> {
  const done = new Set<string>();
  for (const m of loaded.members) {
    const file = join(outDir, memberRecordPath(m.id), RECORD_FILES.manifest);
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as RecordManifest;
    if (manifest.complete && manifest.status === 'finished') done.add(m.id);
  }
  return done;
}
