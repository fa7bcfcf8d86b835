// ESRI ASCII grid reader and writer: golden grids (corner- and centre-registered, CRLF, GDAL-written) with their
// formatted round trip, and broken grids whose error names the file, the line or field, and the fix.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEsriAscii, parseEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/asc');
const broken = path.join(fixtures, 'broken');

describe('parseEsriAscii golden grids', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, () => {
      const raster = parseEsriAscii(c.readInput('dem.asc'), 'dem.asc');
      expectGolden(c.output('raster.json'), raster);
      const formatted = formatEsriAscii(raster, 3);
      expectGoldenText(c.output('formatted.asc'), formatted);
      // What the writer prints reads back to the same raster (to the printed decimals).
      const again = parseEsriAscii(formatted, 'formatted.asc');
      expect([again.nx, again.ny, again.cellM, again.x0, again.y0]).toEqual([
        raster.nx,
        raster.ny,
        raster.cellM,
        raster.x0,
        raster.y0,
      ]);
      for (let i = 0; i < raster.values.length; i++) expect(again.values[i]).toBeCloseTo(raster.values[i], 3);
    });
  }
});

describe('parseEsriAscii semantics', () => {
  it('turns a centre-registered header into the south-west corner', () => {
    const r = parseEsriAscii(readFileSync(path.join(fixtures, 'centre-registered/in/dem.asc'), 'utf8'));
    expect([r.x0, r.y0, r.nodata]).toEqual([0, 10, -1]);
    // Row 0 is the north row: "1 2 3".
    expect(Array.from(r.values)).toEqual([1, 2, 3, 4, -1, 6]);
  });

  it('leaves nodata undefined when the header has none', () => {
    const r = parseEsriAscii(readFileSync(path.join(fixtures, 'crlf-no-nodata/in/dem.asc'), 'utf8'));
    expect(r.nodata).toBeUndefined();
    expect(Array.from(r.values)).toEqual([0.25, 0.5, 10, -2.5]);
  });
});

describe('parseEsriAscii broken grids', () => {
  const expected: Record<string, RegExp> = {
    'missing-header.asc': /missing-header\.asc, field "ncols": missing header "ncols"\. Fix: /,
    'missing-xllcorner.asc': /missing-xllcorner\.asc, field "xllcorner": missing xllcorner/,
    'nan-value.asc': /nan-value\.asc:8: value "NaN" at cell 2 \(row 1, col 0\) is not a number\. Fix: .*NODATA_value/,
    'negative-cellsize.asc': /negative-cellsize\.asc, field "cellsize": cellsize -1 must be positive/,
    'non-square.asc': /non-square\.asc, field "dx": cells are not square \(dx 1, dy 2\)/,
    'too-few-values.asc': /too-few-values\.asc, field "ncols\/nrows": found 5 values, expected 3 × 2 = 6/,
    'too-many-values.asc': /too-many-values\.asc:8, field "ncols\/nrows": more than 2 × 2 = 4 values/,
  };
  const files = readdirSync(broken).filter((f) => f.endsWith('.asc'));
  it('has a test for every broken fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
  for (const f of files) {
    it(f, () => {
      let message = '';
      try {
        parseEsriAscii(readFileSync(path.join(broken, f), 'utf8'), f);
      } catch (e) {
        expect((e as Error).name).toBe('TwinError');
        message = (e as Error).message;
      }
      expect(message).toMatch(expected[f]);
      expectGoldenText(path.join(broken, f.replace(/\.asc$/, '.error.txt')), message);
    });
  }
});
