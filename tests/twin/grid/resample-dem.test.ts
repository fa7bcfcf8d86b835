// DEM resampling onto the local grid: exact on planes (bilinear), nearest beside NODATA, gaps counted and filled or
// refused in strict mode, and a geographic SRTM tile sampled through the projection module.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resampleDem, type GridSpec } from '../../../twin/grid/index.ts';
import { parseHgt } from '../../../twin/io/hgt.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import type { TwinWarning } from '../../../twin/errors.ts';
import type { Raster } from '../../../twin/types.ts';
import { repoRoot } from '../../helpers/golden.ts';

/** A raster holding z = a + b·x + c·y at its cell centres. */
function plane(
  nx: number,
  ny: number,
  cellM: number,
  x0: number,
  y0: number,
  f: (x: number, y: number) => number,
): Raster {
  const values = new Float32Array(nx * ny);
  for (let r = 0; r < ny; r++)
    for (let c = 0; c < nx; c++) values[r * nx + c] = f(x0 + (c + 0.5) * cellM, y0 + (ny - r - 0.5) * cellM);
  return { nx, ny, cellM, x0, y0, values, nodata: -9999 };
}

describe('resampleDem', () => {
  const f = (x: number, y: number): number => 3 + 0.01 * x - 0.02 * y;

  it('reproduces a plane exactly (bilinear) on a finer, offset grid', () => {
    const dem = plane(20, 20, 10, 0, 0, f);
    const spec: GridSpec = { nx: 30, ny: 30, cellM: 3, x0: 40, y0: 50 };
    const { bedM, report } = resampleDem(dem, spec);
    expect(report.missingCells).toBe(0);
    for (let r = 0; r < spec.ny; r++)
      for (let c = 0; c < spec.nx; c++) {
        const x = spec.x0 + (c + 0.5) * spec.cellM;
        const y = spec.y0 + (spec.ny - r - 0.5) * spec.cellM;
        expect(bedM[r * spec.nx + c]).toBeCloseTo(f(x, y), 4);
      }
  });

  it('uses the nearest valid cell beside NODATA and reports cells on NODATA', () => {
    const dem = plane(4, 4, 10, 0, 0, () => 5);
    dem.values[1 * 4 + 1] = -9999;
    dem.values[0] = 7;
    const spec: GridSpec = { nx: 8, ny: 8, cellM: 5, x0: 0, y0: 0 };
    const { bedM, report } = resampleDem(dem, spec, { maxMissingShare: 0.5 });
    // Cells whose nearest source cell is the hole: the 2 × 2 block under source (1, 1).
    expect(report.nodataCells).toBe(4);
    expect(report.outsideCells).toBe(0);
    // The top-left cell sits next to the 7 m source cell and the hole: nearest, not a blend with -9999.
    expect(bedM[0]).toBe(7);
    expect(Array.from(bedM).every((v) => v === 5 || v === 7)).toBe(true);
  });

  it('refuses in strict mode a DEM that misses more than the allowed share, naming the file', () => {
    const dem = plane(5, 5, 10, 0, 0, () => 4);
    const spec: GridSpec = { nx: 10, ny: 10, cellM: 10, x0: 0, y0: 0 };
    expect(() => resampleDem(dem, spec, { file: 'dem.tif' })).toThrow(
      /dem\.tif, field "terrain": 75 of 100 grid cells \(75\.00 %\) have no elevation: 75 outside the DEM, 0 on NODATA\. Fix: give a DEM that covers/,
    );
  });

  it('fills leniently, by nearest cell or a constant, and records a warning', () => {
    const dem = plane(5, 5, 10, 0, 0, (x) => x);
    const spec: GridSpec = { nx: 10, ny: 5, cellM: 10, x0: 0, y0: 0 };
    const warnings: TwinWarning[] = [];
    const near = resampleDem(dem, spec, { file: 'd.asc', opts: { lenient: true, warnings } });
    expect(near.report.outsideCells).toBe(25);
    // East of the DEM the nearest filled cell is its last column (x = 45 m).
    expect(near.bedM[9]).toBe(45);
    expect(warnings[0].message).toMatch(/25 of 50 grid cells .* filled \(nearest cell\)/);
    const flat = resampleDem(dem, spec, { fill: { valueM: 3.5 }, opts: { lenient: true } });
    expect(flat.bedM[9]).toBe(3.5);
  });

  it('samples a geographic SRTM tile through the projection module', () => {
    const zip = readFileSync(path.join(repoRoot, 'tests/fixtures/twin/hgt/srtm3-zipped/in/N31E121.hgt.zip'));
    const { raster, crs } = parseHgt(zip, 'N31E121.hgt.zip');
    // Origin at (121.5, 31.5): the coarse source grid's cell over (121.4–121.6, 31.4–31.6) holds 4 m.
    const frame = createLocalFrame(121.5, 31.5);
    const spec: GridSpec = { nx: 40, ny: 40, cellM: 25, x0: -500, y0: -500 };
    const { bedM, report } = resampleDem(raster, spec, { projector: projectorFor(crs, frame) });
    expect(report.missingCells).toBe(0);
    expect(Array.from(bedM).every((v) => v === 4)).toBe(true);
    // 121.15 E, 31.85 N lies in the coarse cell holding 5 (row 0, col 1 of the 5 × 5 source).
    const far = projectorFor(crs, frame).toLocal(121.25, 31.9);
    const s2: GridSpec = { nx: 2, ny: 2, cellM: 10, x0: far[0] - 10, y0: far[1] - 10 };
    expect(Array.from(resampleDem(raster, s2, { projector: projectorFor(crs, frame) }).bedM)).toEqual([5, 5, 5, 5]);
  });
});
