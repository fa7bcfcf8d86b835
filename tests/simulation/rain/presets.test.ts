// Presets match the published figures they were built from, and every preset builds a field.
import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import {
  hyetographFromSpec,
  hyetographTotalMm,
  idfDepthMm,
  maxWindowDepthMm,
  RAIN_PRESETS,
  rainFieldFromSpec,
} from '../../../simulation/rain/index.ts';

const grid: GridSpec = { nx: 8, ny: 6, cellM: 500, x0: -2000, y0: -1500 };
const hyetographOf = (name: string) => {
  const h = hyetographFromSpec({ kind: 'preset', name });
  if (!h) throw new Error(`${name} is not uniform`);
  return h;
};

describe('rain presets', () => {
  it('Chicago presets hold the 3 h IDF depth for 1, 3, 5, 50 and 100 years', () => {
    for (const years of [1, 3, 5, 50, 100]) {
      const h = hyetographOf(`chicago-${years}y-3h`);
      expect(hyetographTotalMm(h)).toBeCloseTo(idfDepthMm(years, 180), 9);
      expect(h.endS).toBe(10_800);
    }
  });

  it('Pulasan 2024-09-20: max 1 h 116 mm and 6 h 327.7 mm, as published', () => {
    const h = hyetographOf('pulasan-2024-09-20');
    expect(h.endS).toBe(6 * 3600);
    expect(hyetographTotalMm(h)).toBeCloseTo(327.7, 9);
    expect(maxWindowDepthMm(h, 3600).depthMm).toBeCloseTo(116, 9);
    expect(maxWindowDepthMm(h, 6 * 3600).depthMm).toBeCloseTo(327.7, 9);
  });

  it('Haikui 2012 (152.5 mm in 3 h) and Fitow 2013 (152.9 mm in 16 h)', () => {
    const haikui = hyetographOf('haikui-2012-hongkou');
    expect(hyetographTotalMm(haikui)).toBeCloseTo(152.5, 9);
    expect(haikui.endS).toBe(3 * 3600);
    const fitow = hyetographOf('fitow-2013');
    expect(hyetographTotalMm(fitow)).toBeCloseTo(152.9, 9);
    expect(fitow.endS).toBe(16 * 3600);
  });

  it('every preset has a unique name, provenance, and builds a field that rains', () => {
    const names = new Set(RAIN_PRESETS.map((p) => p.name));
    expect(names.size).toBe(RAIN_PRESETS.length);
    for (const p of RAIN_PRESETS) {
      expect(p.source.length).toBeGreaterThan(20);
      const f = rainFieldFromSpec({ kind: 'preset', name: p.name }, grid);
      expect(f.depthMm(0, 0, f.endS)).toBeGreaterThan(10);
    }
  });
});
