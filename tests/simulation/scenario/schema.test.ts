// The one scenario schema: violations at any depth name their JSON path; defaults are the same whoever fills them;
// the bundled library validates; the published JSON Schema is the TypeBox definition (REGEN=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, SCENARIO_DEFAULTS, ScenarioSchema } from '../../../simulation/scenario/index.ts';
import { resolveScenario, scenarioNames } from '../../../simulation/scenario/resolve-scenario.node.ts';

const root = join(import.meta.dirname, '../../..');
const district = join(root, 'datasets/shanghai-bund');
const base = { durationS: 3600, rain: { kind: 'preset', name: 'chicago-5y-3h' } };

describe('scenario schema', () => {
  it.each([
    [{ ...base, frob: 1 }, /field "\/frob": unknown field\. Fix: fields here are .*durationS/],
    [{ ...base, durationS: 'long' }, /field "\/durationS": "long": expected number/],
    [
      { ...base, fleet: { polcy: 'nearest' } },
      /field "\/fleet\/polcy": unknown field\. Fix: fields here are policy, setupS, prePosition/,
    ],
    [{ ...base, fleet: { prePosition: 'yes' } }, /field "\/fleet\/prePosition": "yes": expected boolean/],
    [
      { ...base, rain: { kind: 'monsoon' } },
      /field "\/rain\/kind": unknown kind "monsoon"\. Fix: use one of uniform, chicago/,
    ],
    [{ ...base, rain: { kind: 'chicago', returnPeriodYears: 5 } }, /field "\/rain\/durationMin": is missing/],
    [{ ...base, pumpFailures: [{ id: 'P01', at: 60 }] }, /field "\/pumpFailures\/0\/atS": is missing/],
    [
      { ...base, commands: [{ atS: 60, kind: 'hold', truckId: 'T01', why: 'x' }] },
      /field "\/commands\/0\/why": unknown field/,
    ],
    [
      {
        ...base,
        river: { kind: 'tide', meanM: 2, amplitudeM: 1, highTideAtS: 0, surge: { peakM: -1, atS: 0, widthS: 600 } },
      },
      /field "\/river\/surge\/peakM": -1: expected number to be greater or equal to 0/,
    ],
    [{ ...base, controlStepS: 7200 }, /field "\/controlStepS": 7200: expected number to be less or equal to 3600/],
    [
      { ...base, pumpFailures: [{ id: 'P01', atS: 4000 }] },
      /field "\/pumpFailures\/0\/atS": 4000 s is after the run ends/,
    ],
  ])('names the JSON path of a bad field (%#)', (raw, message) => {
    expect(() => parseScenario(raw, 'x.json')).toThrow(message);
  });

  it('fills every default from one place', () => {
    const spec = parseScenario(base);
    expect(spec).toMatchObject({
      controlStepS: SCENARIO_DEFAULTS.controlStepS,
      sewerStorageMm: SCENARIO_DEFAULTS.sewerStorageMm,
      fleet: SCENARIO_DEFAULTS.fleet,
      seed: SCENARIO_DEFAULTS.seed,
      theta: SCENARIO_DEFAULTS.theta,
      pumpFailures: [],
      commands: [],
    });
    // The river's default is the district's (river.default), resolved when the run is set up.
    expect(spec.river).toBeUndefined();
    expect(spec.cellM).toBeUndefined();
    expect(parseScenario({ ...base, fleet: { policy: 'nearest' } }).fleet).toEqual({
      ...SCENARIO_DEFAULTS.fleet,
      policy: 'nearest',
    });
  });

  it('validates every scenario of the bundled library, each titled in Chinese and English', () => {
    const names = scenarioNames(district);
    expect(names).toEqual(
      expect.arrayContaining([
        'design-1y',
        'design-5y',
        'design-50y',
        'design-100y',
        'typhoon-6h',
        'in-fa-2021',
        'three-coincide',
        'pump-failure',
      ]),
    );
    for (const n of names) {
      const s = resolveScenario(n, district);
      expect(s.name).toBe(n);
      expect(s.title && s.titleEn && s.description && s.descriptionEn, n).toBeTruthy();
    }
  });

  it('is published as JSON Schema, the same as the definition', () => {
    const file = join(root, 'datasets/schemas/scenario.schema.json');
    const text = JSON.stringify(ScenarioSchema, null, 2) + '\n';
    if (process.env.REGEN) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
