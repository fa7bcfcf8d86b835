// SRTM height tiles (.hgt, zipped or not): big-endian int16 metres on a 1° tile named after its SW corner.
// Samples sit ON the integer lat/lon lines, so the first sample is the NW corner itself (a cell centre, not an edge).
import { unzipSync } from 'fflate';
import { TwinError } from '../errors.ts';
import type { Raster } from '../types.ts';

/** The void (missing) value of SRTM tiles. */
export const HGT_VOID = -32768;

/** Samples per side of the two SRTM resolutions: 3 arc-seconds (SRTM3) and 1 arc-second (SRTM1). */
export const HGT_SIDES = [1201, 3601] as const;

const TILE_NAME = /^([NS])(\d{2})([EW])(\d{3})/i;

/** What an SRTM tile reads to: a raster in degrees (EPSG:4326) and the tile's SW corner. */
export interface HgtTile {
  /** Geographic raster: x in degrees east, y in degrees north; `nodata` is -32768. */
  raster: Raster;
  crs: 'EPSG:4326';
  /** Integer longitude and latitude of the tile's south-west corner, from the file name. */
  lon: number;
  lat: number;
  /** Name of the .hgt inside the archive (or the file itself). */
  entry: string;
}

/**
 * The SW corner a tile name encodes: "N31E121.hgt" → { lon: 121, lat: 31 }.
 * @param name file name (any folder and extension is ignored)
 * @param file the file the name came from, for messages
 */
export function hgtTileOrigin(name: string, file = name): { lon: number; lat: number } {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = TILE_NAME.exec(base);
  if (!m) {
    throw new TwinError(
      `cannot tell the tile's position from the name "${base}"`,
      { file, field: 'name' },
      'SRTM tiles are named after their south-west corner, e.g. N31E121.hgt; rename the file',
    );
  }
  const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
  if (Math.abs(lat) > 89 || Math.abs(lon) > 179) {
    throw new TwinError(`tile corner (${lon}, ${lat}) is not on the globe`, { file, field: 'name' });
  }
  return { lon, lat };
}

/** True when the bytes start with a ZIP local-file header ("PK\x03\x04"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads an SRTM tile from bytes: a raw .hgt or a ZIP holding exactly one .hgt.
 * @param bytes the file's contents
 * @param file the file name: its basename gives the tile's corner (for a ZIP, the entry's name is used first)
 */
export function parseHgt(bytes: Uint8Array, file: string): HgtTile {
  let entry = file.split(/[\\/]/).pop() ?? file;
  let data = bytes;
  // 1. Unwrap a ZIP: take the one .hgt entry.
  if (isZip(bytes)) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, { filter: (f) => /\.hgt$/i.test(f.name) });
    } catch (err) {
      throw new TwinError(`the ZIP archive is damaged (${(err as Error).message})`, { file }, 're-download the tile');
    }
    const names = Object.keys(files).sort();
    if (names.length !== 1) {
      throw new TwinError(
        names.length === 0
          ? 'the ZIP holds no .hgt file'
          : `the ZIP holds ${names.length} .hgt files (${names.join(', ')})`,
        { file },
        'give a ZIP with exactly one SRTM tile, or unzip it and give the .hgt',
      );
    }
    entry = names[0].split('/').pop() ?? names[0];
    data = files[names[0]];
  }
  // 2. Size: 1201² or 3601² big-endian int16.
  const side = HGT_SIDES.find((s) => data.length === s * s * 2);
  if (side === undefined) {
    throw new TwinError(
      `${data.length} bytes is not an SRTM tile size`,
      { file, field: 'size' },
      `an SRTM3 tile is 1201 × 1201 × 2 = ${1201 * 1201 * 2} bytes and an SRTM1 tile 3601 × 3601 × 2 = ${3601 * 3601 * 2} bytes; the file may be truncated`,
    );
  }
  // The entry's name first; a ZIP whose entry is renamed may still carry the tile name itself (N31E121.hgt.zip).
  const outer = file.split(/[\\/]/).pop() ?? file;
  const { lon, lat } = hgtTileOrigin(TILE_NAME.test(entry) || !TILE_NAME.test(outer) ? entry : outer, file);
  // 3. Samples, row 0 north. Cell size 1/(side-1) degree; centres on the integer lines, so the edges lie half a cell out.
  const cellDeg = 1 / (side - 1);
  const values = new Float32Array(side * side);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt16(i * 2, false);
  const raster: Raster = {
    nx: side,
    ny: side,
    cellM: cellDeg,
    x0: lon - cellDeg / 2,
    y0: lat - cellDeg / 2,
    values,
    nodata: HGT_VOID,
  };
  return { raster, crs: 'EPSG:4326', lon, lat, entry };
}

/**
 * Encodes elevations as .hgt bytes (big-endian int16, rounded to whole metres; NaN and `nodata` become the void).
 * @param values side × side elevations in metres, row 0 north
 */
export function encodeHgt(values: ArrayLike<number>, nodata?: number): Uint8Array {
  const side = Math.round(Math.sqrt(values.length));
  if (!HGT_SIDES.includes(side as 1201 | 3601) || side * side !== values.length) {
    throw new TwinError(
      `${values.length} samples is not an SRTM tile`,
      { field: 'values' },
      'give 1201² or 3601² values',
    );
  }
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const q = Number.isNaN(v) || v === nodata ? HGT_VOID : Math.max(-32767, Math.min(32767, Math.round(v)));
    view.setInt16(i * 2, q, false);
  }
  return out;
}
