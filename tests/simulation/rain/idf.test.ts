// The storm intensity formula against the published Shanghai figures, and its validated range.
import { describe, expect, it } from 'vitest';
import {
  idfDepthMm,
  idfIntensityLPerSHa,
  idfIntensityMmPerH,
  MM_PER_H_PER_L_PER_S_HA,
  SHANGHAI_IDF,
} from '../../../simulation/rain/index.ts';

describe('storm intensity formula (暴雨强度公式)', () => {
  it('gives the facts file figures for 1 h storms: 36.5, 58.1 and 98.3 mm/h at P = 1, 5, 100', () => {
    expect(idfIntensityMmPerH(1, 60)).toBeCloseTo(36.5, 1);
    expect(idfIntensityMmPerH(5, 60)).toBeCloseTo(58.1, 1);
    expect(idfIntensityMmPerH(100, 60)).toBeCloseTo(98.3, 1);
  });

  it('converts L/(s·ha) to mm/h by 0.36 and depth is intensity × duration', () => {
    expect(MM_PER_H_PER_L_PER_S_HA).toBe(0.36);
    const q = idfIntensityLPerSHa(3, 45);
    expect(q).toBeCloseTo((1600 * (1 + 0.846 * Math.log10(3))) / Math.pow(52, 0.656), 10);
    expect(idfIntensityMmPerH(3, 45)).toBeCloseTo(q * 0.36, 10);
    expect(idfDepthMm(3, 45)).toBeCloseTo((q * 0.36 * 45) / 60, 10);
    expect(idfDepthMm(3, 0)).toBe(0);
  });

  it('falls with duration and rises with return period', () => {
    expect(idfIntensityMmPerH(5, 30)).toBeGreaterThan(idfIntensityMmPerH(5, 60));
    expect(idfDepthMm(5, 120)).toBeGreaterThan(idfDepthMm(5, 60));
    expect(idfIntensityMmPerH(50, 60)).toBeGreaterThan(idfIntensityMmPerH(5, 60));
  });

  it('refuses return periods outside 1–100 years, naming the field', () => {
    expect(() => idfIntensityMmPerH(0.5, 60)).toThrow(
      'simulation: storm formula, field "returnPeriodYears": return period 0.5 years is outside the 1–100 years the storm formula is validated for. Fix: choose a return period between 1 and 100 years',
    );
    expect(() => idfIntensityMmPerH(200, 60)).toThrow(/return period 200 years is outside/);
    expect(() => idfIntensityMmPerH(Number.NaN, 60)).toThrow(/return period NaN years/);
    expect(() => idfIntensityMmPerH(5, -1)).toThrow(/duration -1 min must be finite and ≥ 0/);
  });

  it('takes other constants, and checks them', () => {
    const other = { ...SHANGHAI_IDF, a: 2000, maxReturnPeriodYears: 200 };
    expect(idfIntensityMmPerH(200, 60, other)).toBeGreaterThan(idfIntensityMmPerH(100, 60));
    expect(() => idfIntensityMmPerH(5, 60, { ...SHANGHAI_IDF, n: 1.2 })).toThrow(
      /n = 1.2 must lie strictly between 0 and 1/,
    );
  });
});
