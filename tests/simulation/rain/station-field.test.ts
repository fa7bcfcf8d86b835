// Gauges spread over the grid: a cell on a gauge reads that gauge, weights are inverse-distance, Thiessen takes the
// nearest, and volumes agree between fillMean and depthMm.
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import {
  createHyetograph,
  hyetographTotalMm,
  parseStationsCsv,
  stationRainField,
  type StationSeries,
} from '../../../simulation/rain/index.ts';
import { volumesBothWays } from './field-checks.ts';

// 10 × 10 cells of 100 m from (0, 0): cell centres at 50, 150, … 950; row 0 is the north row (y = 950).
const grid: GridSpec = { nx: 10, ny: 10, cellM: 100, x0: 0, y0: 0 };
const cellAtCentre = (x: number, y: number): number => (9 - Math.floor(y / 100)) * 10 + Math.floor(x / 100);
const stations: StationSeries[] = [
  { id: 'A', x: 50, y: 50, hyetograph: createHyetograph([0], [10], 3600) },
  { id: 'B', x: 950, y: 50, hyetograph: createHyetograph([0, 1800], [30, 60], 3600) },
  { id: 'C', x: 50, y: 950, hyetograph: createHyetograph([600], [20], 2400) },
];

describe('station rain field', () => {
  it('reads the gauge itself in the cell centred on it', () => {
    const f = stationRainField(stations, grid);
    expect(f.depthMm(cellAtCentre(50, 50), 0, 3600)).toBeCloseTo(10, 9);
    expect(f.depthMm(cellAtCentre(950, 50), 0, 3600)).toBeCloseTo(45, 9);
    expect(f.endS).toBe(3600);
  });

  it('weights by inverse squared distance', () => {
    const f = stationRainField(stations, grid);
    const [x, y] = [450, 350];
    const w = stations.map((s) => 1 / ((s.x - x) ** 2 + (s.y - y) ** 2));
    const sumW = w.reduce((a, b) => a + b, 0);
    const expected = stations.reduce((a, s, i) => a + (w[i] / sumW) * hyetographTotalMm(s.hyetograph), 0);
    expect(f.depthMm(cellAtCentre(x, y), 0, 3600)).toBeCloseTo(expected, 9);
    const out = new Float32Array(100);
    f.fillMean(1800, 2400, out);
    const rates = [10, 60, 20];
    expect(out[cellAtCentre(x, y)]).toBeCloseTo(
      rates.reduce((a, r, i) => a + (w[i] / sumW) * r, 0),
      4,
    );
    expect(Number.isNaN(f.uniformMean(1800, 2400))).toBe(true);
  });

  it('gives each cell its nearest gauge with Thiessen polygons', () => {
    const f = stationRainField(stations, grid, { method: 'thiessen' });
    expect(f.depthMm(cellAtCentre(250, 150), 0, 3600)).toBeCloseTo(10, 12);
    expect(f.depthMm(cellAtCentre(850, 250), 0, 3600)).toBeCloseTo(45, 12);
    expect(f.depthMm(cellAtCentre(150, 750), 0, 3600)).toBeCloseTo(10, 12);
  });

  it('is uniform when all gauges read the same over the interval', () => {
    const f = stationRainField(stations, grid);
    expect(f.uniformMean(3600, 4000)).toBe(0);
    const one = stationRainField([stations[1]], grid);
    expect(one.uniformMean(0, 3600)).toBeCloseTo(45, 12);
  });

  it('agrees between fillMean and depthMm over the grid', () => {
    for (const method of ['idw', 'thiessen'] as const) {
      const f = stationRainField(stations, grid, { method });
      const { fillM3, depthM3 } = volumesBothWays(f, grid, 4000);
      expect(Math.abs(fillM3 - depthM3) / depthM3).toBeLessThan(1e-6);
    }
  });

  it('builds from the multi-gauge CSV and refuses duplicate ids and bad options', () => {
    const parsed = parseStationsCsv('station_id,x,y,time_s,mm_per_h\nX,500,500,0,12\nX,500,500,3600,0\n');
    expect(stationRainField(parsed, grid).depthMm(0, 0, 3600)).toBeCloseTo(12, 12);
    expect(() => stationRainField([stations[0], stations[0]], grid)).toThrow(
      'simulation: rain stations, station "A", field "station_id": station id "A" appears twice',
    );
    expect(() => stationRainField(stations, grid, { power: 0 })).toThrow(/IDW power 0 must be positive/);
    expect(() => stationRainField([], grid)).toThrow(/has no stations/);
  });
});
