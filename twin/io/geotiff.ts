// GeoTIFF terrain reader: single-band, north-up rasters (int or float) with GDAL NODATA and the CRS from the GeoKeys.
// Pure: bytes in, Raster out (geotiff.js decodes in plain JS, so this runs in Node, workers and the browser alike).
import { fromArrayBuffer } from 'geotiff';
import { TwinError } from '../errors.ts';
import type { Raster } from '../types.ts';
import { crsFromGeoKeys } from './geotiff-crs.ts';

/** NODATA marker used when a float GeoTIFF marks missing cells with NaN (a Raster's `nodata` must compare equal). */
export const GEOTIFF_NAN_NODATA = -9999;

/** What a GeoTIFF reads to. */
export interface GeoTiffRaster {
  /** The band in the file's own coordinates; row 0 north. */
  raster: Raster;
  /**
   * 'EPSG:n' for a code the twin knows, else a proj4 string built from the GeoKeys (user-defined projections
   * included); undefined when the keys do not define a CRS.
   */
  crs?: string;
  /** True when the CRS is geographic (x, y in degrees). */
  geographic: boolean;
  /** A readable name when `crs` is a proj4 string, e.g. 'user-defined Transverse Mercator: +proj=tmerc …'. */
  crsName?: string;
  /** Why the CRS cannot be known, naming the GeoKeys found; the loader refuses the raster unless one is declared. */
  crsProblem?: string;
}

type Tags = { getValue(tag: string): unknown; hasTag(tag: string): boolean };

function numbers(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.from(v as ArrayLike<number>, Number);
}

/** 1. The affine: origin of the NW corner and the cell size, from ModelTransformation or tiepoint + pixel scale. */
function affine(
  tags: Tags,
  pixelIsPoint: boolean,
  file: string,
): { west: number; north: number; sx: number; sy: number } {
  const mt = numbers(tags.getValue('ModelTransformation'));
  const scale = numbers(tags.getValue('ModelPixelScale'));
  const ties = numbers(tags.getValue('ModelTiepoint'));
  let west: number;
  let north: number;
  let sx: number;
  let sy: number;
  if (mt && mt.length >= 12) {
    if (mt[1] !== 0 || mt[4] !== 0) {
      throw new TwinError(
        'the raster is rotated or sheared (ModelTransformation has non-zero rotation terms)',
        { file, field: 'ModelTransformation' },
        'warp it north-up first: gdalwarp -t_srs <its CRS> in.tif out.tif',
      );
    }
    [sx, sy, west, north] = [mt[0], -mt[5], mt[3], mt[7]];
  } else if (scale && ties && ties.length >= 6) {
    if (ties.length > 6) {
      throw new TwinError(
        `the raster is georeferenced by ${ties.length / 6} tiepoints, not an affine`,
        { file, field: 'ModelTiepoint' },
        'rectify it first: gdalwarp in.tif out.tif',
      );
    }
    [sx, sy] = [scale[0], scale[1]];
    west = ties[3] - ties[0] * sx;
    north = ties[4] + ties[1] * sy;
  } else {
    throw new TwinError(
      'the TIFF has no georeferencing (no ModelTransformation, or no ModelTiepoint with ModelPixelScale)',
      { file, field: 'ModelTiepoint' },
      'give a GeoTIFF, e.g. gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif',
    );
  }
  if (!(sx > 0) || !(sy > 0)) {
    throw new TwinError(
      `cell size ${sx} × ${sy} is not north-up (row 0 must be the north edge, columns running east)`,
      { file, field: 'ModelPixelScale' },
      'flip it north-up first: gdalwarp in.tif out.tif',
    );
  }
  if (Math.abs(sx - sy) > 1e-6 * Math.max(sx, sy)) {
    throw new TwinError(
      `cells are not square (${sx} × ${sy})`,
      { file, field: 'ModelPixelScale' },
      `resample to square cells first: gdalwarp -tr ${Math.min(sx, sy)} ${Math.min(sx, sy)} in.tif out.tif`,
    );
  }
  // PixelIsPoint: the tiepoint names the first cell's centre, so the NW edge lies half a cell out.
  if (pixelIsPoint) return { west: west - sx / 2, north: north + sy / 2, sx, sy };
  return { west, north, sx, sy };
}

/**
 * Reads the first image of a GeoTIFF as a terrain raster.
 * @param bytes the file's contents
 * @param file the file name, for messages
 * @throws TwinError for a damaged file, several bands, a rotated or south-up affine, or non-square cells
 */
export async function parseGeoTiff(bytes: Uint8Array, file = '<tif>'): Promise<GeoTiffRaster> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // 1. Decode the header, the tags and the band (geotiff.js errors become TwinErrors naming the file).
    const tiff = await fromArrayBuffer(buffer);
    const image = await tiff.getImage(0);
    const bands = image.getSamplesPerPixel();
    if (bands !== 1) {
      throw new TwinError(
        `the image has ${bands} bands; a terrain raster has one`,
        { file, field: 'SamplesPerPixel' },
        'extract the elevation band: gdal_translate -b 1 in.tif out.tif',
      );
    }
    const tags = image.getFileDirectory() as unknown as Tags;
    const keys = image.getGeoKeys() as Record<string, unknown> | null;
    const { west, north, sx } = affine(tags, Number(keys?.GTRasterTypeGeoKey) === 2, file);
    const nx = image.getWidth();
    const ny = image.getHeight();
    const data = (await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>;
    if (data.length !== nx * ny) {
      throw new TwinError(
        `decoded ${data.length} values, expected ${nx} × ${ny}`,
        { file },
        'the file may be truncated',
      );
    }
    // 2. NODATA from the GDAL_NODATA tag; NaN cells (float files) get a comparable marker.
    const nodataText = tags.hasTag('GDAL_NODATA') ? String(tags.getValue('GDAL_NODATA')) : '';
    const nodataTag = nodataText.replace(/\0/g, '').trim();
    let nodata: number | undefined = nodataTag === '' ? undefined : Number(nodataTag);
    const values = Float32Array.from(data);
    let sawNaN = false;
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) sawNaN = true;
    if (sawNaN || (nodata !== undefined && !Number.isFinite(nodata))) {
      if (nodata === undefined || !Number.isFinite(nodata)) nodata = GEOTIFF_NAN_NODATA;
      for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) values[i] = nodata;
    } else if (nodata !== undefined) {
      // Float32 storage: compare against the marker as it is stored.
      nodata = Math.fround(nodata);
    }
    const raster: Raster = { nx, ny, cellM: sx, x0: west, y0: north - ny * sx, values };
    if (nodata !== undefined) raster.nodata = nodata;
    return { raster, ...crsFromGeoKeys(keys) };
  } catch (err) {
    if (err instanceof TwinError) throw err;
    throw new TwinError(
      `not a readable GeoTIFF (${(err as Error).message})`,
      { file },
      'the file may be truncated or not a TIFF; check it with gdalinfo',
    );
  }
}
