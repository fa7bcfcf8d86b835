// The ensemble's statistics on hand-made members: per-cell exceedance and quantiles, distributions (type 7
// quantiles), hotspot and fleet-option summaries that never count a failed member, and the fleet-size rule.
import { describe, expect, it } from 'vitest';
import {
  cellStats,
  distribution,
  ensembleResult,
  fleetOptionSummaries,
  fleetSizeCurves,
  hotspotSummaries,
  parseEnsemble,
  quantileSorted,
  type MemberOutcome,
  type RecommendRule,
} from '../../../simulation/ensemble/index.ts';

describe('distributions', () => {
  it('interpolates quantiles between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([5], 0.9)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('leaves out what is not a number and says how many it counted', () => {
    expect(distribution([3, null, 1, NaN, 2])).toEqual({
      n: 3,
      min: 1,
      p10: 1.2,
      median: 2,
      p90: 2.8,
      max: 3,
      mean: 2,
    });
    expect(distribution([null]).n).toBe(0);
  });
});

describe('cellStats', () => {
  it('gives per cell the share of members deeper than each threshold and the depth quantiles', () => {
    const members = [
      Float32Array.from([0, 0.1, 0.2, NaN]),
      Float32Array.from([0, 0.2, 0.6, 1]),
      Float32Array.from([0, 0.4, 0.3, 1]),
      Float32Array.from([0, 0.16, 0.1, 1]),
    ];
    const s = cellStats(members, [0.15, 0.5], [0.5, 0.9]);
    expect(Array.from(s.exceedance[0])).toEqual([0, 0.75, 0.75, NaN]);
    expect(Array.from(s.exceedance[1])).toEqual([0, 0, 0.25, NaN]);
    expect(s.depthQuantiles[0][1]).toBeCloseTo(0.18, 6);
    expect(s.depthQuantiles[1][2]).toBeCloseTo(0.51, 6);
    expect(s.depthQuantiles[0][3]).toBeNaN();
    expect(() => cellStats([new Float32Array(2), new Float32Array(3)], [0.15], [0.5])).toThrow(/same cell size/);
  });
});

/** Members at fleet sizes 2, 4, 8 over four storms, with unserved cases falling as the fleet grows. */
function members(unserved: Record<number, number[]>, failed: string[] = []): MemberOutcome[] {
  const out: MemberOutcome[] = [];
  for (const [size, list] of Object.entries(unserved))
    list.forEach((u, storm) => {
      const id = `s${size}-${storm}`;
      const values = { rain: `storm-${storm}`, fleetSize: Number(size) };
      if (failed.includes(id)) out.push({ id, values, scenario: id, status: 'failed', error: 'boom' });
      else
        out.push({
          id,
          values,
          scenario: id,
          status: 'completed',
          kpis: { casesUnserved: u, meanToArriveS: u === 0 ? null : 600 + u },
          hotspots: [
            { id: 'H1', name: 'h', kind: 'underpass', peakDepthM: storm / 10, firstWetS: storm ? storm * 60 : null },
          ],
        });
    });
  return out;
}
const rule: RecommendRule = { kpi: 'casesUnserved', quantile: 0.9, tolerance: 0.1, slack: 0, bootstrap: 200, seed: 1 };

describe('fleet summaries', () => {
  const ms = members({ 2: [10, 20, 30, 40], 4: [2, 4, 6, 8], 8: [1, 3, 5, 7] }, ['s2-3']);

  it('never counts a failed member', () => {
    const options = fleetOptionSummaries(ms, ['casesUnserved']);
    expect(options.map((o) => [o.option, o.members])).toEqual([
      ['2 trucks', 3],
      ['4 trucks', 4],
      ['8 trucks', 4],
    ]);
    expect(options[0].kpis.casesUnserved.max).toBe(30);
    const h = hotspotSummaries(ms)[0];
    expect(h.peakDepthM.n).toBe(11);
    expect(h.wetShare).toBeCloseTo(8 / 11, 5);
    expect(h.firstWetS.min).toBe(60);
  });

  it('recommends the smallest fleet within the tolerance of the largest at the 90th percentile', () => {
    const [curve] = fleetSizeCurves(ms, ['casesUnserved'], rule);
    expect(curve.points.map((p) => p.trucks)).toEqual([2, 4, 8]);
    // 90th percentiles: 4 trucks 7.4, 8 trucks 6.4 → target 7.04: 4 trucks miss it, so 8.
    expect(curve.points[2].atQuantile).toBeCloseTo(6.4, 6);
    expect(curve.recommendation.trucks).toBe(8);
    const looser = fleetSizeCurves(ms, ['casesUnserved'], { ...rule, tolerance: 0.2 })[0];
    expect(looser.recommendation.trucks).toBe(4);
    expect(looser.recommendation.target).toBeCloseTo(7.68, 6);
  });

  it('says how sure it is: a seeded bootstrap over the storms each size met', () => {
    const a = fleetSizeCurves(ms, ['casesUnserved'], rule)[0].recommendation.bootstrap;
    const b = fleetSizeCurves(ms, ['casesUnserved'], rule)[0].recommendation.bootstrap;
    expect(a).toEqual(b);
    const shares = Object.values(a.shares).reduce((x, y) => x + y, 0);
    expect(shares).toBeCloseTo(1, 6);
    expect(a.low!).toBeLessThanOrEqual(a.high!);
    // Clear-cut data: the 2-truck fleet is never within reach, whatever the resample.
    expect(a.shares['2']).toBeUndefined();
  });

  it('draws no curve without a fleet-size axis', () => {
    const noSize = ms.map((m) => ({ ...m, values: { rain: m.values.rain } }));
    expect(fleetSizeCurves(noSize, [], rule)).toEqual([]);
  });

  it('composes ensemble.json with counts, maps and each failed member’s error', () => {
    const spec = parseEnsemble({ name: 'x', base: 'b', axes: { fleetSize: [2, 4, 8] } });
    const r = ensembleResult(spec, { id: 'd', contentHash: 'h' }, null, ms, (id) => `members/${id}`);
    expect(r.counts).toEqual({ members: 12, completed: 11, failed: 1 });
    expect(r.members.find((m) => m.id === 's2-3')).toMatchObject({ status: 'failed', error: 'boom' });
    expect(r.maps.map((m) => m.file)).toEqual([
      'prob-depth-gt-15cm.tif',
      'prob-depth-gt-30cm.tif',
      'prob-depth-gt-50cm.tif',
      'max-depth-p50.tif',
      'max-depth-p90.tif',
    ]);
  });
});
