import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseScenario,
  resolveRiverStage,
  stageAtS,
  stageHydrograph,
  type RiverStageSpec,
} from '../../../simulation/scenario/index.ts';

// The Bund's river as its district.json states it: the presets now live with the district, not in the code.
const bundRiver = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../datasets/shanghai-bund/district.json'), 'utf8'),
).river as { presets: Record<string, Record<string, unknown>>; default: string };
const bund = (name?: string): RiverStageSpec => resolveRiverStage(name, bundRiver);

const base = { durationS: 3600, rain: { kind: 'preset', name: 'chicago-5y-3h' } };

describe('scenario spec', () => {
  it('fills defaults', () => {
    const s = parseScenario(base);
    expect(s.controlStepS).toBe(60);
    expect(s.theta).toBe(1);
    expect(s.fleet).toEqual({ policy: 'optimal', setupS: 600, prePosition: false });
    // No river given: the district's default, resolved when the run is set up.
    expect(s.river).toBeUndefined();
    expect(resolveRiverStage(s.river, bundRiver)).toEqual(bund('springTide'));
    expect(s.sewerStorageMm).toBe(10);
  });

  it.each([
    [{ ...base, durationS: -1 }, /field "\/durationS"/],
    [{ ...base, rain: { kind: 'drizzle' } }, /field "\/rain\/kind": unknown kind "drizzle"/],
    [{ ...base, fleet: { policy: 'random' } }, /field "\/fleet\/policy": "random"/],
    [{ ...base, pumpFailures: [{ id: 'P01', atS: 99999 }] }, /field "\/pumpFailures\/0\/atS"/],
    [{ ...base, colour: 'blue' }, /field "\/colour": unknown field/],
    [{ ...base, controlStepS: 7200 }, /field "\/controlStepS"/],
  ])('rejects %j naming the field', (raw, message) => {
    expect(() => parseScenario(raw)).toThrow(message);
  });
});

describe('river stage', () => {
  it('peaks at high tide, and a surge adds its height at its peak', () => {
    const spring = bund('springTide');
    expect(stageAtS(spring, 7200)).toBeCloseTo(4.55, 9); // the Huangpu Park warning level
    expect(stageAtS(spring, 7200 + 44_712 / 2)).toBeCloseTo(1.15, 9);
    const surge = bund('typhoonSurge');
    expect(stageAtS(surge, 7200) - stageAtS(spring, 7200)).toBeCloseTo(0.75, 9);
    const h = stageHydrograph(spring, 3600, 600);
    expect(h.timesS.length).toBe(7);
    expect(h.values[6]).toBeCloseTo(stageAtS(spring, 3600), 12);
  });
});

describe('river presets of the district', () => {
  it('resolves a name against the district, and names the field when it is not there', () => {
    expect(() => bund('king tide')).toThrow(/unknown river preset "king tide".*springTide/);
    expect(() => resolveRiverStage('springTide', undefined)).toThrow(
      /district.json, field "river": the scenario asks for the river preset "springTide" but the district states no river presets. Fix: add "river"/,
    );
    const given = { kind: 'constant', stageM: 1.2 } as const;
    expect(resolveRiverStage(given, undefined)).toBe(given);
  });

  it('holds a stage series between its points and beyond its ends', () => {
    const s = parseScenario({ ...base, river: { kind: 'series', timesS: [0, 3600], stageM: [1, 2] } }).river;
    expect(typeof s).toBe('object');
    const stage = s as RiverStageSpec;
    expect(stageAtS(stage, -10)).toBe(1);
    expect(stageAtS(stage, 1800)).toBeCloseTo(1.5, 12);
    expect(stageAtS(stage, 9999)).toBe(2);
    expect(() => parseScenario({ ...base, river: { kind: 'series', timesS: [0, 0], stageM: [1, 2] } })).toThrow(
      /timesS/,
    );
  });
});
