// GeoTIFF reader: golden rasters made by GDAL (int16, float32 DEFLATE, float64 tiled, PixelIsPoint, NaN NODATA, a
// user-defined Transverse Mercator, Lambert-93), rasters whose CRS cannot be known,
// and broken files whose error must name the file, the field and the fix.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGeoTiff } from '../../../twin/io/geotiff.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { expectGolden, expectGoldenText, goldenCases, repoRoot } from '../../helpers/golden.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/geotiff');
const broken = path.join(fixtures, 'broken');

describe('parseGeoTiff golden rasters', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, async () => {
      const out = await parseGeoTiff(readFileSync(c.input('dem.tif')), 'dem.tif');
      expectGolden(c.output('raster.json'), out);
    });
  }
});

describe('parseGeoTiff semantics', () => {
  it('reads GDAL_NODATA holes, the EPSG code and the north-up affine (row 0 north)', async () => {
    const { raster, crs, geographic } = await parseGeoTiff(
      readFileSync(path.join(fixtures, 'int16-utm/in/dem.tif')),
      'dem.tif',
    );
    expect(crs).toBe('EPSG:32651');
    expect(geographic).toBe(false);
    expect([raster.nx, raster.ny, raster.cellM, raster.x0, raster.y0]).toEqual([4, 3, 30, 355000, 3457000]);
    expect(raster.nodata).toBe(-32768);
    // The source grid's first row (north) is 4 5 6 7; its holes are at (1,1) and (2,2).
    expect(Array.from(raster.values.slice(0, 4))).toEqual([4, 5, 6, 7]);
    expect(raster.values[1 * 4 + 1]).toBe(raster.nodata);
    expect(raster.values[2 * 4 + 2]).toBe(raster.nodata);
  });

  it('shifts a PixelIsPoint tiepoint by half a cell to the grid edge', async () => {
    const { raster } = await parseGeoTiff(readFileSync(path.join(fixtures, 'pixel-is-point/in/dem.tif')), 'p.tif');
    // gdal_translate -a_ullr 355000 3457030 355040 3457000 with AREA_OR_POINT=Point.
    expect(raster.x0).toBe(355000);
    expect(raster.y0 + raster.ny * raster.cellM).toBe(3457030);
  });

  it('replaces NaN cells by a comparable NODATA marker', async () => {
    const { raster } = await parseGeoTiff(readFileSync(path.join(fixtures, 'nan-nodata/in/dem.tif')), 'n.tif');
    expect(raster.nodata).toBe(-9999);
    expect(Array.from(raster.values).some(Number.isNaN)).toBe(false);
    expect(Array.from(raster.values).filter((v) => v === raster.nodata)).toHaveLength(2);
  });

  it('flags geographic rasters (degrees)', async () => {
    const out = await parseGeoTiff(readFileSync(path.join(fixtures, 'float64-wgs84-tiled/in/dem.tif')), 'g.tif');
    expect(out.crs).toBe('EPSG:4326');
    expect(out.geographic).toBe(true);
    expect(out.raster.cellM).toBeCloseTo(0.0005, 12);
  });
});

describe('parseGeoTiff coordinate systems from the full GeoKeys', () => {
  it('reads a user-defined Transverse Mercator (ProjectedCSTypeGeoKey 32767) as its projection, not as degrees', async () => {
    const out = await parseGeoTiff(readFileSync(path.join(fixtures, 'user-defined-tm/in/dem.tif')), 'tm.tif');
    expect(out.geographic).toBe(false);
    expect(out.crs).toMatch(/^\+proj=tmerc .*\+lat_0=52 \+lon_0=4\.35 \+k_0=0\.9999 \+x_0=100000 \+y_0=200000/);
    expect(out.crs).not.toMatch(/\+axis/);
    expect(out.crsName).toMatch(/^user-defined Transverse Mercator: \+proj=tmerc/);
    // The raster's south-west corner (99000, 201000) lies 1 km west and 1 km north of the false origin.
    const [lon, lat] = projectorFor(out.crs!, createLocalFrame(4.35, 52)).toLocal(out.raster.x0, out.raster.y0);
    expect(lon).toBeCloseTo(-1000 * 0.9999 ** -1, -1);
    expect(lat).toBeCloseTo(1000 * 0.9999 ** -1, -1);
  });

  it('reads an EPSG code the twin has no definition of (Lambert-93) through the converter', async () => {
    const out = await parseGeoTiff(
      readFileSync(path.join(fixtures, 'lambert93-epsg-unknown-to-twin/in/dem.tif')),
      'l.tif',
    );
    expect(out.crs).toMatch(/^\+proj=lcc /);
    expect(out.crsName).toBe('EPSG:2154 (RGF93 v1 / Lambert-93)');
  });

  const unknown = path.join(fixtures, 'unknown-crs');
  for (const f of readdirSync(unknown).filter((n) => n.endsWith('.tif'))) {
    it(`says why the CRS of ${f} cannot be known, naming the keys found`, async () => {
      const out = await parseGeoTiff(readFileSync(path.join(unknown, f)), f);
      expect(out.crs).toBeUndefined();
      expect(out.crsProblem).toMatch(/cannot be known: .*\(found: /);
      expectGoldenText(path.join(unknown, f.replace(/\.tif$/, '.problem.txt')), out.crsProblem ?? '');
    });
  }
});

describe('parseGeoTiff broken files', () => {
  const expected: Record<string, RegExp> = {
    'not-a-tiff.tif': /not-a-tiff\.tif: not a readable GeoTIFF.*Fix:/,
    'truncated.tif': /truncated\.tif: not a readable GeoTIFF.*truncated/,
    'rotated.tif': /rotated\.tif, field "ModelTransformation": the raster is rotated.*Fix: warp it north-up/,
    'south-up.tif': /south-up\.tif, field "ModelPixelScale": .*not north-up/,
    'two-band.tif': /two-band\.tif, field "SamplesPerPixel": the image has 2 bands.*gdal_translate -b 1/,
  };
  const files = readdirSync(broken).filter((f) => f.endsWith('.tif'));
  it('has a test for every broken fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
  for (const f of files) {
    it(f, async () => {
      const err = await parseGeoTiff(readFileSync(path.join(broken, f)), f).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.name).toBe('TwinError');
      expect(err?.message).toMatch(expected[f]);
      expectGoldenText(path.join(broken, f.replace(/\.tif$/, '.error.txt')), err?.message ?? '');
    });
  }
});
