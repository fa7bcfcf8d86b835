// GeoTIFF writer: golden bytes for tiny grids, a round trip through geotiff.js and our reader, and GDAL (an
// independent reader) finding a hot cell, the corners and the CRS where the twin put them, for .tif and .asc + .prj.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { cellCentre } from '../../../twin/grid/index.ts';
import { formatEsriAscii } from '../../../twin/io/esri-ascii.ts';
import { parseGeoTiff } from '../../../twin/io/geotiff.ts';
import { encodeGeoTiff, type GeoTiffGrid, type GeoTiffWriteOptions } from '../../../twin/io/geotiff-write.ts';
import { readRasterFile } from '../../../twin/io/raster-file.node.ts';
import {
  createLocalFrame,
  localFrameGeoKeys,
  localFrameProj4,
  localFrameWkt,
  localToWgs84,
  wgs84ToLocal,
  type LocalFrame,
} from '../../../twin/projection/index.ts';
import { expectGoldenBytes, goldenCases, repoRoot } from '../../helpers/golden.ts';
import { gdal, gdalMissing, gdalSuite } from '../../helpers/gdal.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/twin/geotiff-write');
const dir = mkdtempSync(path.join(tmpdir(), 'rivertwin-geotiff-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gridOf(params: Record<string, unknown>): { grid: GeoTiffGrid; frame: LocalFrame } {
  const [lon, lat] = params.origin as [number, number];
  const values = params.values as number[];
  return {
    frame: createLocalFrame(lon, lat),
    grid: {
      nx: params.nx as number,
      ny: params.ny as number,
      cellM: params.cellM as number,
      x0: params.x0 as number,
      y0: params.y0 as number,
      values: params.type === 'uint16' ? Uint16Array.from(values) : Float32Array.from(values),
      nodata: params.nodata as number,
    },
  };
}

async function tagsOf(bytes: Uint8Array) {
  const tiff = await fromArrayBuffer(bytes.slice().buffer);
  const image = await tiff.getImage(0);
  return { image, keys: image.getGeoKeys() as Record<string, unknown> };
}

describe('encodeGeoTiff golden files', () => {
  for (const c of goldenCases(fixtures)) {
    it(c.name, async () => {
      const { grid, frame } = gridOf(c.params);
      const bytes = encodeGeoTiff(grid, frame);
      expectGoldenBytes(c.output('grid.tif'), bytes);
      // geotiff.js reads every GeoKey back with the value the frame gave it.
      const { image, keys } = await tagsOf(bytes);
      for (const key of localFrameGeoKeys(frame)) expect(keys[key.name], key.name).toEqual(key.value);
      expect([image.getWidth(), image.getHeight()]).toEqual([grid.nx, grid.ny]);
      expect(Array.from(await image.readRasters({ interleave: true }))).toEqual(Array.from(grid.values));
    });
  }
});

describe('encodeGeoTiff with our reader', () => {
  const frame = createLocalFrame(121.5005, 31.2387);
  const values = Float32Array.from({ length: 7 * 5 }, (_, i) => i * 0.5 - 3);
  values[12] = -9999;
  const grid = { nx: 7, ny: 5, cellM: 2, x0: -6, y0: 4, values, nodata: -9999 };

  for (const options of [{}, { compression: 'deflate', rowsPerStrip: 2 }] as GeoTiffWriteOptions[]) {
    it(`reads back placement, values and nodata (${JSON.stringify(options)})`, async () => {
      const { raster, crs, geographic } = await parseGeoTiff(encodeGeoTiff(grid, frame, options), 'w.tif');
      expect([raster.nx, raster.ny, raster.cellM, raster.x0, raster.y0, raster.nodata]).toEqual([
        7, 5, 2, -6, 4, -9999,
      ]);
      expect(Array.from(raster.values)).toEqual(Array.from(values));
      // Our reader takes the user-defined transverse Mercator from the GeoKeys (twin/io/geotiff-crs.ts).
      expect(crs).toMatch(/^\+proj=tmerc \+lat_0=31\.2387 \+lon_0=121\.5005 \+k_0=1 \+x_0=0 \+y_0=0 /);
      expect(geographic).toBe(false);
    });
  }

  it('compresses with deflate and splits strips as asked', async () => {
    const raw = encodeGeoTiff({ ...grid, values: new Float32Array(7 * 5) }, frame);
    const packed = encodeGeoTiff({ ...grid, values: new Float32Array(7 * 5) }, frame, { compression: 'deflate' });
    expect(packed.length).toBeLessThan(raw.length);
    const { image } = await tagsOf(encodeGeoTiff(grid, frame, { rowsPerStrip: 2 }));
    expect(await image.getFileDirectory().loadValue('StripOffsets')).toHaveLength(3);
    expect(image.getTileHeight()).toBe(2);
  });

  it('writes NaN nodata as "nan" for float grids', async () => {
    const { image } = await tagsOf(encodeGeoTiff({ ...grid, nodata: NaN }, frame));
    expect(String(image.getFileDirectory().getValue('GDAL_NODATA')).replace(/\0/g, '')).toBe('nan');
  });

  it('refuses grids it cannot write, saying why', () => {
    expect(() => encodeGeoTiff({ ...grid, values: new Float32Array(3) }, frame)).toThrow(
      /3 values for a 7 × 5 grid \(35 cells\).*Fix: give one value per cell/,
    );
    expect(() => encodeGeoTiff({ ...grid, values: new Uint16Array(35), nodata: -9999 }, frame)).toThrow(
      /nodata -9999 cannot be stored in unsigned 16-bit cells.*from 0 to 65535/,
    );
    expect(() => encodeGeoTiff(grid, frame, { rowsPerStrip: 0 })).toThrow(/rowsPerStrip 0/);
    expect(() => encodeGeoTiff({ ...grid, cellM: 0 }, frame)).toThrow(/not finite and positive/);
  });

  it('writes a .prj our .asc loader does not mistake for WGS84 degrees', async () => {
    const asc = path.join(dir, 'reader-check.asc');
    writeFileSync(asc, formatEsriAscii(grid));
    writeFileSync(asc.replace(/\.asc$/, '.prj'), localFrameWkt(frame));
    expect((await readRasterFile(asc)).crs).toBeUndefined();
  });
});

/** A grid whose cell (row, col) holds row * 100 + col, with one hot cell and a nodata NW corner. */
function patternGrid(hotRow: number, hotCol: number): GeoTiffGrid {
  const nx = 40;
  const ny = 30;
  const values = Float32Array.from({ length: nx * ny }, (_, i) => Math.floor(i / nx) * 100 + (i % nx));
  values[hotRow * nx + hotCol] = 5000.25;
  values[0] = -9999;
  return { nx, ny, cellM: 5, x0: -100, y0: -60, values, nodata: -9999 };
}

const districts = [
  { name: 'the Bund', frame: createLocalFrame(121.5005, 31.2387) },
  { name: 'Delft', frame: createLocalFrame(4.36, 52.01) },
];
const files = [
  { kind: 'GeoTIFF', ext: 'tif', write: (g: GeoTiffGrid, f: LocalFrame) => encodeGeoTiff(g, f) },
  {
    kind: 'GeoTIFF (deflate)',
    ext: 'tif',
    write: (g: GeoTiffGrid, f: LocalFrame) => encodeGeoTiff(g, f, { compression: 'deflate', rowsPerStrip: 7 }),
  },
  {
    kind: 'ESRI ASCII + .prj',
    ext: 'asc',
    write: (g: GeoTiffGrid) => formatEsriAscii({ ...g, values: Float32Array.from(g.values) }),
  },
];

describe.skipIf(gdalMissing !== undefined)(gdalSuite('GDAL places what the twin writes'), () => {
  for (const { name, frame } of districts) {
    for (const file of files) {
      it(`${file.kind} for ${name}`, () => {
        // 1. Write the grid (and for .asc its .prj).
        const [hotRow, hotCol] = [11, 23];
        const grid = patternGrid(hotRow, hotCol);
        const base = path.join(dir, `${name.replace(/\W/g, '')}-${file.kind.replace(/\W/g, '')}`);
        const target = `${base}.${file.ext}`;
        writeFileSync(target, file.write(grid, frame));
        if (file.ext === 'asc') writeFileSync(`${base}.prj`, localFrameWkt(frame));

        // 2. gdallocationinfo at WGS84 positions from our own projection: inside the hot cell near its east and
        //    south edges it reads the hot value; just across those edges, the neighbours' own values.
        const valueAt = (dx: number, dy: number): number => {
          const [cx, cy] = cellCentre(grid, hotRow * grid.nx + hotCol);
          const [lon, lat] = localToWgs84(frame, cx + dx * grid.cellM, cy + dy * grid.cellM);
          return Number(gdal('gdallocationinfo', ['-valonly', '-wgs84', target, String(lon), String(lat)]).trim());
        };
        expect(valueAt(0, 0)).toBe(5000.25);
        expect(valueAt(0.49, -0.49)).toBe(5000.25);
        expect(valueAt(0.51, 0)).toBe(hotRow * 100 + hotCol + 1);
        expect(valueAt(0, -0.51)).toBe((hotRow + 1) * 100 + hotCol);

        // 3. gdalinfo: size, nodata and the corners in the frame's metres.
        const info = JSON.parse(gdal('gdalinfo', ['-json', target])) as {
          size: number[];
          bands: { noDataValue: number }[];
          cornerCoordinates: { upperLeft: number[]; lowerRight: number[] };
        };
        expect(info.size).toEqual([grid.nx, grid.ny]);
        expect(info.bands[0].noDataValue).toBe(-9999);
        const [east, north] = [grid.x0 + grid.nx * grid.cellM, grid.y0 + grid.ny * grid.cellM];
        expect(info.cornerCoordinates.upperLeft).toEqual([grid.x0, north]);
        expect(info.cornerCoordinates.lowerRight).toEqual([east, grid.y0]);

        // 4. The same corners taken to WGS84 by GDAL's PROJ, back to metres by ours: within a centimetre.
        const lonLat = gdal('gdaltransform', ['-t_srs', 'EPSG:4326', target], `0 0\n${grid.nx} ${grid.ny}\n`)
          .trim()
          .split('\n')
          .map((line) => line.trim().split(/\s+/).map(Number));
        const nw = wgs84ToLocal(frame, lonLat[0][0], lonLat[0][1]);
        const se = wgs84ToLocal(frame, lonLat[1][0], lonLat[1][1]);
        expect(Math.hypot(nw[0] - grid.x0, nw[1] - north)).toBeLessThan(0.01);
        expect(Math.hypot(se[0] - east, se[1] - grid.y0)).toBeLessThan(0.01);

        // 5. GDAL's reading of the CRS is the very proj4 definition the twin converts with.
        expect(gdal('gdalsrsinfo', ['-o', 'proj4', target]).trim()).toBe(localFrameProj4(frame));
      });
    }
  }

  it('reads UInt16 grids with an integer nodata', () => {
    const [fixture] = goldenCases(fixtures).filter((c) => c.params.type === 'uint16');
    const info = JSON.parse(gdal('gdalinfo', ['-json', fixture.output('grid.tif')])) as {
      bands: { type: string; noDataValue: number }[];
    };
    expect(info.bands[0]).toMatchObject({ type: 'UInt16', noDataValue: 65535 });
    const bytes = readFileSync(fixture.output('grid.tif'));
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x49, 0x49, 42, 0]));
  });
});
