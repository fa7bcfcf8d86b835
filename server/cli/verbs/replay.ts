// `rivertwin replay <record> --at <time>`: the state of a recorded run as of a moment — trucks, open cases, closed
// roads, sensors in alarm, pump stations, river and rain, KPIs so far — read from the record, not re-simulated.
import { parseArgs } from 'node:util';
import { clock } from '../../../simulation/record/index.ts';
import type { RunView } from '../../../simulation/scenario/index.ts';
import { openRecord } from '../open-record.ts';
import { parseTimeS } from '../time-arg.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin replay <record-folder> --at <time> [--json]

Prints the state of a recorded run as of a moment (the last control step at or before it), read from the record.
  --at <time>  01:30, 01:30:00, 90m, 1.5h or seconds from the run's start
  --json       print the state (rivertwin.view/1) as JSON`;

export const verb: CliVerb = {
  name: 'replay',
  summary: 'the state of a recorded run as of a moment: trucks, cases, roads, sensors, pumps, KPIs',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { at: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new CliError(`replay takes one record folder; see "rivertwin replay --help"`);
    if (values.at === undefined) throw new CliError('replay needs --at <time>, e.g. --at 01:30');
    const { replay } = openRecord(positionals[0]);
    const tS = parseTimeS(values.at, '--at');
    const view = replay.stateAt(tS);
    if (replay.stops) process.stderr.write(`rivertwin: ${replay.stops}\n`);
    if (values.json) {
      process.stdout.write(JSON.stringify(view, null, 1) + '\n');
      return 0;
    }
    process.stdout.write(describeView(view, replay.manifest.scenario.name) + '\n');
    return 0;
  },
};

/** The view in words, for a terminal. */
function describeView(v: RunView, scenario: string): string {
  const busy = v.trucks.filter((t) => t.state !== 'idle');
  const alarms = v.sensors.filter((s) => s.level !== 'normal');
  const pumpsDown = v.pumps.filter((p) => p.failed);
  const n = (x: number | null | undefined, d = 0) => (x === null || x === undefined ? '—' : x.toFixed(d));
  return [
    `${scenario} as of ${clock(v.tS)} (control step ${v.step}${v.finished ? ', run finished' : ''})`,
    `  rain            ${n(v.rain.rateMmPerH, 1)} mm/h now, ${n(v.rain.accumulatedMm, 1)} mm so far`,
    `  river           ${n(v.river.stageM, 2)} m (${v.river.level}; warning ${n(v.river.warningM, 2)} m, wall crest ${n(v.river.wallCrestM, 2)} m)`,
    `  cases           ${v.cases.length} not closed (${byState(v.cases)})${v.cases.length ? '; first by priority: ' : ''}${[
      ...v.cases,
    ]
      .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))
      .slice(0, 8)
      .map((c) => `${c.id} ${c.state}${c.truckId ? ` (${c.truckId})` : ''} ${n(c.depthM, 2)} m`)
      .join(', ')}`,
    `  trucks          ${busy.length} of ${v.trucks.length} busy: ${busy.map((t) => `${t.id} ${t.state}${t.caseId ? ` → ${t.caseId}` : ''}${t.etaS !== null ? ` eta ${Math.round(t.etaS / 60)} min` : ''}`).join(', ') || 'none'}`,
    `  roads           ${v.roads.closedEdgeKeys.length} edges closed to cars (${n(v.roads.closedKm, 2)} km)`,
    `  sensors         ${alarms.length} of ${v.sensors.length} above alert: ${alarms.map((s) => `${s.id} ${s.level} ${n(s.value, 2)} ${s.unit}`).join(', ') || 'none'}`,
    `  pump stations   ${v.pumps.length === 0 ? 'not in the record' : pumpsDown.length ? `${pumpsDown.map((p) => p.id).join(', ')} failed` : `all ${v.pumps.length} working`}`,
    `  water (m³)      rain ${n(v.water.rainM3)}, drained ${n(v.water.drainedM3)}, pumped by trucks ${n(v.water.pumpedM3)}, standing ${n(v.water.storedM3)}`,
  ].join('\n');
}

/** "150 open, 5 pumping" */
function byState(cases: RunView['cases']): string {
  const count = new Map<string, number>();
  for (const c of cases) count.set(c.state, (count.get(c.state) ?? 0) + 1);
  return [...count].map(([state, k]) => `${k} ${state}`).join(', ') || 'none';
}
