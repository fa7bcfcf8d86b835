// Gauge CSV parsing on golden fixtures (turf style: every file in in/ against out/, REGEN=1 rewrites) and the exact
// messages for broken files.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  hyetographDepthMm,
  hyetographTotalMm,
  parseRainSeriesCsv,
  parseStationsCsv,
  type Hyetograph,
} from '../../../simulation/rain/index.ts';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/simulation/rain');

function hyetographJson(h: Hyetograph): object {
  return {
    startS: Array.from(h.startS),
    rateMmPerH: Array.from(h.rateMmPerH),
    endS: h.endS,
    totalMm: hyetographTotalMm(h),
  };
}

function golden(area: string, parse: (text: string, file: string) => unknown): void {
  const dir = join(fixtures, area);
  for (const file of readdirSync(join(dir, 'in')).sort()) {
    it(`${area}/${file}`, () => {
      const text = readFileSync(join(dir, 'in', file), 'utf8');
      let actual: unknown;
      try {
        actual = parse(text, file);
      } catch (e) {
        actual = { error: (e as Error).message };
      }
      const outFile = join(dir, 'out', file.replace(/\.csv$/, '.json'));
      if (process.env.REGEN) {
        mkdirSync(dirname(outFile), { recursive: true });
        writeFileSync(outFile, JSON.stringify(actual, null, 2) + '\n');
      }
      const expected = JSON.parse(readFileSync(outFile, 'utf8'));
      expect(actual).toEqual(expected);
      expect('error' in (expected as object)).toBe(file.startsWith('broken-'));
    });
  }
}

describe('gauge series CSV: golden fixtures', () => {
  golden('series-csv', (text, file) => hyetographJson(parseRainSeriesCsv(text, file)));
  golden('stations-csv', (text, file) =>
    parseStationsCsv(text, file).map((s) => ({ id: s.id, x: s.x, y: s.y, ...hyetographJson(s.hyetograph) })),
  );
});

describe('gauge series CSV: semantics', () => {
  it('holds each rate until the next row and stops at the last (0 mm/h) row', () => {
    const h = parseRainSeriesCsv('time_s,mm_per_h\n600,36\n1800,12\n3600,0\n');
    // 36 mm/h for 20 min, 12 mm/h for 30 min.
    expect(hyetographTotalMm(h)).toBeCloseTo(12 + 6, 12);
    expect(hyetographDepthMm(h, 0, 600)).toBe(0);
    expect(hyetographDepthMm(h, 1500, 2100)).toBeCloseTo(36 * (300 / 3600) + 12 * (300 / 3600), 12);
    expect(hyetographDepthMm(h, 3600, 9999)).toBe(0);
  });

  it('reads quoted fields and comment lines with the one CSV tokenizer of the project, and names a broken quote', () => {
    const h = parseRainSeriesCsv('# gauge R01\n"time_s","mm_per_h"\n"0",24\n1800,"0"\n', 'r01.csv');
    expect(hyetographTotalMm(h)).toBeCloseTo(12, 12);
    expect(() => parseRainSeriesCsv('time_s,mm_per_h\n0,"24\n', 'r02.csv')).toThrow(
      /^simulation: r02\.csv, line 2: a quoted field is not closed\. Fix: close the quote with "$/,
    );
  });
});

describe('gauge series CSV: exact error messages', () => {
  const cases: [string, string][] = [
    [
      'time_s,mm_per_h\n0,12\n600,-4\n1200,0\n',
      'simulation: rain.csv, line 3, column 2, field "mm_per_h": rain rate -4 mm/h is negative. Fix: rain rate cannot be below 0',
    ],
    [
      'time_s,mm_per_h\n0,12\n1200,30\n600,18\n1800,0\n',
      `simulation: rain.csv, line 4, column 1, field "time_s": time 600 s is not after the previous row's 1200 s. Fix: rows must be in time order with strictly increasing time_s`,
    ],
    [
      'time_s,mm_per_h\n0,NaN\n600,0\n',
      'simulation: rain.csv, line 2, column 2, field "mm_per_h": rain rate "NaN" is not a number. Fix: write a plain decimal number such as 12.5',
    ],
    [
      'time_s,rain\n0,1\n600,0\n',
      'simulation: rain.csv, line 1, field "mm_per_h": the header has no column "mm_per_h" (found: time_s, rain). Fix: the first line must name the columns, e.g. "time_s,mm_per_h"',
    ],
    [
      '0,12\n600,0\n',
      'simulation: rain.csv, line 1, field "time_s": line 1 holds numbers where the header should be. Fix: the first line must name the columns, e.g. "time_s,mm_per_h"',
    ],
    [
      'time_s,mm_per_h\n0,12\n600,30\n',
      'simulation: rain.csv, line 3, column 2, field "mm_per_h": the last row (time_s 600) has 30 mm/h, but nothing says when that rain stops. Fix: end the series with a row "<time the rain stops>,0"',
    ],
  ];
  for (const [text, message] of cases) {
    it(message.slice(0, 80), () => {
      expect(() => parseRainSeriesCsv(text, 'rain.csv')).toThrow(message);
    });
  }

  it('names the station and its line in a multi-gauge file', () => {
    expect(() =>
      parseStationsCsv('station_id,x,y,time_s,mm_per_h\nA,0,0,0,5\nA,0,0,600,0\nB,9,9,0,5\nB,9,9,0,0\n', 'gauges.csv'),
    ).toThrow(
      `simulation: gauges.csv, station "B", line 5, column 4, field "time_s": time 0 s is not after the previous row's 0 s`,
    );
    expect(() => parseStationsCsv('station_id,x,y,time_s,mm_per_h\nA,0,0,0,5\nA,1,0,600,0\n', 'gauges.csv')).toThrow(
      'simulation: gauges.csv, line 3, field "x": station "A" is at (1, 0) here but at (0, 0) on line 2',
    );
  });
});
