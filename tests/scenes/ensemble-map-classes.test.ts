// The app's ensemble map colours: classes at the report's bounds and in the report's probability colours (so the
// view and the report agree), depth in the app's alarm classes dry below 2 cm, and the texture rows flipped so the
// grid's north row lands at the top of the texture.
import { describe, expect, it } from 'vitest';
import { PROBABILITY_CLASSES, DRY_BELOW_M } from '../../server/report/index.ts';
import {
  ENSEMBLE_DRY_BELOW_M,
  mapClass,
  mapRgba,
  PROBABILITY_COLOURS,
  PROBABILITY_FROM,
} from '../../scenes/src/ensemble/map-classes.ts';
import { CLASS_COLOURS } from '../../scenes/src/scene/depth-classes.ts';

describe('ensemble map classes', () => {
  it('match the report’s probability classes and dry depth', () => {
    expect(PROBABILITY_COLOURS).toEqual(PROBABILITY_CLASSES.map((c) => c.colour));
    expect(PROBABILITY_FROM).toEqual(PROBABILITY_CLASSES.map((c) => c.fromM));
    expect(ENSEMBLE_DRY_BELOW_M).toBe(DRY_BELOW_M);
  });

  it('classes probabilities and depths', () => {
    expect([0, 0.1, 0.25, 0.49, 0.5, 0.75, 1, NaN].map((p) => mapClass('probability', p))).toEqual([
      -1, 0, 1, 1, 2, 3, 3, -1,
    ]);
    expect([0.01, 0.02, 0.149, 0.15, 0.3, 0.5, 2, NaN].map((d) => mapClass('depth', d))).toEqual([
      -1, 0, 0, 1, 2, 3, 3, -1,
    ]);
  });

  it('writes the north row last (texture rows go south to north), transparent where not coloured', () => {
    // 2 × 2: north row [P=1, P=0], south row [NaN, P=0.3].
    const rgba = mapRgba('probability', Float32Array.from([1, 0, NaN, 0.3]), 2, 2);
    const hex = (o: number) => `#${[0, 1, 2].map((k) => rgba[o + k].toString(16).padStart(2, '0')).join('')}`;
    expect(hex(8)).toBe(PROBABILITY_COLOURS[3]);
    expect(rgba[11]).toBeGreaterThan(200);
    expect(rgba[15]).toBe(0);
    expect(rgba[3]).toBe(0);
    expect(hex(4)).toBe(PROBABILITY_COLOURS[1]);
    const depth = mapRgba('depth', Float32Array.from([0.6]), 1, 1);
    expect(`#${[0, 1, 2].map((k) => depth[k].toString(16).padStart(2, '0')).join('')}`).toBe(CLASS_COLOURS[3]);
  });
});
