// SRTM .hgt reader: GDAL-written tiles (SRTM3 zipped, SRTM1 south-west) summarised in goldens, the tile geometry
// (samples on the integer lines), raw vs zipped equality, and broken tiles whose error names the file and the fix.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeHgt, HGT_VOID, hgtTileOrigin, parseHgt, type HgtTile } from '../../../twin/io/hgt.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/hgt');
const broken = path.join(fixtures, 'broken');

/** FNV-1a over the int16 values: pins every sample without storing 1.4 M numbers in the golden. */
function fnv(values: Float32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] & 0xffff;
    h = Math.imul(h ^ (v & 0xff), 0x01000193);
    h = Math.imul(h ^ (v >> 8), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function summarise(tile: HgtTile): unknown {
  const { raster } = tile;
  const n = raster.nx;
  const at = (row: number, col: number): number => raster.values[row * n + col];
  let voids = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of raster.values) {
    if (v === raster.nodata) voids++;
    else {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return {
    entry: tile.entry,
    crs: tile.crs,
    lon: tile.lon,
    lat: tile.lat,
    grid: { nx: raster.nx, ny: raster.ny, cellDeg: raster.cellM, x0: raster.x0, y0: raster.y0, nodata: raster.nodata },
    corners: { nw: at(0, 0), ne: at(0, n - 1), sw: at(n - 1, 0), se: at(n - 1, n - 1), centre: at(n >> 1, n >> 1) },
    voids,
    min,
    max,
    fnv1a: fnv(raster.values),
  };
}

describe('parseHgt golden tiles', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, () => {
      const file = c.inputs[0];
      expectGolden(c.output('tile.json'), summarise(parseHgt(readFileSync(c.input(file)), file)), { digits: 10 });
    });
  }
});

describe('parseHgt semantics', () => {
  const zipped = readFileSync(path.join(fixtures, 'srtm3-zipped/in/N31E121.hgt.zip'));

  it('registers samples on the integer lines: the first sample is the NW corner, edges half a cell out', () => {
    const { raster, lon, lat } = parseHgt(zipped, 'N31E121.hgt.zip');
    expect([lon, lat]).toEqual([121, 31]);
    expect(raster.nx).toBe(1201);
    expect(raster.cellM).toBeCloseTo(1 / 1200, 15);
    // Centre of cell (row 0, col 0) = (121, 32); centre of the last cell = (122, 31).
    expect(raster.x0 + 0.5 * raster.cellM).toBeCloseTo(121, 12);
    expect(raster.y0 + (raster.ny - 0.5) * raster.cellM).toBeCloseTo(32, 12);
    expect(raster.x0 + (raster.nx - 0.5) * raster.cellM).toBeCloseTo(122, 12);
    expect(raster.y0 + 0.5 * raster.cellM).toBeCloseTo(31, 12);
    // The source grid (5 × 5 at 0.2°) had 4 in its NW cell, 12 in its SE cell and one void in row 1.
    expect(raster.values[0]).toBe(4);
    expect(raster.values[raster.values.length - 1]).toBe(12);
    expect(raster.values.includes(HGT_VOID)).toBe(true);
  });

  it('reads a raw .hgt exactly as the zipped one', () => {
    const raw = unzipSync(zipped)['N31E121.hgt'];
    const a = parseHgt(raw, 'some/dir/N31E121.hgt');
    const b = parseHgt(zipped, 'N31E121.hgt.zip');
    expect(a.raster.x0).toBe(b.raster.x0);
    expect(Buffer.from(a.raster.values.buffer).equals(Buffer.from(b.raster.values.buffer))).toBe(true);
  });

  it('round-trips through encodeHgt byte for byte', () => {
    const raw = unzipSync(zipped)['N31E121.hgt'];
    const { raster } = parseHgt(raw, 'N31E121.hgt');
    expect(Buffer.from(encodeHgt(raster.values, raster.nodata)).equals(Buffer.from(raw))).toBe(true);
  });

  it('reads the corner from the name, south and west negative', () => {
    expect(hgtTileOrigin('S05W060.hgt')).toEqual({ lon: -60, lat: -5 });
    expect(hgtTileOrigin('/x/n31e121.HGT')).toEqual({ lon: 121, lat: 31 });
  });
});

describe('parseHgt broken tiles', () => {
  const expected: Record<string, RegExp> = {
    'wrong-size.hgt':
      /wrong-size\.hgt, field "size": 1000 bytes is not an SRTM tile size\. Fix: .*1201 × 1201 .*3601 × 3601/,
    'unnamed-tile.hgt.zip':
      /unnamed-tile\.hgt\.zip, field "name": cannot tell the tile's position from the name "tile\.hgt"/,
    'no-hgt.zip': /no-hgt\.zip: the ZIP holds no \.hgt file/,
    'two-tiles.zip': /two-tiles\.zip: the ZIP holds 2 \.hgt files \(N31E121\.hgt, N31E122\.hgt\)/,
    'truncated.hgt.zip': /truncated\.hgt\.zip: the ZIP archive is damaged/,
  };
  const files = readdirSync(broken).filter((f) => !f.endsWith('.txt'));
  it('has a test for every broken fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
  for (const f of files) {
    it(f, () => {
      let message = '';
      try {
        parseHgt(readFileSync(path.join(broken, f)), f);
      } catch (e) {
        expect((e as Error).name).toBe('TwinError');
        message = (e as Error).message;
      }
      expect(message).toMatch(expected[f]);
      expectGoldenText(path.join(broken, `${f}.error.txt`), message);
    });
  }
});

describe("the bundled People's Square tile (datasets/peoples-square/N31E121.hgt.zip)", () => {
  it("covers the People's Square extent with no voids, at 3–4 m", () => {
    const file = path.join(repoRoot, 'datasets/peoples-square/N31E121.hgt.zip');
    const { raster } = parseHgt(readFileSync(file), file);
    // The OSM extract's bounds: lon 121.4611–121.4863, lat 31.2196–31.2412.
    const col = (lon: number): number => Math.round((lon - 121) * 1200);
    const row = (lat: number): number => Math.round((32 - lat) * 1200);
    let samples = 0;
    for (let r = row(31.2412); r <= row(31.2196); r++)
      for (let c = col(121.4611); c <= col(121.4863); c++) {
        const v = raster.values[r * raster.nx + c];
        expect(v).toBeGreaterThanOrEqual(3);
        expect(v).toBeLessThanOrEqual(4);
        samples++;
      }
    expect(samples).toBeGreaterThan(500);
    // Far from it (the sea east of 121.9° E) the tile is void: synthesised only where it is used.
    expect(raster.values[row(31.5) * raster.nx + col(121.95)]).toBe(HGT_VOID);
  });
});
