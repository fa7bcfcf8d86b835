// Node loader for terrain rasters: reads a file from disk and hands its bytes to the pure reader for its format.
// Dispatches on the extension (.asc, .tif/.tiff, .hgt, .hgt.zip/.zip); the readers themselves never touch the disk.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TwinError } from '../errors.ts';
import type { Raster } from '../types.ts';
import { parseEsriAscii } from './esri-ascii.ts';
import { parseHgt } from './hgt.ts';

/** What `readRasterFile` returns: the raster in its own CRS, the CRS when the file says it, and where it came from. */
export interface RasterFile {
  /** Values and geometry in the file's own coordinates (degrees for geographic rasters, metres otherwise). */
  raster: Raster;
  /**
   * 'EPSG:n' when the file declares it: GeoTIFF GeoKeys, SRTM (always EPSG:4326), or for an .asc the EPSG code at
   * the end of a sidecar .prj (WKT with AUTHORITY["EPSG",n] or ID["EPSG",n]); else undefined.
   */
  crs?: string;
  /** A readable name when `crs` is a proj4 string built from GeoKeys (user-defined or not known to the twin). */
  crsName?: string;
  /** Why the file's CRS cannot be known (naming the GeoKeys found, or the missing .prj); set when `crs` is not. */
  crsProblem?: string;
  /** The path as given, for messages and the twin's `terrain` field. */
  source: string;
  /** The format the file was read as. */
  format: RasterFormat;
}

/** Raster formats `readRasterFile` understands. */
export type RasterFormat = 'esri-ascii' | 'geotiff' | 'hgt';

/** The format a file name implies, or undefined when the extension is not a supported raster. */
export function rasterFormatOf(path: string): RasterFormat | undefined {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.asc')) return 'esri-ascii';
  if (name.endsWith('.tif') || name.endsWith('.tiff')) return 'geotiff';
  if (name.endsWith('.hgt') || name.endsWith('.hgt.zip') || name.endsWith('.zip')) return 'hgt';
  return undefined;
}

/**
 * Reads a terrain raster from disk: ESRI ASCII grid (.asc), GeoTIFF (.tif/.tiff) or SRTM (.hgt, zipped or not).
 * @param path file path; its extension picks the reader
 * @throws TwinError naming the file when it is missing, of an unknown type or malformed
 */
export async function readRasterFile(path: string): Promise<RasterFile> {
  const format = rasterFormatOf(path);
  if (!format) {
    throw new TwinError(
      'unsupported terrain file type',
      { file: path },
      'give an ESRI ASCII grid (.asc), a GeoTIFF (.tif, .tiff) or an SRTM tile (.hgt, .hgt.zip)',
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new TwinError(`cannot read the file (${(err as Error).message})`, { file: path }, 'check the path');
  }
  switch (format) {
    case 'esri-ascii': {
      const raster = parseEsriAscii(new TextDecoder().decode(bytes), path);
      const crs = await sidecarCrs(path);
      if (crs) return { raster, crs, source: path, format };
      const crsProblem =
        'an ESRI ASCII grid does not carry its coordinate system, and no .prj beside it names an EPSG code';
      return { raster, source: path, format, crsProblem };
    }
    case 'geotiff': {
      // Loaded on first use: the GeoTIFF reader and its CRS tables are a fifth of a flood run's start-up.
      const { parseGeoTiff } = await import('./geotiff.ts');
      const { raster, crs, crsName, crsProblem } = await parseGeoTiff(bytes, path);
      const out: RasterFile = { raster, source: path, format };
      if (crs) out.crs = crs;
      if (crsName) out.crsName = crsName;
      if (crsProblem) out.crsProblem = crsProblem;
      return out;
    }
    case 'hgt': {
      const { raster, crs } = parseHgt(bytes, path);
      return { raster, crs, source: path, format };
    }
  }
}

/** The EPSG code a .prj beside an .asc names last (the outermost CRS in WKT), if any. */
async function sidecarCrs(ascPath: string): Promise<string | undefined> {
  let wkt: string;
  try {
    wkt = await readFile(ascPath.replace(/\.asc$/i, '.prj'), 'utf8');
  } catch {
    return undefined;
  }
  const codes = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  return codes.length ? `EPSG:${codes[codes.length - 1][1]}` : undefined;
}
