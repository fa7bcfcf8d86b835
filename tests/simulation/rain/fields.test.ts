// Uniform fields: the engine's fast path (uniformMean) equals the per-cell fill, and volumes are exact.
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { chicagoHyetograph, hyetographTotalMm, NO_RAIN, uniformRainField } from '../../../simulation/rain/index.ts';
import { volumesBothWays } from './field-checks.ts';

const grid: GridSpec = { nx: 7, ny: 5, cellM: 10, x0: 0, y0: 0 };

describe('uniform rain field', () => {
  const h = chicagoHyetograph({ returnPeriodYears: 5, durationMin: 120, stepMin: 5 });
  const field = uniformRainField(h);

  it('answers uniformMean with the same value fillMean writes in every cell', () => {
    const out = new Float32Array(grid.nx * grid.ny);
    for (const [t0, t1] of [
      [0, 1],
      [2400, 2400.5],
      [100, 5000],
      [7000, 8000],
      [3000, 3000],
    ]) {
      field.fillMean(t0, t1, out);
      const u = field.uniformMean(t0, t1);
      expect(Number.isNaN(u)).toBe(false);
      for (const v of out) expect(v).toBe(Math.fround(u));
    }
  });

  it('puts exactly the storm depth on every cell over the grid (volume from fillMean = Σ depthMm)', () => {
    const { fillM3, depthM3 } = volumesBothWays(field, grid, 9000);
    const expectedM3 = (hyetographTotalMm(h) / 1000) * grid.nx * grid.ny * grid.cellM ** 2;
    expect(Math.abs(depthM3 - expectedM3) / expectedM3).toBeLessThan(1e-12);
    expect(Math.abs(fillM3 - depthM3) / depthM3).toBeLessThan(1e-6);
    expect(field.endS).toBe(7200);
  });

  it('NO_RAIN is zero everywhere', () => {
    const out = new Float32Array(4).fill(3);
    NO_RAIN.fillMean(0, 10, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    expect(NO_RAIN.uniformMean(0, 10)).toBe(0);
  });
});
