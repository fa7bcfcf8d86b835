// The score card from two small event logs: cases matched by what opened them (not by id), verdicts and the time
// lost per case, the words of each row, KPIs side by side, and a worse operator scoring lower.
import { describe, expect, it } from 'vitest';
import type { FleetKpis } from '../../../simulation/fleet/index.ts';
import { buildScoreCard, casesOfRun, hhmm, matchCases, type ScoredRun } from '../../../simulation/drill/index.ts';
import type { RunEvent } from '../../../simulation/scenario/index.ts';

let seq = 0;
const opened = (caseId: string, timeS: number, source: string, sourceId: string, xy = [0, 0]) =>
  ({
    type: 'case.opened',
    timeS,
    caseId,
    source,
    sourceId,
    xy,
    lonLat: [121.5 + xy[0] / 1e5, 31.2],
    depthM: 0.2,
    exposure: 1,
    priority: 0.2,
    seq: ++seq,
  }) as unknown as RunEvent;
const sent = (caseId: string, truckId: string, timeS: number) =>
  ({
    type: 'case.dispatched',
    timeS,
    caseId,
    truckId,
    etaS: 60,
    policy: 'x',
    replanned: false,
    seq: ++seq,
  }) as RunEvent;
const arrived = (caseId: string, truckId: string, timeS: number) =>
  ({ type: 'truck.arrived', timeS, caseId, truckId, seq: ++seq }) as RunEvent;

function kpis(over: Partial<FleetKpis> = {}): FleetKpis {
  return {
    timeS: 7200,
    cases: [],
    casesOpened: 2,
    casesDispatched: 2,
    casesServed: 2,
    casesUnserved: 0,
    casesCleared: 2,
    casesOpenAtEnd: 0,
    escalated: 0,
    meanToDispatchS: 0,
    medianToDispatchS: 0,
    meanToArriveS: 300,
    medianToArriveS: 300,
    meanToClearS: 600,
    medianToClearS: 600,
    meanToArriveServedS: 300,
    meanToClearServedS: 600,
    caseHoursWaiting: 0.2,
    hotspotWaterHours: 1.5,
    hotspotWater: [{ id: 'H1', hoursAbove: 1.5 }],
    pumpedM3: 900,
    roadKmHoursClosed: 0.5,
    reachability: { timesS: [], share: [] },
    meanReachableShare: 0.75,
    ...over,
  };
}

// The plan: C001 at hotspot H1 served in 5 min, C002 a hotline call served in 100 s.
const plan: ScoredRun = {
  events: [
    opened('C001', 600, 'hotspot', 'H1'),
    sent('C001', 'T1', 600),
    arrived('C001', 'T1', 900),
    opened('C002', 700, 'report', 'hotline:77', [500, 0]),
    sent('C002', 'T2', 700),
    arrived('C002', 'T2', 800),
  ],
  kpis: kpis(),
};

const card = (operator: ScoredRun) =>
  buildScoreCard({ scenario: 'test', seed: 1, endS: 7200, controlStepS: 60, operator, plan });

describe('matching cases between runs', () => {
  it('pairs by what opened them, nearest in time, not by id', () => {
    const op = casesOfRun([
      opened('C001', 500, 'report', 'hotline:12'),
      opened('C002', 600, 'hotspot', 'H1'),
      opened('C003', 700, 'report', 'hotline:77', [500, 0]),
      opened('C004', 5000, 'hotspot', 'H1'),
    ]);
    const pairs = matchCases(op, casesOfRun(plan.events));
    expect(pairs.map((p) => [p.operator?.caseId ?? null, p.plan?.caseId ?? null])).toEqual([
      ['C001', null],
      ['C002', 'C001'],
      ['C003', 'C002'],
      ['C004', null],
    ]);
  });

  it('pairs operators’ own reports by place, within 40 m', () => {
    const a = casesOfRun([opened('C001', 60, 'report', 'r1', [0, 0]), opened('C002', 60, 'report', '', [300, 0])]);
    const b = casesOfRun([opened('C001', 60, 'report', 'x', [310, 0]), opened('C002', 120, 'report', 'y', [30, 0])]);
    expect(matchCases(a, b).map((p) => [p.operator?.caseId, p.plan?.caseId])).toEqual([
      ['C001', 'C002'],
      ['C002', 'C001'],
    ]);
  });

  it('takes the truck that arrived and the order that sent it', () => {
    const [c] = casesOfRun([
      opened('C001', 0, 'hotspot', 'H1'),
      sent('C001', 'T1', 60),
      sent('C001', 'T2', 180),
      arrived('C001', 'T2', 400),
      sent('C001', 'T3', 900),
    ]);
    expect(c.response).toEqual({ truckId: 'T2', dispatchedS: 180, arrivedS: 400 });
  });
});

describe('the score card', () => {
  it('is 100 with every case on time for the plan’s own log under other case ids', () => {
    const shifted: ScoredRun = {
      events: [
        opened('C001', 300, 'report', 'hotline:5', [900, 0]),
        opened('C002', 600, 'hotspot', 'H1'),
        sent('C002', 'T1', 600),
        arrived('C002', 'T1', 900),
        opened('C003', 700, 'report', 'hotline:77', [500, 0]),
        sent('C003', 'T2', 700),
        arrived('C003', 'T2', 800),
      ],
      kpis: kpis(),
    };
    const c = card(shifted);
    expect(c.score).toBe(100);
    expect(c.cases.map((x) => [x.caseId, x.verdict, x.lostS])).toEqual([
      ['C002', 'on-time', 0],
      ['C003', 'on-time', 0],
    ]);
    expect(c.kpis.every((k) => k.better === 'same')).toBe(true);
  });

  it('says who was late and who missed, in words, and scores lower', () => {
    const operator: ScoredRun = {
      events: [
        opened('C001', 600, 'hotspot', 'H1'),
        sent('C001', 'T3', 1200),
        arrived('C001', 'T3', 1500),
        opened('C002', 700, 'report', 'hotline:77', [500, 0]),
      ],
      kpis: kpis({ casesServed: 1, casesUnserved: 1, caseHoursWaiting: 1.9, meanToArriveS: 3400, pumpedM3: 500 }),
    };
    const c = card(operator);
    expect(c).toMatchObject({ format: 'rivertwin.score-card/1', scenario: 'test', seed: 1 });
    expect(c.cases).toEqual([
      {
        caseId: 'C001',
        hotspotId: 'H1',
        lonLat: [121.5, 31.2],
        openedS: 600,
        operator: { truckId: 'T3', dispatchedS: 1200, arrivedS: 1500 },
        plan: { truckId: 'T1', dispatchedS: 600, arrivedS: 900 },
        verdict: 'late',
        lostS: 600,
        text: "C001: you sent T3 at 00:20, arriving 00:25; the plan sent T1 at 00:10, arriving 00:15 (a wait 10 min longer than the plan's)",
      },
      {
        caseId: 'C002',
        hotspotId: null,
        lonLat: [121.505, 31.2],
        openedS: 700,
        operator: null,
        plan: { truckId: 'T2', dispatchedS: 700, arrivedS: 800 },
        verdict: 'missed',
        lostS: 6400,
        text: 'C002: you sent no truck; the plan sent T2 at 00:12, arriving 00:13',
      },
    ]);
    // W: plan (300 + 100) s, operator (900 + 6500) s, + 60 s per case; one of two served cases missed.
    expect(c.score).toBe(Math.round(1000 * (520 / 7520) * 0.75) / 10);
    const row = (name: string) => c.kpis.find((k) => k.name === name)!;
    expect(row('casesServed')).toEqual({
      name: 'casesServed',
      unit: 'cases',
      operator: 1,
      plan: 2,
      difference: -1,
      better: 'plan',
      lowerIsBetter: false,
    });
    expect(row('caseHoursWaiting')).toMatchObject({ unit: 'h', difference: 1.7, better: 'plan', lowerIsBetter: true });
    expect(row('meanToDispatchS')).toMatchObject({ better: 'same', difference: 0 });
  });

  it('scores a slower operator lower than a quicker one, and lists cases one run opened without scoring them', () => {
    const after = (delayS: number): ScoredRun => ({
      events: [
        opened('C001', 600, 'hotspot', 'H1'),
        sent('C001', 'T1', 600 + delayS),
        arrived('C001', 'T1', 900 + delayS),
        opened('C002', 700, 'report', 'hotline:77', [500, 0]),
        sent('C002', 'T2', 700),
        arrived('C002', 'T2', 800),
      ],
      kpis: kpis(),
    });
    const scores = [0, 120, 600, 1800].map((d) => card(after(d)).score);
    expect(scores[0]).toBe(100);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    expect(card(after(120)).cases[0].verdict).toBe('on-time');
    expect(card(after(600)).cases[0].verdict).toBe('late');
    const extra = after(0);
    extra.events = [...extra.events, opened('C003', 800, 'sensor', 'S9'), sent('C003', 'T4', 800)];
    const row = card(extra).cases.find((x) => x.caseId === 'C003')!;
    expect(row).toMatchObject({ verdict: 'missed', lostS: null, plan: null });
    expect(row.text).toBe("C003: you sent T4 at 00:13, which never arrived; the plan's run opened no such case");
    // A case only the plan's run opened: nothing the operator could miss, and not scored.
    const more = buildScoreCard({
      scenario: 'test',
      seed: 1,
      endS: 7200,
      controlStepS: 60,
      operator: after(0),
      plan: { ...plan, events: [...plan.events, opened('C003', 800, 'sensor', 'S7'), sent('C003', 'T5', 800)] },
    });
    expect(more.score).toBe(100);
    expect(more.cases.at(-1)).toMatchObject({ caseId: 'plan:C003', verdict: 'on-time', lostS: null, operator: null });
  });

  it('compares waits, not clock times, when a case opened later in one run', () => {
    const later: ScoredRun = {
      events: [
        opened('C001', 1200, 'hotspot', 'H1'),
        sent('C001', 'T1', 1200),
        arrived('C001', 'T1', 1500),
        opened('C002', 700, 'report', 'hotline:77', [500, 0]),
        sent('C002', 'T2', 700),
        arrived('C002', 'T2', 800),
      ],
      kpis: kpis(),
    };
    const c = card(later);
    expect(c.cases.map((x) => [x.caseId, x.verdict, x.lostS])).toEqual([
      ['C002', 'on-time', 0],
      ['C001', 'on-time', 0],
    ]);
    expect(c.score).toBe(100);
    expect(c.cases[1].text).toBe(
      'C001: you sent T1 at 00:20, arriving 00:25; the plan, whose case opened at 00:10, sent T1 at 00:10, arriving 00:15',
    );
  });

  it('reads clock times to the minute', () => {
    expect([0, 29, 31, 3599, 5400, 36000].map(hhmm)).toEqual(['00:00', '00:00', '00:01', '01:00', '01:30', '10:00']);
  });
});
