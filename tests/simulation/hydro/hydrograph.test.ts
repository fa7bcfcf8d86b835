// Hydrographs, CSV tables and placement: exact integrals, checked rows, cells of points and lines.
import { describe, expect, it } from 'vitest';
import {
  cellOf,
  cellsAlongSegment,
  constantRainField,
  hydrographFromPairs,
  hydrographIntegral,
  hydrographValueAt,
  parseHydrographCsv,
  parsePointsCsv,
} from '../../../simulation/hydro/index.ts';

describe('hydrographs', () => {
  const h = hydrographFromPairs(
    [
      [0, 0],
      [300, 0],
      [3600, 20],
      [14400, 20],
      [18000, 0],
    ],
    'q',
  );

  it('interpolates linearly and holds the end values outside', () => {
    expect(hydrographValueAt(h, -5)).toBe(0);
    expect(hydrographValueAt(h, 1950)).toBeCloseTo(10, 12);
    expect(hydrographValueAt(h, 20000)).toBe(0);
  });

  it('integrates exactly over any interval, across breakpoints', () => {
    expect(hydrographIntegral(h, 0, 18000)).toBeCloseTo(285000, 9);
    let sum = 0;
    for (let t = 0; t < 18000; t += 7.3) sum += hydrographIntegral(h, t, Math.min(18000, t + 7.3));
    expect(sum).toBeCloseTo(285000, 6);
    expect(hydrographIntegral(h, 3000, 4000)).toBeCloseTo(0.5 * (hydrographValueAt(h, 3000) + 20) * 600 + 20 * 400, 9);
  });

  it('refuses times out of order and non-numbers', () => {
    expect(() =>
      hydrographFromPairs(
        [
          [0, 1],
          [0, 2],
        ],
        'q.csv',
      ),
    ).toThrow(/q\.csv, item 2, field "time_s": time 0 s is not after/);
    expect(() => hydrographFromPairs([[0, NaN]], 'q.csv')).toThrow(/not a number/);
  });
});

describe('CSV tables', () => {
  it('reads a discharge series with or without a header', () => {
    const a = parseHydrographCsv('time_s,m3_per_s\n0,0\n60,2.5\n', 'a.csv', 'm3_per_s');
    const b = parseHydrographCsv('0,0\n60,2.5\n', 'b.csv', 'm3_per_s');
    expect([...a.values]).toEqual([0, 2.5]);
    expect([...b.timesS]).toEqual([0, 60]);
  });

  it('names the file, line and column of a bad row', () => {
    expect(() => parseHydrographCsv('time_s,m3_per_s\n0,0\n60,-1\n', 'q.csv', 'm3_per_s')).toThrow(
      'q.csv, line 3, field "m3_per_s": m3_per_s -1 is negative',
    );
    expect(() => parseHydrographCsv('0,0\n60,x\n', 'q.csv', 'm3_per_s')).toThrow('q.csv, line 2, field "m3_per_s"');
    expect(() => parsePointsCsv('name,x,y\na,1,2\na,3,4\n', 'p.csv')).toThrow(
      'p.csv, line 3, field "name": point name "a" is used twice',
    );
  });
});

describe('placement', () => {
  const g = { nx: 200, ny: 400, cellM: 5, x0: 0, y0: 0 };

  it('puts points in cells with row 0 north, far edges inside', () => {
    expect(cellOf(g, 50, 1000)).toBe(199 * 200 + 10);
    expect(cellOf(g, 1000, 2000)).toBe(199);
    expect(cellOf(g, -0.1, 5)).toBe(-1);
  });

  it('splits a line along the west edge over the cells on its inner side by length', () => {
    const { cells, weights } = cellsAlongSegment(g, 0, 990, 0, 1010, 'line');
    expect(cells.sort((a, b) => a - b)).toEqual([198, 199, 200, 201].map((r) => r * 200));
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    for (const w of weights) expect(w).toBeCloseTo(0.25, 12);
  });

  it('refuses a line that leaves the grid', () => {
    expect(() => cellsAlongSegment(g, 10, 10, 10, 2500, '--inflow-at')).toThrow('--inflow-at: (10, 2000.');
  });
});

describe('constant rain', () => {
  it('is uniform, exact over partial intervals and refuses negative rates', () => {
    const r = constantRainField(36, 100);
    expect(r.uniformMean(50, 150)).toBeCloseTo(18, 12);
    expect(r.depthMm(0, 0, 3600)).toBeCloseTo(1, 12);
    expect(() => constantRainField(-1)).toThrow('simulation: rain: rain rate -1 mm/h is not a rate');
  });
});
