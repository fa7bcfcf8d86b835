// Regression: KPIs averaged over served cases only read FASTER in a typhoon that left 18 of 25 cases unserved than in
// a 5-year storm. Response times now run over all cases, an unserved one counted until the end (censored), so serving
// fewer of the same cases can never make them look better; case-hours waiting is a sum, so more waiting never lowers it.
import { describe, expect, it } from 'vitest';
import { KpiRecorder, type Case } from '../../../simulation/fleet/index.ts';

/** A case opened at `openedS`; when `arriveAfterS` is given a truck was sent at once and arrived then. */
function aCase(index: number, openedS: number, arriveAfterS?: number): Case {
  const served = arriveAfterS !== undefined;
  return {
    index,
    id: `C${index + 1}`,
    source: 'hotspot',
    sourceId: `H${index + 1}`,
    site: {
      xy: [0, 0],
      location: { node: 0, edge: -1, fraction: 0 },
      cells: new Int32Array(0),
      discharge: { kind: 'unknown', xy: [0, 0] },
    },
    exposure: 1,
    depthM: 0.3,
    priority: 0.3,
    state: served ? 'cleared' : 'open',
    truckIndex: -1,
    readingCells: [],
    openedS,
    dispatchedS: served ? openedS : NaN,
    arrivedS: served ? openedS + arriveAfterS : NaN,
    pumpingS: NaN,
    clearedS: served ? openedS + arriveAfterS + 1200 : NaN,
    closedS: NaN,
    escalatedS: NaN,
    pumpedM3: 0,
    unreachableReported: false,
  } as unknown as Case;
}

const END = 6 * 3600;
const openings = [600, 1800, 3600, 7200, 18000];

describe('fleet KPIs over all cases', () => {
  const all = new KpiRecorder().report(
    openings.map((t, i) => aCase(i, t, 600)),
    END,
  );
  const fewer = new KpiRecorder().report(
    openings.map((t, i) => aCase(i, t, i % 2 ? undefined : 600)),
    END,
  );

  it('count served and unserved cases apart', () => {
    expect(all).toMatchObject({
      casesOpened: 5,
      casesServed: 5,
      casesUnserved: 0,
      casesDispatched: 5,
      casesCleared: 5,
    });
    expect(fewer).toMatchObject({
      casesOpened: 5,
      casesServed: 3,
      casesUnserved: 2,
      casesDispatched: 3,
      casesOpenAtEnd: 2,
    });
  });

  it('never read better when fewer of the same cases are served', () => {
    for (const k of ['meanToDispatchS', 'meanToArriveS', 'meanToClearS', 'caseHoursWaiting'] as const)
      expect(fewer[k], k).toBeGreaterThan(all[k]);
    expect(fewer.medianToArriveS).toBeGreaterThanOrEqual(all.medianToArriveS);
    // The served-only mean is the one that cannot tell: it reads the same although two cases were never served.
    expect(fewer.meanToArriveServedS).toBe(all.meanToArriveServedS);
  });

  it('censor an unserved case at the report time, flagged', () => {
    const c = fewer.cases[1];
    expect(c).toMatchObject({ arriveCensored: true, dispatchCensored: true, toArriveS: END - 1800 });
    expect(Number.isNaN(c.arrivedS)).toBe(true);
    expect(fewer.caseHoursWaiting).toBeCloseTo((3 * 600 + (END - 1800) + (END - 7200)) / 3600, 9);
  });

  it('add case-hours for every case more, served or not', () => {
    const more = new KpiRecorder().report(
      [...openings, 20000].map((t, i) => aCase(i, t, i === 5 ? undefined : 600)),
      END,
    );
    expect(more.caseHoursWaiting).toBeGreaterThan(all.caseHoursWaiting);
  });

  it('count hotspot water-hours above the alarm depth, each reading holding until the next', () => {
    const r = new KpiRecorder();
    r.sampleHotspotWater(0, ['H1', 'H2'], [0.2, 0], 0.15);
    r.sampleHotspotWater(1800, ['H1', 'H2'], [0.1, 0.5], 0.15);
    const k = r.report([], 3600);
    expect(k.hotspotWater).toEqual([
      { id: 'H1', hoursAbove: 0.5 },
      { id: 'H2', hoursAbove: 0.5 },
    ]);
    expect(k.hotspotWaterHours).toBe(1);
  });
});
