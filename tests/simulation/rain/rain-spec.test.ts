// RainSpec → RainField: every kind builds, and malformed specs fail before any work with the field named.
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import {
  chicagoHyetograph,
  hyetographFromSpec,
  hyetographTotalMm,
  idfDepthMm,
  rainFieldFromSpec,
  validateRainSpec,
} from '../../../simulation/rain/index.ts';
import { volumesBothWays } from './field-checks.ts';

const grid: GridSpec = { nx: 6, ny: 4, cellM: 250, x0: -750, y0: -500 };

describe('rainFieldFromSpec', () => {
  it('builds uniform rain with its start time', () => {
    const f = rainFieldFromSpec({ kind: 'uniform', rateMmPerH: 36, durationS: 1800, startS: 600 }, grid);
    expect(f.depthMm(3, 0, 10_000)).toBeCloseTo(18, 12);
    expect(f.uniformMean(0, 600)).toBe(0);
    expect(f.uniformMean(600, 2400)).toBeCloseTo(36, 12);
    expect(f.endS).toBe(2400);
  });

  it('builds a Chicago storm equal to chicagoHyetograph, and rescales it to a depth', () => {
    const spec = { kind: 'chicago', returnPeriodYears: 5, durationMin: 120, stepMin: 1 };
    const h = hyetographFromSpec(spec);
    expect(h).toBeDefined();
    expect(Array.from(h!.rateMmPerH)).toEqual(
      Array.from(chicagoHyetograph({ returnPeriodYears: 5, durationMin: 120, stepMin: 1 }).rateMmPerH),
    );
    expect(rainFieldFromSpec(spec, grid).depthMm(0, 0, 7200)).toBeCloseTo(idfDepthMm(5, 120), 9);
    const scaled = hyetographFromSpec({ ...spec, depthMm: 80 });
    expect(hyetographTotalMm(scaled!)).toBeCloseTo(80, 9);
  });

  it('builds series from points or CSV text, shifted by startS', () => {
    const a = hyetographFromSpec({
      kind: 'series',
      points: [
        [0, 12],
        [1800, 24],
        [3600, 0],
      ],
      startS: 60,
    });
    const b = hyetographFromSpec({ kind: 'series', csv: 'time_s,mm_per_h\n60,12\n1860,24\n3660,0\n' });
    expect(Array.from(a!.startS)).toEqual(Array.from(b!.startS));
    expect(hyetographTotalMm(a!)).toBeCloseTo(18, 12);
  });

  it('builds stations and typhoon fields, which vary in space, with exact volumes', () => {
    const stations = rainFieldFromSpec(
      {
        kind: 'stations',
        method: 'idw',
        stations: [
          {
            id: 'west',
            x: -700,
            y: 0,
            points: [
              [0, 10],
              [3600, 0],
            ],
          },
          {
            id: 'east',
            x: 700,
            y: 0,
            points: [
              [0, 40],
              [3600, 0],
            ],
          },
        ],
      },
      grid,
    );
    expect(stations.depthMm(0, 0, 3600)).toBeLessThan(stations.depthMm(5, 0, 3600));
    const typhoon = rainFieldFromSpec(
      {
        kind: 'typhoon',
        track: [
          { timeS: 0, x: -5000, y: -5000 },
          { timeS: 3600, x: 5000, y: 5000 },
        ],
        peakMmPerH: 60,
        radiusMaxRainM: 1000,
      },
      grid,
    );
    expect(hyetographFromSpec({ kind: 'typhoon', track: [], peakMmPerH: 1, radiusMaxRainM: 1 })).toBeUndefined();
    for (const f of [stations, typhoon]) {
      const { fillM3, depthM3 } = volumesBothWays(f, grid, 4000);
      expect(Math.abs(fillM3 - depthM3) / depthM3).toBeLessThan(1e-6);
    }
  });

  it('builds presets by name, optionally shifted', () => {
    const h = hyetographFromSpec({ kind: 'preset', name: 'chicago-5y-3h', startS: 3600 });
    expect(h!.startS[0]).toBe(3600);
    expect(hyetographTotalMm(h!)).toBeCloseTo(idfDepthMm(5, 180), 9);
  });

  const broken: [unknown, string][] = [
    [null, 'simulation: scenario rain: is not an object'],
    [
      { kind: 'drizzle' },
      'simulation: scenario rain, field "kind": unknown rain kind "drizzle". Fix: use one of uniform, chicago, series, stations, typhoon, preset',
    ],
    [
      { kind: 'chicago', retunPeriodYears: 5, durationMin: 60 },
      'simulation: scenario rain, field "retunPeriodYears": unknown field for kind "chicago". Fix: the fields of "chicago" are returnPeriodYears, durationMin, peakPosition, stepMin, startS, depthMm, idf',
    ],
    [
      { kind: 'chicago', durationMin: 60 },
      'simulation: scenario rain, field "returnPeriodYears": is missing. Fix: "chicago" rain needs returnPeriodYears',
    ],
    [
      { kind: 'chicago', returnPeriodYears: '5', durationMin: 60 },
      'simulation: scenario rain, field "returnPeriodYears": "5" is not a finite number',
    ],
    [
      { kind: 'chicago', returnPeriodYears: 1000, durationMin: 60 },
      'simulation: scenario rain, field "returnPeriodYears": return period 1000 years is outside the 1–100 years the storm formula is validated for. Fix: choose a return period between 1 and 100 years',
    ],
    [
      {
        kind: 'series',
        points: [
          [0, 5],
          [600, -1],
          [900, 0],
        ],
      },
      'simulation: scenario rain, points[1], field "mm_per_h": rain rate -1 mm/h is negative. Fix: rain rates are finite and ≥ 0 mm/h',
    ],
    [
      { kind: 'series', points: [[0, 5, 1]] },
      'simulation: scenario rain, field "points": row 0 is [0,5,1], not [time_s, mm_per_h]',
    ],
    [{ kind: 'series' }, 'simulation: scenario rain, field "points": needs exactly one of "points" and "csv"'],
    [
      {
        kind: 'typhoon',
        track: [
          { timeS: 0, x: 0, y: 0 },
          { timeS: 60, x: 'east', y: 0 },
        ],
        peakMmPerH: 30,
        radiusMaxRainM: 1000,
      },
      'simulation: scenario rain, track[1], field "x": "east" is not a finite number',
    ],
    [
      { kind: 'uniform', rateMmPerH: 10, durationS: 0 },
      'simulation: scenario rain, field "durationS": duration 0 s must be positive',
    ],
    [
      { kind: 'preset', name: 'typhoon-band-demo', startS: 60 },
      'simulation: scenario rain, field "startS": preset "typhoon-band-demo" is a typhoon field with its own clock and cannot be shifted',
    ],
    [
      { kind: 'preset', name: 'nosuch' },
      'simulation: scenario rain, field "name": unknown rain preset "nosuch". Fix: use one of chicago-1y-3h',
    ],
    [
      {
        kind: 'stations',
        stations: [
          {
            id: 'a',
            x: 0,
            y: 0,
            points: [
              [0, 1],
              [0, 0],
            ],
          },
        ],
      },
      `simulation: scenario rain, stations[0].points[1], field "time_s": time 0 s is not after the previous row's 0 s`,
    ],
  ];
  for (const [spec, message] of broken) {
    it(`refuses ${JSON.stringify(spec)?.slice(0, 70)}`, () => {
      expect(() => rainFieldFromSpec(spec, grid, 'scenario rain')).toThrow(message);
    });
  }

  it('passes a valid spec through validateRainSpec unchanged', () => {
    const spec = { kind: 'uniform', rateMmPerH: 5, durationS: 60 };
    expect(validateRainSpec(spec)).toBe(spec);
  });
});
