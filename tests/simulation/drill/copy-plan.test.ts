// A drill whose commands copy the automatic plan's dispatches is the plan: the same events, KPIs and a score of 100.
// Orders given later than the plan's, or left out, score lower and show as late and missed. On typhoon-6h's storm
// shortened to its first 2.5 hours at 20 m cells (the plan's first dispatches come at about 01:30).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildScoreCard,
  dispatchesAsCommands,
  DrillFeeder,
  type ScoredRun,
  type TimedCommand,
} from '../../../simulation/drill/index.ts';
import { parseScenario, placeScenario, ScenarioRun, type ScenarioSpec } from '../../../simulation/scenario/index.ts';
import { readScenarioInput } from '../../../simulation/scenario/resolve-scenario.node.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

const districtDir = join(import.meta.dirname, '../../../datasets/shanghai-bund');
let twin: Twin;
let planSpec: ScenarioSpec;
let manualSpec: ScenarioSpec;
let plan: ScoredRun;

function run(spec: ScenarioSpec, commands: TimedCommand[] = []): ScoredRun {
  const r = ScenarioRun.start(twin, spec);
  const feeder = new DrillFeeder(commands);
  try {
    while (!r.finished) {
      feeder.beforeStep(r);
      r.advance();
    }
    return { events: r.eventsSince(0), kpis: r.parts.fleet.kpis(r.tS) };
  } finally {
    r.close();
  }
}

const card = (operator: ScoredRun) =>
  buildScoreCard({ scenario: 'typhoon-6h', seed: 1, endS: 9000, controlStepS: 60, operator, plan });

beforeAll(async () => {
  const district = await loadDistrict(districtDir);
  const raw = readScenarioInput('typhoon-6h', districtDir).raw as Record<string, unknown>;
  const short = { ...raw, durationS: 9000, cellM: 20 };
  planSpec = placeScenario(parseScenario(short), district);
  manualSpec = placeScenario(parseScenario({ ...short, fleet: { policy: 'manual' } }), district);
  twin = buildTwin(district, { cellM: 20 });
  plan = run(planSpec);
}, 600_000);

describe('a drill that copies the plan', () => {
  it('is the plan: the same cases, trucks and KPIs, score 100, no late or missed case', () => {
    const commands = dispatchesAsCommands(plan.events);
    expect(commands.length).toBeGreaterThan(3);
    const copy = run(manualSpec, commands);
    expect(copy.events.filter((e) => e.type === 'command.rejected')).toEqual([]);
    // Only the words differ: who dispatched (a policy, a re-plan, an operator), why a truck left a case for another
    // (a re-plan or an order), the command events, and the order of events within a control step.
    const strip = (s: ScoredRun) =>
      s.events
        .filter((e) => !e.type.startsWith('command.'))
        .map(({ seq: _s, ...e }) => {
          if (e.type === 'case.dispatched') return { ...e, policy: '', replanned: false };
          if (e.type === 'case.requeued' && e.reason === 'replan') return { ...e, reason: 'redispatch' };
          return e;
        })
        .map((e) => JSON.stringify(e))
        .sort();
    expect(strip(copy)).toEqual(strip(plan));
    expect(copy.kpis).toEqual(plan.kpis);
    const c = card(copy);
    expect(c.score).toBe(100);
    expect(c.cases.length).toBeGreaterThan(3);
    expect(c.cases.every((x) => x.verdict === 'on-time' && x.lostS === 0)).toBe(true);
    expect(c.kpis.every((k) => k.better === 'same' && (k.difference === 0 || k.difference === null))).toBe(true);
    expect(c.cases[0].text).toMatch(/^C\d{3}: you sent T\d\d at \d\d:\d\d, arriving \d\d:\d\d; the plan sent T\d\d/);
  });

  it('scores lower when the same orders come ten minutes late, or when the first ones are left out', () => {
    const commands = dispatchesAsCommands(plan.events);
    const late = card(
      run(
        manualSpec,
        commands.map((c) => ({ ...c, atS: c.atS + 600 })),
      ),
    );
    expect(late.score).toBeLessThan(100);
    expect(late.cases.some((x) => x.verdict === 'late')).toBe(true);
    // Leave out every order for the first two cases the plan served.
    const first = [...new Set(commands.map((c) => (c as { caseId: string }).caseId))].slice(0, 2);
    const missing = card(
      run(
        manualSpec,
        commands.filter((c) => !first.includes((c as { caseId: string }).caseId)),
      ),
    );
    expect(missing.cases.filter((x) => x.verdict === 'missed').map((x) => x.caseId)).toEqual(
      expect.arrayContaining(first),
    );
    expect(missing.score).toBeLessThan(100);
  });
});
