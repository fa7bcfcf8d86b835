// Lines with a width: every cell whose centre is within half the width, no gaps for thin lines, along-distances.
import { describe, expect, it } from 'vitest';
import { fillLine, forEachCellNearLine, lineLengthM, type GridSpec } from '../../../twin/grid/index.ts';

const spec: GridSpec = { nx: 20, ny: 10, cellM: 1, x0: 0, y0: 0 };

describe('fillLine', () => {
  it('fills a horizontal band of the given width', () => {
    const mask = new Uint8Array(200);
    fillLine(
      spec,
      [
        [2, 5],
        [17, 5],
      ],
      1.5,
      mask,
      1,
    );
    // Centres y 3.5..6.5 within 1.5 of y = 5 → rows 3..6; x from 0.5 to 18.5 within 1.5 of the segment's ends.
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 20; c++) {
        const x = c + 0.5;
        const y = 10 - r - 0.5;
        const dx = x < 2 ? 2 - x : x > 17 ? x - 17 : 0;
        const inside = Math.hypot(dx, y - 5) <= 1.5;
        expect(mask[r * 20 + c], `(${r}, ${c})`).toBe(inside ? 1 : 0);
      }
  });

  it('leaves no gap along a thin diagonal line', () => {
    const mask = new Uint8Array(200);
    fillLine(
      spec,
      [
        [0.2, 0.3],
        [19.7, 9.6],
      ],
      0.1,
      mask,
      1,
    );
    // Every column holds at least one cell of the line.
    for (let c = 0; c < 20; c++)
      expect(Array.from({ length: 10 }, (_, r) => mask[r * 20 + c]).some(Boolean)).toBe(true);
  });

  it('reports the distance along the line of each cell', () => {
    const along = new Map<number, number>();
    forEachCellNearLine(
      spec,
      [
        [0, 5],
        [10, 5],
        [10, 0],
      ],
      0.6,
      (i, a) => along.set(i, a),
    );
    expect(along.get(4 * 20 + 3)).toBeCloseTo(3.5, 9);
    // On the second leg: cell centre (10.5, 2.5) is 2.5 m down from the corner at 10 m.
    expect(along.get(7 * 20 + 10)).toBeCloseTo(12.5, 9);
    expect(
      lineLengthM([
        [0, 5],
        [10, 5],
        [10, 0],
      ]),
    ).toBe(15);
  });
});
