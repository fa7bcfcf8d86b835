// Size before work: the estimate is calibrated on the Bund (10 m, ~167× real time coupled) and scales with cells and
// the CFL step; large grids are warned about and grids past the memory budget refused with the figures.
import { describe, expect, it } from 'vitest';
import { assertFits, CALIBRATION, estimateGrid, estimateWarnings } from '../../../twin/district/estimate.ts';

// The Bund's extent at 5 m gives its 775 × 545 = 422,375 cells (README, rasterise bench).
const bund = { minX: -1865, minY: -1395, maxX: 2005, maxY: 1325 };

describe('estimateGrid', () => {
  it('reproduces the calibration at 10 m and costs about 8× at 5 m (4× cells, 2× smaller step)', () => {
    const at10 = estimateGrid(bund, 10);
    expect(at10.cells).toBeGreaterThan(0.95 * CALIBRATION.cells);
    expect(at10.cells).toBeLessThan(1.05 * CALIBRATION.cells);
    expect(at10.secondsPerSimHour).toBeGreaterThan(20);
    expect(at10.secondsPerSimHour).toBeLessThan(23);
    const at5 = estimateGrid(bund, 5);
    expect(at5.cells / at10.cells).toBeCloseTo(4, 1);
    expect(at5.secondsPerSimHour / at10.secondsPerSimHour).toBeCloseTo(8, 0);
    expect(at5.memoryMB).toBe(Math.ceil((at5.cells * 200) / 1e6));
  });

  it('warns past 10 minutes per simulated hour with a cell size that would not', () => {
    expect(estimateWarnings(estimateGrid(bund, 5))).toEqual([]);
    const [w] = estimateWarnings(estimateGrid(bund, 1));
    expect(w).toMatch(
      /grid at 1 m: [\d,]+ cells, about [\d,]+ MB and [\d,]+ s per simulated hour: a large run; try --cell 3/,
    );
  });

  it('refuses a grid past the memory budget, naming a cell size that fits', () => {
    expect(() => assertFits(estimateGrid(bund, 5), 100)).not.toThrow();
    expect(() => assertFits(estimateGrid(bund, 1), 100)).toThrow(
      /field "grid\.cellM": .* which does not fit in the 100 MB available\. Fix: use cells of at least 4\.6 m \(--cell 4\.6\)/,
    );
  });
});
