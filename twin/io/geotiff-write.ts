// GeoTIFF writer for twin grids in the district's local frame, so QGIS and GDAL put them where they belong.
// A hand-written baseline TIFF (little-endian, one band, strips, raw or deflate) because geotiff.js's writer cannot
// compress and writes GeoAsciiParams with the wrong terminator. Pure: grid and frame in, bytes out.
import { zlibSync } from 'fflate';
import { TwinError } from '../errors.ts';
import type { GridSpec } from '../grid/grid-spec.ts';
import { localFrameGeoKeys, type LocalFrame } from '../projection/index.ts';

/** Typed arrays the writer stores as they are (TIFF SampleFormat and BitsPerSample follow the array type). */
export type GeoTiffSamples =
  Float32Array | Float64Array | Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array;

/** A grid to write: geometry in local metres (row 0 north, (x0, y0) the south-west corner) and one value per cell. */
export interface GeoTiffGrid extends GridSpec {
  /** Row-major values, row 0 north, length nx * ny. */
  values: GeoTiffSamples;
  /** Marker for missing cells, written as the GDAL_NODATA tag (NaN allowed for float grids). */
  nodata?: number;
}

/** How `encodeGeoTiff` lays the pixels out. */
export interface GeoTiffWriteOptions {
  /** 'none' (default: byte-stable across library versions) or 'deflate' (TIFF Compression 8, a zlib stream). */
  compression?: 'none' | 'deflate';
  /** Deflate level 1–9 (default 6). */
  deflateLevel?: number;
  /** Rows per strip (default: as many as fit in 64 KiB uncompressed, at least one). */
  rowsPerStrip?: number;
}

/** TIFF field types used here, with their sizes in bytes. */
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const TYPE_SIZE: Record<number, number> = { [ASCII]: 1, [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8 };

const GEO_DOUBLE_PARAMS = 34736;
const GEO_ASCII_PARAMS = 34737;
const STRIP_OFFSETS = 273;

interface Field {
  tag: number;
  type: number;
  values: number[] | string;
}

interface SampleKind {
  bits: number;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  format: 1 | 2 | 3;
  min: number;
  max: number;
  set(view: DataView, offset: number, value: number): void;
}

function sampleKind(values: GeoTiffSamples): SampleKind {
  const int = (bits: number, signed: boolean, set: SampleKind['set']): SampleKind => ({
    bits,
    format: signed ? 2 : 1,
    min: signed ? -(2 ** (bits - 1)) : 0,
    max: signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1,
    set,
  });
  if (values instanceof Float32Array)
    return { bits: 32, format: 3, min: -Infinity, max: Infinity, set: (v, o, x) => v.setFloat32(o, x, true) };
  if (values instanceof Float64Array)
    return { bits: 64, format: 3, min: -Infinity, max: Infinity, set: (v, o, x) => v.setFloat64(o, x, true) };
  if (values instanceof Uint8Array) return int(8, false, (v, o, x) => v.setUint8(o, x));
  if (values instanceof Uint16Array) return int(16, false, (v, o, x) => v.setUint16(o, x, true));
  if (values instanceof Int16Array) return int(16, true, (v, o, x) => v.setInt16(o, x, true));
  if (values instanceof Int32Array) return int(32, true, (v, o, x) => v.setInt32(o, x, true));
  return int(32, false, (v, o, x) => v.setUint32(o, x, true));
}

function checkGrid(grid: GeoTiffGrid, kind: SampleKind): void {
  const { nx, ny, cellM, x0, y0, values, nodata } = grid;
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1 || nx > 0xffffffff || ny > 0xffffffff) {
    throw new TwinError(`grid size ${nx} × ${ny} is not a positive whole size`, { field: 'nx/ny' });
  }
  if (!(cellM > 0) || !Number.isFinite(cellM) || !Number.isFinite(x0) || !Number.isFinite(y0)) {
    throw new TwinError(`grid placement (x0 ${x0}, y0 ${y0}, cell ${cellM} m) is not finite and positive`, {
      field: 'cellM',
    });
  }
  if (values.length !== nx * ny) {
    throw new TwinError(
      `${values.length} values for a ${nx} × ${ny} grid (${nx * ny} cells)`,
      { field: 'values' },
      'give one value per cell, row 0 north',
    );
  }
  if (
    nodata !== undefined &&
    kind.format !== 3 &&
    !(Number.isInteger(nodata) && nodata >= kind.min && nodata <= kind.max)
  ) {
    throw new TwinError(
      `nodata ${nodata} cannot be stored in ${kind.format === 2 ? 'signed' : 'unsigned'} ${kind.bits}-bit cells`,
      { field: 'nodata' },
      `use a whole number from ${kind.min} to ${kind.max}, or a float grid`,
    );
  }
}

/** Rows per strip: as asked, or as many as fit in 64 KiB uncompressed (GDAL's readers like small strips). */
function stripRows(grid: GeoTiffGrid, kind: SampleKind, options: GeoTiffWriteOptions): number {
  const rowBytes = (grid.nx * kind.bits) / 8;
  const rows = options.rowsPerStrip ?? Math.max(1, Math.floor(65536 / rowBytes));
  if (!Number.isInteger(rows) || rows < 1) {
    throw new TwinError(`rowsPerStrip ${options.rowsPerStrip} is not a positive whole number`, {
      field: 'rowsPerStrip',
    });
  }
  return Math.min(grid.ny, rows);
}

/** 1. The pixels as strips of whole rows, each compressed on its own as TIFF requires. */
function encodeStrips(
  grid: GeoTiffGrid,
  kind: SampleKind,
  rowsPerStrip: number,
  options: GeoTiffWriteOptions,
): Uint8Array[] {
  const rowBytes = (grid.nx * kind.bits) / 8;
  const level = options.deflateLevel ?? 6;
  const strips: Uint8Array[] = [];
  for (let row = 0; row < grid.ny; row += rowsPerStrip) {
    const rows = Math.min(rowsPerStrip, grid.ny - row);
    const raw = new Uint8Array(rows * rowBytes);
    const view = new DataView(raw.buffer);
    const first = row * grid.nx;
    const step = kind.bits / 8;
    for (let i = 0; i < rows * grid.nx; i++) kind.set(view, i * step, grid.values[first + i]);
    strips.push(
      options.compression === 'deflate' ? zlibSync(raw, { level: level as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 }) : raw,
    );
  }
  return strips;
}

/** 2. GeoKeyDirectory, GeoDoubleParams and GeoAsciiParams from the frame's GeoKeys (GeoTIFF 1.1, section 7.1). */
function geoKeyFields(frame: LocalFrame): Field[] {
  const keys = localFrameGeoKeys(frame);
  const directory = [1, 1, 0, keys.length];
  const doubles: number[] = [];
  let ascii = '';
  for (const key of keys) {
    if (key.type === 'ascii') {
      // Each ASCII value ends with '|' (counted), which readers turn back into the string's end.
      directory.push(key.id, GEO_ASCII_PARAMS, key.value.length + 1, ascii.length);
      ascii += key.value + '|';
    } else if (key.type === 'short') directory.push(key.id, 0, 1, key.value);
    else directory.push(key.id, GEO_DOUBLE_PARAMS, 1, doubles.push(key.value) - 1);
  }
  const fields: Field[] = [{ tag: 34735, type: SHORT, values: directory }];
  if (doubles.length) fields.push({ tag: GEO_DOUBLE_PARAMS, type: DOUBLE, values: doubles });
  if (ascii) fields.push({ tag: GEO_ASCII_PARAMS, type: ASCII, values: ascii });
  return fields;
}

function fieldBytes(field: Field): number {
  const count = typeof field.values === 'string' ? field.values.length + 1 : field.values.length;
  return count * TYPE_SIZE[field.type];
}

function writeValues(view: DataView, offset: number, field: Field): void {
  if (typeof field.values === 'string') {
    for (let i = 0; i < field.values.length; i++) view.setUint8(offset + i, field.values.charCodeAt(i) & 0x7f);
    view.setUint8(offset + field.values.length, 0);
    return;
  }
  const size = TYPE_SIZE[field.type];
  field.values.forEach((v, i) => {
    const o = offset + i * size;
    if (field.type === SHORT) view.setUint16(o, v, true);
    else if (field.type === LONG) view.setUint32(o, v, true);
    else view.setFloat64(o, v, true);
  });
}

/**
 * Encodes a grid of the local frame as a single-band GeoTIFF: north-up, PixelIsArea, ModelPixelScale and
 * ModelTiepoint (the grid's north-west corner), the frame as a user-defined transverse Mercator in the GeoKeys,
 * and GDAL_NODATA. Rows go out in the grid's own order: both run north to south.
 * @param grid geometry (metres in `frame`) and values; the sample type follows the typed array
 * @param frame the district's local frame the grid's x0/y0 are measured in
 * @param options compression and strip size
 * @returns the file's bytes (classic TIFF, so at most 4 GiB)
 * @throws TwinError when the grid's size, placement or nodata cannot be written
 */
export function encodeGeoTiff(grid: GeoTiffGrid, frame: LocalFrame, options: GeoTiffWriteOptions = {}): Uint8Array {
  const kind = sampleKind(grid.values);
  checkGrid(grid, kind);
  const rowsPerStrip = stripRows(grid, kind, options);
  const strips = encodeStrips(grid, kind, rowsPerStrip, options);
  // 3. The directory, sorted by tag as TIFF requires; StripOffsets is filled in once the layout is known.
  const fields: Field[] = [
    { tag: 256, type: LONG, values: [grid.nx] },
    { tag: 257, type: LONG, values: [grid.ny] },
    { tag: 258, type: SHORT, values: [kind.bits] },
    { tag: 259, type: SHORT, values: [options.compression === 'deflate' ? 8 : 1] },
    { tag: 262, type: SHORT, values: [1] }, // BlackIsZero
    { tag: STRIP_OFFSETS, type: LONG, values: strips.map(() => 0) },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 278, type: LONG, values: [rowsPerStrip] },
    { tag: 279, type: LONG, values: strips.map((s) => s.length) },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 339, type: SHORT, values: [kind.format] },
    { tag: 33550, type: DOUBLE, values: [grid.cellM, grid.cellM, 0] },
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, grid.x0, grid.y0 + grid.ny * grid.cellM, 0] },
    ...geoKeyFields(frame),
  ];
  if (grid.nodata !== undefined) {
    fields.push({ tag: 42113, type: ASCII, values: Number.isNaN(grid.nodata) ? 'nan' : String(grid.nodata) });
  }
  // 4. Layout: header, directory, the values too long to sit in an entry (each at an even offset), then the strips.
  const ifdBytes = 2 + fields.length * 12 + 4;
  let end = 8 + ifdBytes;
  const valueOffsets = fields.map((f) => {
    if (fieldBytes(f) <= 4) return -1;
    const at = end;
    end += fieldBytes(f) + (fieldBytes(f) % 2);
    return at;
  });
  const stripOffsets: number[] = [];
  for (const s of strips) {
    stripOffsets.push(end);
    end += s.length + (s.length % 2);
  }
  if (end > 0xffffffff) {
    throw new TwinError(
      `the GeoTIFF would be ${(end / 2 ** 30).toFixed(1)} GiB, more than a classic TIFF holds (4 GiB)`,
      { field: 'values' },
      "use compression: 'deflate' or coarser cells",
    );
  }
  fields.find((f) => f.tag === STRIP_OFFSETS)!.values = stripOffsets;
  // 5. Bytes.
  const out = new Uint8Array(end);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x4949, true); // "II": little-endian
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  view.setUint16(8, fields.length, true);
  fields.forEach((f, i) => {
    const entry = 10 + i * 12;
    view.setUint16(entry, f.tag, true);
    view.setUint16(entry + 2, f.type, true);
    view.setUint32(entry + 4, fieldBytes(f) / TYPE_SIZE[f.type], true);
    if (valueOffsets[i] < 0) writeValues(view, entry + 8, f);
    else {
      view.setUint32(entry + 8, valueOffsets[i], true);
      writeValues(view, valueOffsets[i], f);
    }
  });
  view.setUint32(10 + fields.length * 12, 0, true); // no further image
  strips.forEach((s, i) => out.set(s, stripOffsets[i]));
  return out;
}
