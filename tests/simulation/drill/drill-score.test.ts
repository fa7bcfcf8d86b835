// The drill's score formula: 100 when the operator matches the plan, never above it, and lower for every longer wait,
// extra hour of water or missed case.
import { describe, expect, it } from 'vitest';
import { drillScore, SCORE_FORMULA, type ScoreInputs } from '../../../simulation/drill/index.ts';

const same: ScoreInputs = {
  waitOperatorH: 3,
  waitPlanH: 3,
  contestedCases: 12,
  waterOperatorH: 40,
  waterPlanH: 40,
  hotspots: 30,
  missed: 0,
  planServed: 10,
  controlStepS: 60,
};

describe('drillScore', () => {
  it('is 100 for an operator who did what the plan did, and for nothing to do', () => {
    expect(drillScore(same)).toBe(100);
    expect(drillScore({ ...same, waitOperatorH: 0, waitPlanH: 0, contestedCases: 0, planServed: 0 })).toBe(100);
    expect(drillScore({ ...same, waterOperatorH: 0, waterPlanH: 0, hotspots: 0 })).toBe(100);
  });

  it('never goes above 100 when the operator beat the plan', () => {
    expect(drillScore({ ...same, waitOperatorH: 1, waterOperatorH: 30 })).toBe(100);
  });

  it('falls as the operator keeps cases waiting longer', () => {
    const scores = [3, 3.5, 5, 10, 40].map((w) => drillScore({ ...same, waitOperatorH: w }));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    // W_plan / W_operator with one control step per case added: (3 + 0.2) / (10 + 0.2).
    expect(scores[3]).toBe(Math.round((1000 * 3.2) / 10.2) / 10);
  });

  it('falls with more hours of water at the hotspots', () => {
    expect(drillScore({ ...same, waterOperatorH: 44 })).toBeLessThan(drillScore({ ...same, waterOperatorH: 41 }));
    expect(drillScore({ ...same, waterOperatorH: 41 })).toBeLessThan(100);
  });

  it('takes off half a case’s share for every case the plan served and the operator missed', () => {
    expect(drillScore({ ...same, missed: 1 })).toBe(95);
    expect(drillScore({ ...same, missed: 10 })).toBe(50);
    // Missing also makes the cases wait: both count.
    expect(drillScore({ ...same, missed: 2, waitOperatorH: 6 })).toBeLessThan(drillScore({ ...same, missed: 2 }));
  });

  it('does not read better when the plan had nothing and the operator made cases wait', () => {
    const s = drillScore({ ...same, waitPlanH: 0, contestedCases: 1, waitOperatorH: 2 });
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(5);
  });

  it('states its formula in words', () => {
    expect(SCORE_FORMULA).toMatch(/^score = 100 × min\(1, W_plan \/ W_operator\)/);
  });
});
