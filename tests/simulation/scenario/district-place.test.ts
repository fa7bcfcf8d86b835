// A scenario runs on the district's own river and alarms: a preset name means that district's stage, a district
// without presets (or alarms, or drainage) is refused naming the district.json field, a stage object still works.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, ScenarioRun } from '../../../simulation/scenario/index.ts';
import { buildTwin, type Twin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/twin/district');
const spec = (river?: unknown) =>
  parseScenario({
    name: 'drizzle',
    durationS: 3600,
    rain: { kind: 'uniform', rateMmPerH: 5, durationS: 1800 },
    ...(river === undefined ? {} : { river }),
  });

let town: Twin;

beforeAll(async () => {
  // Flat at 2 m, its river a winter-flood stage series in NAP (river-stage.csv): 0.4 m at 0 s, 1.6 m at 1 h.
  town = buildTwin(await loadDistrict(join(fixtures, 'place-flat-own-river/in')), { cellM: 10 });
});

function stageAt(t: Twin, river: unknown, atS: number): { stageM: number; warningM: number | null } {
  const run = ScenarioRun.start(t, spec(river));
  try {
    run.stepTo(atS);
    return run.view().river;
  } finally {
    run.close();
  }
}

describe("the district's own river", () => {
  it("runs the district's default preset, not Shanghai's spring tide", () => {
    const river = stageAt(town, undefined, 1800);
    expect(river.stageM).toBeCloseTo(1.0, 9); // halfway along 0.4 → 1.6 m
    expect(river.warningM).toBe(1.5); // district.json river.warningM: the district has no river gauge
  });

  it('resolves a preset name against the district, and keeps an explicit stage', () => {
    expect(stageAt(town, 'calm', 600).stageM).toBe(0.2);
    expect(stageAt(town, { kind: 'constant', stageM: 0.7 }, 600).stageM).toBe(0.7);
    // The record's scenario says the stage that ran, not the name.
    const run = ScenarioRun.start(town, spec('calm'));
    expect(run.spec.river).toEqual({ kind: 'constant', stageM: 0.2 });
    run.close();
  });

  it("refuses a preset the district does not have, listing the district's own", () => {
    expect(() => ScenarioRun.start(town, spec('springTide'))).toThrow(
      /unknown river preset "springTide". Fix: the district's presets are winterFlood, calm \(district.json "river.presets"\)/,
    );
  });

  it('refuses a river preset on a district that states none, naming the field to add', () => {
    const bare = { ...town, district: { ...town.district, manifest: { ...town.district.manifest } } };
    delete bare.district.manifest.river;
    expect(() => ScenarioRun.start(bare, spec('springTide'))).toThrow(
      /district.json, field "river": the scenario asks for the river preset "springTide" but the district states no river presets. Fix: add "river"/,
    );
    expect(() => ScenarioRun.start(bare, spec())).toThrow(/gives no river stage and the district states no river/);
    expect(stageAt(bare, { kind: 'constant', stageM: 0.3 }, 600).stageM).toBe(0.3);
  });

  it('refuses a district without alarms or drainage, naming both fields', () => {
    const manifest = { ...town.district.manifest, drainage: {} };
    delete manifest.alarms;
    const bare = { ...town, district: { ...town.district, manifest } };
    expect(() => ScenarioRun.start(bare, spec())).toThrow(
      /district.json: the district does not say values a run needs.*"drainage": \{"defaultCapacityMmPerH".*"alarms": \{"hotspotDepthM"/,
    );
  });
});
