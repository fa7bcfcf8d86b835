// A typhoon rain band crossing a grid: more rain on the track than far off it, symmetric about a straight track,
// and exact volumes whatever the engine's time step.
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import {
  rcliperProfile,
  resolveTyphoonProfile,
  typhoonRainField,
  typhoonRateMmPerH,
  type TyphoonBandOptions,
} from '../../../simulation/rain/index.ts';
import { volumesBothWays } from './field-checks.ts';

// 41 × 41 cells of 500 m centred on the origin: row 20 is y = 0, row 0 is y = +10 km (north).
const grid: GridSpec = { nx: 41, ny: 41, cellM: 500, x0: -10_250, y0: -10_250 };
const band: TyphoonBandOptions = {
  track: [
    { timeS: 0, x: -60_000, y: 0 },
    { timeS: 12_000, x: 60_000, y: 0 },
  ],
  peakMmPerH: 50,
  radiusMaxRainM: 3000,
  efoldM: 10_000,
};
const cell = (row: number, col: number): number => row * grid.nx + col;

describe('typhoon rain band', () => {
  const field = typhoonRainField(band, grid);

  it('rains more on the track than 3 R off it, and falls off beyond R', () => {
    const on = field.depthMm(cell(20, 20), 0, 12_000);
    const off = field.depthMm(cell(20 - 6, 20), 0, 12_000);
    const far = field.depthMm(cell(20 - 18, 20), 0, 12_000);
    expect(on).toBeGreaterThan(off);
    expect(off).toBeGreaterThan(far);
    for (let j = 6; j < 20; j++)
      expect(field.depthMm(cell(20 - j, 20), 0, 12_000)).toBeGreaterThan(
        field.depthMm(cell(20 - j - 1, 20), 0, 12_000),
      );
  });

  it('is symmetric about a straight track', () => {
    for (let j = 1; j <= 20; j++)
      for (const col of [0, 13, 20, 40]) {
        const north = field.depthMm(cell(20 - j, col), 0, 12_000);
        const south = field.depthMm(cell(20 + j, col), 0, 12_000);
        expect(Math.abs(north - south)).toBeLessThanOrEqual(1e-12 * north);
      }
  });

  it('gives a plausible total for a band crossing at 10 m/s (the integral of the profile across the track)', () => {
    // Across the track the cell sees ∫ rate dt = (1/v) ∫ rate(|s|) ds = (2/v)[Tm R (1 + c)/2 + Tm re].
    const p = resolveTyphoonProfile(band);
    const expectedMm = ((2 / 10) * (p.peakMmPerH * 3000 * (1 + p.centreRatio) * 0.5 + p.peakMmPerH * 10_000)) / 3600;
    const on = field.depthMm(cell(20, 20), 0, 12_000);
    expect(Math.abs(on - expectedMm) / expectedMm).toBeLessThan(0.01);
  });

  it('agrees between fillMean and depthMm: the volume over the grid is the same for any step sequence', () => {
    const { fillM3, depthM3 } = volumesBothWays(field, grid, 12_500);
    expect(depthM3).toBeGreaterThan(0);
    expect(Math.abs(fillM3 - depthM3) / depthM3).toBeLessThan(1e-6);
    const spiral = typhoonRainField({ ...band, spiralAmplitude: 0.5, subStepS: 45 }, grid);
    const v = volumesBothWays(spiral, grid, 12_500);
    expect(Math.abs(v.fillM3 - v.depthM3) / v.depthM3).toBeLessThan(1e-6);
  });

  it('reports NaN from uniformMean while the band is on, 0 before and after', () => {
    expect(Number.isNaN(field.uniformMean(100, 200))).toBe(true);
    expect(field.uniformMean(12_000, 13_000)).toBe(0);
    const late = typhoonRainField({ ...band, track: band.track.map((p) => ({ ...p, timeS: p.timeS + 5000 })) }, grid);
    expect(late.uniformMean(0, 4000)).toBe(0);
    const out = new Float32Array(grid.nx * grid.ny).fill(9);
    late.fillMean(0, 4000, out);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('keeps the azimuthal mean when spiral bands are on', () => {
    const p = resolveTyphoonProfile({ ...band, spiralAmplitude: 0.8, spiralArms: 3 });
    const plain = resolveTyphoonProfile(band);
    const r = 2.5 * 3000;
    let sum = 0;
    const n = 3600;
    for (let i = 0; i < n; i++) {
      const th = (2 * Math.PI * i) / n;
      sum += typhoonRateMmPerH(p, r * Math.cos(th), r * Math.sin(th));
    }
    expect(sum / n).toBeCloseTo(typhoonRateMmPerH(plain, r, 0), 9);
    expect(typhoonRateMmPerH(p, 0, 4000)).not.toBeCloseTo(typhoonRateMmPerH(p, 4000, 0), 3);
  });

  it('follows R-CLIPER: peak at R, the centre at c·Tm, e-folding beyond', () => {
    const p = resolveTyphoonProfile(band);
    expect(typhoonRateMmPerH(p, 0, 0)).toBeCloseTo(50 * 0.85, 12);
    expect(typhoonRateMmPerH(p, 3000, 0)).toBeCloseTo(50, 12);
    expect(typhoonRateMmPerH(p, 0, -13_000)).toBeCloseTo(50 / Math.E, 12);
    const climatology = rcliperProfile(100);
    expect(climatology.radiusMaxRainM).toBeCloseTo((64 - 13 * (1 + 65 / 33)) * 1000, 6);
    expect(climatology.centreRatio).toBeGreaterThan(0.8);
  });

  it('refuses an unordered track with the point named', () => {
    expect(() =>
      typhoonRainField({ ...band, track: [band.track[0], { timeS: 0, x: 1, y: 1 }] }, grid, 'scenario rain'),
    ).toThrow(
      `simulation: scenario rain, track[1], field "timeS": time 0 s is not after the previous point's 0 s. Fix: list track points in time order`,
    );
    expect(() => typhoonRainField({ ...band, radiusMaxRainM: 0 }, grid)).toThrow(/radiusMaxRainM 0 must be positive/);
  });
});
