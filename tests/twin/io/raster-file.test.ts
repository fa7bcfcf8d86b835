// readRasterFile: the Node loader picks the reader by extension and returns the raster, its CRS and its source.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { rasterFormatOf, readRasterFile } from '../../../twin/io/raster-file.node.ts';
import { gridForExtent, resampleDem } from '../../../twin/grid/index.ts';
import { createLocalFrame, projectorFor } from '../../../twin/projection/index.ts';
import { repoRoot } from '../../helpers/golden.ts';

const fx = (p: string): string => path.join(repoRoot, 'tests/fixtures/twin', p);
const scratch = mkdtempSync(path.join(tmpdir(), 'rivertwin-raster-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readRasterFile', () => {
  it('maps extensions to formats', () => {
    expect(rasterFormatOf('a/DEM.ASC')).toBe('esri-ascii');
    expect(rasterFormatOf('x.tiff')).toBe('geotiff');
    expect(rasterFormatOf('N31E121.hgt.zip')).toBe('hgt');
    expect(rasterFormatOf('N31E121.zip')).toBe('hgt');
    expect(rasterFormatOf('dem.png')).toBeUndefined();
  });

  it('reads an .asc, with no CRS unless a .prj sidecar names an EPSG code', async () => {
    const plain = await readRasterFile(fx('asc/corner-with-holes/in/dem.asc'));
    expect(plain.format).toBe('esri-ascii');
    expect(plain.crs).toBeUndefined();
    expect(plain.raster.nx * plain.raster.ny).toBe(12);
    const withPrj = await readRasterFile(fx('asc/sidecar/with-prj.asc'));
    expect(withPrj.crs).toBe('EPSG:32651');
    expect(Array.from(withPrj.raster.values)).toEqual(Array.from(plain.raster.values));
  });

  it('reads a GeoTIFF with its CRS', async () => {
    const out = await readRasterFile(fx('geotiff/float32-rd-new-deflate/in/dem.tif'));
    expect(out).toMatchObject({
      format: 'geotiff',
      crs: 'EPSG:28992',
      source: fx('geotiff/float32-rd-new-deflate/in/dem.tif'),
    });
    expect(out.raster.x0).toBe(85000);
  });

  it('reads SRTM tiles zipped and raw alike, as EPSG:4326', async () => {
    const zipPath = fx('hgt/srtm3-zipped/in/N31E121.hgt.zip');
    const zipped = await readRasterFile(zipPath);
    const rawPath = path.join(scratch, 'N31E121.hgt');
    writeFileSync(rawPath, unzipSync(readFileSync(zipPath))['N31E121.hgt']);
    const raw = await readRasterFile(rawPath);
    expect(zipped.crs).toBe('EPSG:4326');
    expect(raw.crs).toBe('EPSG:4326');
    expect(raw.raster.values).toEqual(zipped.raster.values);
  });

  it('reads the bundled Delft DEM: a GDAL GeoTIFF in RD New that resamples into the local frame without gaps', async () => {
    const { raster, crs } = await readRasterFile(path.join(repoRoot, 'datasets/delft/dem.tif'));
    expect(crs).toBe('EPSG:28992');
    expect([raster.nx, raster.ny, raster.cellM, raster.x0, raster.y0]).toEqual([263, 165, 2, 84616, 447422]);
    const frame = createLocalFrame(4.3681, 52.0128);
    const spec = gridForExtent({ minX: -100, minY: -60, maxX: 100, maxY: 60 }, 2);
    const { bedM, report } = resampleDem(raster, spec, { projector: projectorFor(crs!, frame) });
    expect(report.missingCells).toBe(0);
    // NAP heights of Delft's streets: around sea level.
    for (const v of bedM) expect(Math.abs(v)).toBeLessThan(2);
  });

  it('names the file when it is missing, of an unknown type, or malformed', async () => {
    await expect(readRasterFile(path.join(scratch, 'nope.tif'))).rejects.toThrow(
      /nope\.tif: cannot read the file.*Fix: check the path/,
    );
    await expect(readRasterFile('dem.png')).rejects.toThrow(
      /dem\.png: unsupported terrain file type\. Fix: give an ESRI ASCII/,
    );
    await expect(readRasterFile(fx('geotiff/broken/truncated.tif'))).rejects.toThrow(
      /truncated\.tif: not a readable GeoTIFF/,
    );
    await expect(readRasterFile(fx('hgt/broken/wrong-size.hgt'))).rejects.toThrow(/wrong-size\.hgt, field "size"/);
  });
});
