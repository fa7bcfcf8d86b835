// The chamfer distance transform against brute-force Euclidean distances.
import { describe, expect, it } from 'vitest';
import { distanceField } from '../../../twin/terrain/index.ts';

describe('distanceField', () => {
  it('is within 8 % of the Euclidean distance to the nearest source cell', () => {
    const spec = { nx: 60, ny: 40, cellM: 5, x0: 0, y0: 0 };
    const src = new Uint8Array(spec.nx * spec.ny);
    const sources = [
      [3, 4],
      [30, 20],
      [55, 38],
      [12, 33],
    ];
    for (const [c, r] of sources) src[r * spec.nx + c] = 1;
    const d = distanceField(spec, src);
    for (let r = 0; r < spec.ny; r++)
      for (let c = 0; c < spec.nx; c++) {
        const exact = Math.min(...sources.map(([sc, sr]) => Math.hypot(sc - c, sr - r) * spec.cellM));
        const got = d[r * spec.nx + c];
        expect(got).toBeGreaterThanOrEqual(exact - 1e-3);
        expect(got).toBeLessThanOrEqual(exact * 1.083 + 1e-3);
      }
  });

  it('is infinite everywhere without a source', () => {
    const d = distanceField({ nx: 3, ny: 2, cellM: 1, x0: 0, y0: 0 }, new Uint8Array(6));
    expect(Array.from(d).every((v) => v === Infinity)).toBe(true);
  });
});
