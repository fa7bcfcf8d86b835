// The drill desk's pure parts: command events merged from history and the live stream once each in order, and the
// cases of a score card where the operator lost time (missed or late, with a place), most lost first.
import { describe, expect, it } from 'vitest';
import type { ScoreCard, ScoreCardCase } from '../../simulation/drill/score-card.ts';
import type { RunEvent } from '../../simulation/scenario/run-events.ts';
import { isCommandEvent, lostTimeCases, mergeCommandEvents } from '../../scenes/src/drill/drill-log.ts';

const ev = (seq: number, type: string, extra: object = {}) =>
  ({ seq, type, timeS: seq * 60, ...extra }) as unknown as RunEvent;

describe('mergeCommandEvents', () => {
  it('keeps only commands, each seq once, in seq order, whichever way they came', () => {
    const history = [ev(3, 'command.accepted'), ev(7, 'command.rejected', { reason: 'no such case' })];
    const live = [
      ev(5, 'case.opened'),
      ev(7, 'command.rejected', { reason: 'no such case' }),
      ev(9, 'command.accepted'),
    ];
    const merged = mergeCommandEvents(mergeCommandEvents([], history), live);
    expect(merged.map((e) => [e.seq, e.type])).toEqual([
      [3, 'command.accepted'],
      [7, 'command.rejected'],
      [9, 'command.accepted'],
    ]);
    expect(mergeCommandEvents(merged, history)).toEqual(merged);
    expect(isCommandEvent(ev(1, 'case.dispatched'))).toBe(false);
  });
});

describe('lostTimeCases', () => {
  const row = (
    caseId: string,
    verdict: ScoreCardCase['verdict'],
    lostS: number | null,
    lonLat: [number, number] | null,
  ) =>
    ({
      caseId,
      verdict,
      lostS,
      lonLat,
      text: caseId,
      hotspotId: null,
      openedS: 0,
      operator: null,
      plan: null,
    }) as ScoreCardCase;
  const card = (cases: ScoreCardCase[]): ScoreCard => ({
    format: 'rivertwin.score-card/1',
    scenario: 's',
    seed: 1,
    score: 50,
    formula: '',
    kpis: [],
    cases,
  });

  it('lists the missed and late cases that have a place, most time lost first', () => {
    const lost = lostTimeCases(
      card([
        row('C001', 'on-time', 30, [121.49, 31.24]),
        row('C002', 'late', 600, [121.48, 31.23]),
        row('C003', 'missed', 3000, [121.5, 31.25]),
        row('C004', 'better', -300, [121.5, 31.25]),
        row('C005', 'late', 1200, null),
        row('C006', 'plan-missed', null, [121.5, 31.25]),
        row('plan:C009', 'missed', null, [121.47, 31.22]),
      ]),
    );
    expect(lost.map((l) => [l.caseId, l.verdict, l.lostS])).toEqual([
      ['plan:C009', 'missed', null],
      ['C003', 'missed', 3000],
      ['C002', 'late', 600],
    ]);
    expect(lost[1].lonLat).toEqual([121.5, 31.25]);
  });

  it('is empty when the operator lost no time', () => {
    expect(lostTimeCases(card([row('C001', 'on-time', 0, [1, 2]), row('C002', 'better', -60, [1, 2])]))).toEqual([]);
  });
});
