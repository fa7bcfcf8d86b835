// Chicago design storm properties (Keifer & Chu 1957): total = IDF depth, peak block at r·duration, and every
// window around the peak holding the IDF depth for its length.
import { describe, expect, it } from 'vitest';
import {
  chicagoCumulativeMm,
  chicagoCurve,
  chicagoHyetograph,
  chicagoIntensityMmPerH,
  cumulativeDepthMm,
  hyetographTotalMm,
  idfDepthMm,
  maxWindowDepthMm,
} from '../../../simulation/rain/index.ts';

const periods = [1, 2, 3, 5, 10, 20, 50, 100];
const durations = [60, 120, 180];
const steps = [1, 5];
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function maxBlock(rates: Float64Array): number {
  let best = 0;
  for (let i = 1; i < rates.length; i++) if (rates[i] > rates[best]) best = i;
  return best;
}

describe('Chicago design storm (芝加哥雨型)', () => {
  it('holds the IDF depth for the whole duration, to 1e-9 relative', () => {
    for (const P of periods)
      for (const D of [...durations, 37, 1440])
        for (const stepMin of steps)
          for (const r of [0, 0.367, 0.4, 1]) {
            const h = chicagoHyetograph({ returnPeriodYears: P, durationMin: D, stepMin, peakPosition: r });
            expect(rel(hyetographTotalMm(h), idfDepthMm(P, D))).toBeLessThan(1e-9);
          }
  });

  it('puts its largest block at r·duration for Shanghai peak positions (0.367, 0.4)', () => {
    for (const P of periods)
      for (const D of [...durations, 90, 150, 240])
        for (const stepMin of steps)
          for (const r of [0.367, 0.4]) {
            const h = chicagoHyetograph({ returnPeriodYears: P, durationMin: D, stepMin, peakPosition: r });
            const k = maxBlock(h.rateMmPerH);
            const peakS = r * D * 60;
            expect(h.startS[k]).toBeLessThanOrEqual(peakS);
            expect(k + 1 < h.startS.length ? h.startS[k + 1] : h.endS).toBeGreaterThan(peakS);
          }
  });

  it('keeps the largest block within one block of the peak for any r', () => {
    for (const r of [0.05, 0.2, 0.5, 0.7, 0.95])
      for (const stepMin of steps) {
        const h = chicagoHyetograph({ returnPeriodYears: 5, durationMin: 120, stepMin, peakPosition: r });
        const k = maxBlock(h.rateMmPerH);
        const peakS = r * 120 * 60;
        expect(h.startS[k]).toBeLessThanOrEqual(peakS + stepMin * 60);
        expect(h.startS[k] + stepMin * 60).toBeGreaterThanOrEqual(peakS - stepMin * 60);
      }
  });

  it('holds the IDF depth G(d) in every window [peak − r·d, peak + (1 − r)·d] of the continuous curve', () => {
    for (const P of [1, 5, 100])
      for (const r of [0.2, 0.367, 0.4, 0.6]) {
        const c = chicagoCurve({ returnPeriodYears: P, durationMin: 180, peakPosition: r });
        for (let d = 1; d <= 180; d += 7) {
          const w = chicagoCumulativeMm(c, c.peakMin + (1 - r) * d) - chicagoCumulativeMm(c, c.peakMin - r * d);
          expect(rel(w, idfDepthMm(P, d))).toBeLessThan(1e-9);
        }
      }
  });

  it('discretises exactly: block edges sit on the continuous curve, and no window beats the IDF depth', () => {
    const opts = { returnPeriodYears: 5, durationMin: 180, stepMin: 5 };
    const c = chicagoCurve(opts);
    const h = chicagoHyetograph(opts);
    for (let k = 0; k <= h.startS.length; k++) {
      const tS = k < h.startS.length ? h.startS[k] : h.endS;
      expect(Math.abs(cumulativeDepthMm(h, tS) - chicagoCumulativeMm(c, tS / 60))).toBeLessThan(1e-9);
    }
    for (const dMin of [5, 10, 15, 30, 60, 120]) {
      const best = maxWindowDepthMm(h, dMin * 60).depthMm;
      // Block averaging can only lower the wettest window; with 5-min blocks it loses little beyond 15 min.
      expect(best).toBeLessThanOrEqual(idfDepthMm(5, dMin) * (1 + 1e-12));
      if (dMin >= 15) expect(best).toBeGreaterThan(idfDepthMm(5, dMin) * 0.97);
    }
  });

  it('has Keifer & Chu intensities that integrate to the cumulative curve', () => {
    const c = chicagoCurve({ returnPeriodYears: 3, durationMin: 120 });
    const n = 200_000;
    let mm = 0;
    for (let i = 0; i < n; i++) mm += (chicagoIntensityMmPerH(c, ((i + 0.5) * 120) / n) * (120 / n)) / 60;
    expect(rel(mm, idfDepthMm(3, 120))).toBeLessThan(1e-4);
    expect(chicagoIntensityMmPerH(c, c.peakMin)).toBeGreaterThan(chicagoIntensityMmPerH(c, c.peakMin + 1));
  });

  it('refuses bad parameters with the field named', () => {
    expect(() => chicagoHyetograph({ returnPeriodYears: 5, durationMin: 120, peakPosition: 1.5 })).toThrow(
      'simulation: chicago storm, field "peakPosition": peak position 1.5 must lie between 0 and 1. Fix: use 0.367 (fitted to Shanghai storms) or 0.4',
    );
    expect(() => chicagoHyetograph({ returnPeriodYears: 500, durationMin: 120 })).toThrow(/return period 500 years/);
    expect(() => chicagoHyetograph({ returnPeriodYears: 5, durationMin: 0 })).toThrow(
      /duration 0 min must be positive/,
    );
    expect(() => chicagoHyetograph({ returnPeriodYears: 5, durationMin: 60, stepMin: 0 })).toThrow(
      /block length 0 min/,
    );
  });
});
