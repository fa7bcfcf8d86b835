// The score card as the drill verb prints it: the score, KPIs side by side (seconds as minutes), the cases worst first.
import { describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../../simulation/drill/index.ts';
import { scoreCardText } from '../../../server/cli/score-card-text.ts';

const card: ScoreCard = {
  format: 'rivertwin.score-card/1',
  scenario: 'typhoon-6h',
  seed: 1,
  score: 61.5,
  formula: 'score = …',
  kpis: [
    {
      name: 'casesServed',
      unit: 'cases',
      operator: 29,
      plan: 33,
      difference: -4,
      better: 'plan',
      lowerIsBetter: false,
    },
    {
      name: 'meanToArriveS',
      unit: 's',
      operator: 16200,
      plan: 16230,
      difference: -30,
      better: 'operator',
      lowerIsBetter: true,
    },
    {
      name: 'meanReachableShare',
      unit: 'share',
      operator: null,
      plan: null,
      difference: null,
      better: 'same',
      lowerIsBetter: false,
    },
  ],
  cases: [
    {
      caseId: 'C001',
      hotspotId: 'H17',
      lonLat: [121.49, 31.24],
      openedS: 5580,
      operator: { truckId: 'T05', dispatchedS: 5640, arrivedS: 5750 },
      plan: { truckId: 'T05', dispatchedS: 5580, arrivedS: 5692 },
      verdict: 'on-time',
      lostS: 58,
      text: 'C001: you sent T05 at 01:34, arriving 01:36; the plan sent T05 at 01:33, arriving 01:35',
    },
    {
      caseId: 'C002',
      hotspotId: null,
      lonLat: null,
      openedS: 5640,
      operator: null,
      plan: { truckId: 'T07', dispatchedS: 5640, arrivedS: 5715 },
      verdict: 'missed',
      lostS: 23085,
      text: 'C002: you sent no truck; the plan sent T07 at 01:34, arriving 01:35',
    },
  ],
};

describe('scoreCardText', () => {
  it('prints the score, a KPI table and the cases, missed before on time', () => {
    const text = scoreCardText(card, 'optimal');
    const lines = text.split('\n');
    expect(lines[0]).toBe('drill on typhoon-6h (seed 1): score 61.5 / 100 against the optimal plan');
    expect(lines[2]).toMatch(/^ {2}KPI +unit +you +plan +difference$/);
    expect(lines[3]).toMatch(/^ {2}casesServed +cases +29 +33 +-4 +plan better$/);
    expect(lines[4]).toMatch(/^ {2}meanToArriveS +min +270 +270\.5 +-0\.5 +you better$/);
    expect(lines[5]).toMatch(/^ {2}meanReachableShare +share +— +— +— +same$/);
    expect(text).toContain(
      '  cases a truck was sent to: 2 (1 missed, 1 on time)\n  missed      C002: you sent no truck',
    );
    expect(text.indexOf('missed      C002')).toBeLessThan(text.indexOf('on-time     C001'));
    expect(text.trimEnd().split('\n').at(-1)).toBe('  formula: score = …');
  });
});
