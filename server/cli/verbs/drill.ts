// `rivertwin drill <district>`: a rehearsal (演练) scored against the plan. The scenario runs with the fleet in manual
// dispatch, driven by a duty officer's timed commands from a file; the automatic policy runs the same storm and seed;
// the score card says, KPI by KPI and case by case, where the operator lost or gained time.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildScoreCard,
  DrillFeeder,
  hhmm,
  parseDrillScript,
  type TimedCommand,
} from '../../../simulation/drill/index.ts';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import { parseScenario, placeScenario, type RunEvent } from '../../../simulation/scenario/index.ts';
import { readScenarioInput } from '../../../simulation/scenario/resolve-scenario.node.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import {
  DISTRICT_OPTIONS,
  DISTRICT_USAGE,
  districtOptions,
  engineOption,
  THREADS_USAGE,
  twinOptions,
} from '../district-options.ts';
import { executeRun } from '../recorded-run.ts';
import { scoreCardText } from '../score-card-text.ts';
import { CliError, type CliVerb } from '../verb.ts';
import { requireAssets } from './run.ts';

const usage = `Usage: rivertwin drill <district-folder> --scenario <name|file.json> --commands <commands.ndjson> --out <dir>
                       [--threads <N>] [--json] [--lenient]

A drill (演练): runs the scenario with the pump trucks in manual dispatch, moved only by the operator's timed commands,
and the automatic policy (the scenario's own, or optimal if the scenario is manual) on the same storm and seed; then
scores the operator against that plan (README "Drills"): the fleet's KPIs side by side, case by case who was sent when
and arrived when, and one score from 0 to 100.

  --scenario <s>     a scenario of the district's library (e.g. typhoon-6h) or a scenario file
  --commands <file>  the operator's commands, one JSON object per line in time order ("#" lines are comments), e.g.
                     {"atS": 5640, "kind": "dispatch", "truckId": "T05", "caseId": "C001"}
                     each applies at the first control step at or after atS, after that step's cases opened;
                     a bad line is an error naming the line and field (skipped and reported with --lenient)
  --out <dir>        the drill's run record, with score-card.json, and the plan's record in <dir>/plan/
  --json             print the score card as JSON instead of a table
${THREADS_USAGE}
${DISTRICT_USAGE}`;

export const verb: CliVerb = {
  name: 'drill',
  summary: 'a drill: manual dispatch from an operator’s timed commands, scored against the automatic plan',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        commands: { type: 'string' },
        out: { type: 'string' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
        ...DISTRICT_OPTIONS,
      },
    });
    if (positionals.length !== 1) throw new CliError('drill takes one district folder; see "rivertwin drill --help"');
    if (!values.scenario) throw new CliError('drill needs --scenario <name|file>, e.g. --scenario typhoon-6h');
    if (!values.commands) throw new CliError('drill needs --commands <file.ndjson>, the operator’s timed commands');
    if (!values.out) throw new CliError('drill needs --out <folder> for the drill’s record and score card');
    if (existsSync(values.out) && readdirSync(values.out).length > 0)
      throw new CliError(`--out ${values.out} is not empty; give a new folder so no record is overwritten`);
    if (!existsSync(values.commands)) throw new CliError(`${values.commands}: file not found`);
    const districtDir = positionals[0];
    const given = readScenarioInput(values.scenario, districtDir);
    const raw = structuredClone(given.raw as Record<string, unknown>);
    const base = parseScenario(raw, given.input);
    const planPolicy = base.fleet.policy === 'manual' ? 'optimal' : base.fleet.policy;
    const named = (policy: string): Record<string, unknown> => ({
      ...raw,
      name: policy === base.fleet.policy ? base.name : `${base.name} + ${policy} dispatch`,
      fleet: { ...base.fleet, policy },
    });
    const district = await loadDistrict(districtDir, districtOptions(values));
    requireAssets(district, districtDir);
    const planSpec = placeScenario(parseScenario(named(planPolicy), given.input), district);
    const drillSpec = placeScenario(parseScenario(named('manual'), given.input), district);
    planSpec.cellM ??= district.manifest.grid.cellM;
    drillSpec.cellM = planSpec.cellM;
    const script = readScript(values.commands, drillSpec.durationS, district, values.lenient === true);
    const { engine } = engineOption(values.threads);
    const twin = { ...buildTwin(district, twinOptions(drillSpec.cellM, values.json)), engine };
    const created = !existsSync(values.out);
    try {
      // The plan as a record beside the drill's: writing it costs a few per cent of the run, and it lets replay,
      // events, compare and reports show what the plan did at any moment.
      const plan = executeRun({
        districtDir,
        twin,
        spec: planSpec,
        out: join(values.out, 'plan'),
        checkpointEveryS: 3600,
        label: `plan (${planPolicy})`,
      });
      const feeder = new DrillFeeder(script.commands);
      const drill = executeRun({
        districtDir,
        twin,
        spec: drillSpec,
        out: values.out,
        checkpointEveryS: 3600,
        label: 'drill',
        beforeStep: (run) => feeder.beforeStep(run),
      });
      const card = buildScoreCard({
        scenario: base.name,
        seed: drillSpec.seed,
        endS: drill.result.durationS,
        controlStepS: drillSpec.controlStepS,
        operator: { events: drill.result.events, kpis: drill.result.kpis },
        plan: { events: plan.result.events, kpis: plan.result.kpis },
      });
      new RecordFolderSink(values.out).writeFile('score-card.json', JSON.stringify(card, null, 2) + '\n');
      for (const r of rejections(drill.result.events, script.commands, script.lines))
        process.stderr.write(`rivertwin: warning: ${values.commands} line ${r.line}: ${r.text}\n`);
      process.stdout.write(
        values.json
          ? JSON.stringify(card, null, 2) + '\n'
          : scoreCardText(card, planPolicy) +
              `  record: ${values.out}/ (the drill), ${join(values.out, 'plan')}/ (the plan), score card ${join(values.out, 'score-card.json')}\n`,
      );
      return 0;
    } catch (err) {
      if (created) rmSync(values.out, { recursive: true, force: true });
      throw err;
    }
  },
};

/** The command file, checked: the first bad line is an error naming file, line and field, or with --lenient a warning. */
function readScript(
  path: string,
  durationS: number,
  district: Awaited<ReturnType<typeof loadDistrict>>,
  lenient: boolean,
): { commands: TimedCommand[]; lines: number[] } {
  const parsed = parseDrillScript(readFileSync(path, 'utf8'), {
    durationS,
    truckIds: district.fleet.map((t) => t.id),
    stationIds: district.pumpStations.map((s) => s.id),
  });
  const say = (p: (typeof parsed.problems)[number]): string =>
    `${path} line ${p.line}${p.field ? `, field "${p.field}"` : ''}: ${p.message}. Fix: ${p.hint}`;
  if (parsed.problems.length && !lenient)
    throw new CliError(`${say(parsed.problems[0])}${lenientHint(parsed.problems.length)}`);
  for (const p of parsed.problems) process.stderr.write(`rivertwin: warning: skipped ${say(p)}\n`);
  if (parsed.commands.length === 0) throw new CliError(`${path}: no commands in the file; a drill needs at least one`);
  return parsed;
}

function lenientHint(n: number): string {
  return n > 1 ? ` (and ${n - 1} more bad line${n > 2 ? 's' : ''}; --lenient skips them)` : '';
}

/** The script's commands the run refused (a case not open, no open road…), with their lines. */
function rejections(
  events: readonly RunEvent[],
  commands: readonly TimedCommand[],
  lines: readonly number[],
): { line: number; text: string }[] {
  const used = new Uint8Array(commands.length);
  const out: { line: number; text: string }[] = [];
  for (const e of events) {
    if (e.type !== 'command.rejected') continue;
    const said = JSON.stringify(e.command);
    const k = commands.findIndex((c, i) => {
      const { atS: _a, ...rest } = c;
      return !used[i] && JSON.stringify(rest) === said;
    });
    if (k < 0) continue;
    used[k] = 1;
    out.push({ line: lines[k], text: `${e.command.kind} refused at ${hhmm(e.timeS)}: ${e.reason}` });
  }
  return out;
}
