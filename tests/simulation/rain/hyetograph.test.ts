// Hyetograph integration: exact depths over any interval, the wettest window, rescaling, and input checks.
import { describe, expect, it } from 'vitest';
import {
  blockHyetograph,
  createHyetograph,
  cumulativeDepthMm,
  hyetographDepthMm,
  hyetographMeanRate,
  hyetographTotalMm,
  maxWindowDepthMm,
  rateAtMmPerH,
  scaleHyetographToDepth,
  shiftHyetograph,
} from '../../../simulation/rain/index.ts';

describe('hyetograph', () => {
  const h = createHyetograph([600, 1200, 3000], [12, 60, 6], 4800);

  it('integrates piecewise-constant rates exactly', () => {
    expect(hyetographTotalMm(h)).toBeCloseTo(12 / 6 + 60 / 2 + 6 / 2, 12);
    expect(hyetographDepthMm(h, 0, 600)).toBe(0);
    expect(hyetographDepthMm(h, 900, 1500)).toBeCloseTo((12 * 300 + 60 * 300) / 3600, 12);
    expect(hyetographDepthMm(h, 4000, 9000)).toBeCloseTo((6 * 800) / 3600, 12);
    expect(cumulativeDepthMm(h, 1e9)).toBe(hyetographTotalMm(h));
    expect(hyetographMeanRate(h, 1200, 3000)).toBeCloseTo(60, 12);
    expect(hyetographMeanRate(h, 1300, 1300)).toBe(60);
    expect(rateAtMmPerH(h, 4800)).toBe(0);
    expect(rateAtMmPerH(h, 599.9)).toBe(0);
  });

  it('adds up over any partition of time (the ledger can trust it whatever dt)', () => {
    let sum = 0;
    let t = 0;
    let k = 0;
    while (t < 5000) {
      const dt = 0.37 + (k++ % 7) * 11.3;
      sum += (hyetographMeanRate(h, t, t + dt) * dt) / 3600;
      t += dt;
    }
    expect(Math.abs(sum - hyetographTotalMm(h)) / hyetographTotalMm(h)).toBeLessThan(1e-12);
  });

  it('finds the wettest window, including ones that straddle block edges', () => {
    const w = maxWindowDepthMm(h, 1800);
    expect(w.depthMm).toBeCloseTo(30, 12);
    expect(w.startS).toBe(1200);
    const two = blockHyetograph(600, [10, 40, 30, 0]);
    // A 15-min window: best is all of the 40 mm/h block plus 5 min of the 30 mm/h one.
    expect(maxWindowDepthMm(two, 900).depthMm).toBeCloseTo(40 / 6 + 30 / 12, 12);
  });

  it('rescales to a depth and shifts in time', () => {
    const s = scaleHyetographToDepth(h, 100);
    expect(hyetographTotalMm(s)).toBeCloseTo(100, 10);
    const later = shiftHyetograph(h, 3600);
    expect(hyetographDepthMm(later, 4500, 5100)).toBeCloseTo(hyetographDepthMm(h, 900, 1500), 12);
  });

  it('refuses unordered times, negative or NaN rates and an end before the last start', () => {
    expect(() => createHyetograph([0, 0], [1, 2], 10, { input: 'x.csv' })).toThrow(
      `simulation: x.csv, item 1, field "startS": block start time 0 s is not after the previous block's 0 s`,
    );
    expect(() => createHyetograph([0], [-1], 10)).toThrow(/rain rate -1 mm\/h is negative/);
    expect(() => createHyetograph([0], [Number.NaN], 10)).toThrow(/rain rate NaN mm\/h is not a finite number/);
    expect(() => createHyetograph([0, 60], [1, 2], 60)).toThrow(
      /end time 60 s is not after the last block's start 60 s/,
    );
  });
});
