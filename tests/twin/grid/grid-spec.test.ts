// gridForExtent: snapping to whole cells of the local frame, margins, and clear errors for absurd sizes.
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, gridExtent, gridForExtent, MAX_GRID_CELLS } from '../../../twin/grid/index.ts';

describe('gridForExtent', () => {
  it('snaps the corner to whole cells of the local frame and covers the extent', () => {
    const spec = gridForExtent({ minX: -12.3, minY: 7.9, maxX: 21.2, maxY: 30 }, 5);
    expect(spec).toEqual({ nx: 8, ny: 5, cellM: 5, x0: -15, y0: 5 });
    const e = gridExtent(spec);
    expect(e.minX).toBeLessThanOrEqual(-12.3);
    expect(e.maxX).toBeGreaterThanOrEqual(21.2);
    expect(e.maxY).toBeGreaterThanOrEqual(30);
  });

  it('adds the margin on every side', () => {
    const spec = gridForExtent({ minX: 0, minY: 0, maxX: 10, maxY: 10 }, 1, { marginM: 2 });
    expect(spec).toEqual({ nx: 14, ny: 14, cellM: 1, x0: -2, y0: -2 });
  });

  it('agrees with cellAt/cellCentre: row 0 is north', () => {
    const spec = gridForExtent({ minX: 0, minY: 0, maxX: 4, maxY: 3 }, 1);
    expect(cellAt(spec, 0.5, 2.5)).toBe(0);
    expect(cellAt(spec, 3.5, 0.5)).toBe(11);
    expect(cellCentre(spec, 11)).toEqual([3.5, 0.5]);
  });

  it('refuses a non-positive cell size, an empty extent and more than 50 M cells', () => {
    const e = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
    expect(() => gridForExtent(e, 0)).toThrow(/field "grid.cellM": cell size 0 m is not a positive number/);
    expect(() => gridForExtent(e, -5)).toThrow(/cell size -5 m/);
    expect(() => gridForExtent(e, Number.NaN)).toThrow(/not a positive number/);
    expect(() => gridForExtent({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }, 5)).toThrow(
      /field "extent": .* is not a usable area\. Fix: the district has no data/,
    );
    expect(MAX_GRID_CELLS).toBe(50_000_000);
    expect(() => gridForExtent({ minX: 0, minY: 0, maxX: 40_000, maxY: 40_000 }, 5)).toThrow(
      /8000 × 8000 grid \(64\.0 M cells\) at 5 m is more than the 50 M cells allowed\. Fix: use cells of at least 5\.7 m/,
    );
    expect(() => gridForExtent(e, 1, { maxCells: 100 })).toThrow(/more than/);
  });
});
