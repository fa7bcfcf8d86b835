import { describe, expect, it } from 'vitest';
import { parseScenario, RIVER_PRESETS, stageAtS, stageHydrograph } from '../../../simulation/scenario/index.ts';

const base = { durationS: 3600, rain: { kind: 'preset', name: 'chicago-5y-3h' } };

describe('scenario spec', () => {
  it('fills defaults', () => {
    const s = parseScenario(base);
    expect(s.controlStepS).toBe(60);
    expect(s.theta).toBe(0.7);
    expect(s.fleet).toEqual({ policy: 'optimal', setupS: 600, prePosition: false });
    expect(s.river).toEqual(RIVER_PRESETS.springTide);
    expect(s.sewerStorageMm).toBe(10);
  });

  it.each([
    [{ ...base, durationS: -1 }, /field "\/durationS"/],
    [{ ...base, rain: { kind: 'drizzle' } }, /field "\/rain\/kind": unknown kind "drizzle"/],
    [{ ...base, river: 'king tide' }, /unknown river preset "king tide"/],
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
    const spring = RIVER_PRESETS.springTide;
    expect(stageAtS(spring, 7200)).toBeCloseTo(4.55, 9); // the Huangpu Park warning level
    expect(stageAtS(spring, 7200 + 44_712 / 2)).toBeCloseTo(1.15, 9);
    const surge = RIVER_PRESETS.typhoonSurge;
    expect(stageAtS(surge, 7200) - stageAtS(spring, 7200)).toBeCloseTo(0.75, 9);
    const h = stageHydrograph(spring, 3600, 600);
    expect(h.timesS.length).toBe(7);
    expect(h.values[6]).toBeCloseTo(stageAtS(spring, 3600), 12);
  });
});
