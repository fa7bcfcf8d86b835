// Runs a scenario from the CLI: a ScenarioRun stepped to its end with progress on stderr and, given a folder, the
// run record written as it goes (see README "Run records").
import { RecordFolderSink } from '../../simulation/record/record-folder.node.ts';
import { RecordWriter, stagedTrucks } from '../../simulation/record/index.ts';
import {
  ScenarioRun,
  scenarioResult,
  type ScenarioResult,
  type ScenarioSpec,
  type ScenarioTwin,
} from '../../simulation/scenario/index.ts';
import type { StagedTruck } from '../../simulation/record/index.ts';
import { Progress } from './progress.ts';
import { recordContext } from './provenance.ts';

/** What `executeRun` needs. */
export interface RunRequest {
  districtDir: string;
  twin: ScenarioTwin;
  spec: ScenarioSpec;
  /** Record folder; none is written without it. */
  out?: string;
  /** Checkpoint interval (s simulated). */
  checkpointEveryS: number;
  /** No progress output. */
  quiet?: boolean;
  /** What the progress line calls the run (default "run"). */
  label?: string;
  /** Called before every control step, e.g. to issue a drill's operator commands as the run reaches them. */
  beforeStep?: (run: ScenarioRun) => void;
}

/** What a CLI run came to. */
export interface RunOutcome {
  result: ScenarioResult;
  wallSeconds: number;
  runId: string;
  staging: StagedTruck[] | null;
}

/** Runs a scenario to its end, recording it when `out` is given. */
export function executeRun(req: RunRequest): RunOutcome {
  const progress = new Progress(req.label ?? 'run', req.spec.durationS, process.stderr, req.quiet);
  const run = ScenarioRun.start(req.twin, req.spec);
  const ctx = recordContext(
    req.districtDir,
    req.twin.district,
    req.spec,
    req.checkpointEveryS,
    () => progress.elapsedS,
  );
  const writer = req.out ? new RecordWriter(new RecordFolderSink(req.out), run, ctx) : undefined;
  try {
    writer?.begin();
    while (!run.finished) {
      req.beforeStep?.(run);
      run.advance();
      writer?.afterStep();
      progress.update(run.tS);
    }
    progress.done();
    const result = writer
      ? { ...writer.finish(), events: run.eventsSince(0) }
      : scenarioResult(run, run.eventsSince(0));
    return { result, wallSeconds: progress.elapsedS, runId: ctx.runId, staging: stagedTrucks(run) };
  } finally {
    run.close();
  }
}
