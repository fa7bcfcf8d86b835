// Depth frames as a Zarr v3 store (the chunked-array format xarray, GDAL and zarrita open): one uint16 array of
// millimetres [time, y, x], one chunk per frame (so every frame is a keyframe and decodes alone), gzip-compressed,
// with time and x/y coordinate arrays and the local frame's CRS in the attributes. Pure: bytes in, bytes out.
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { SimulationError } from '../errors.ts';

/** Depth in mm that marks a frame not (yet) written: Zarr's fill value, so a missing chunk reads as no data. */
export const FRAME_NODATA = 65535;
/** Deepest depth a frame holds (m); deeper water is stored as this. */
export const FRAME_MAX_DEPTH_M = 65.534;

/** Where the grid lies: size, cell size and south-west corner in the local frame, and that frame's CRS. */
export interface FrameGrid {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
  /** OGC WKT of the local frame, for GIS readers; '' when unknown. */
  crsWkt: string;
  /** proj4 string of the local frame. */
  proj4: string;
}

/** The files (path → bytes) that make the store's metadata and coordinates, written once at the start. */
export function zarrStoreFiles(grid: FrameGrid, timesS: readonly number[], gzipLevel = 1): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const json = (v: unknown): Uint8Array => strToU8(JSON.stringify(v, null, 1) + '\n');
  const transform = [grid.x0, grid.cellM, 0, grid.y0 + grid.ny * grid.cellM, 0, -grid.cellM];
  files.set(
    'zarr.json',
    json({
      zarr_format: 3,
      node_type: 'group',
      attributes: {
        title: 'rivertwin water depth frames',
        Conventions: 'CF-1.8',
        crs_wkt: grid.crsWkt,
        proj4: grid.proj4,
        geotransform: transform,
      },
    }),
  );
  const F = timesS.length;
  files.set(
    'depth/zarr.json',
    json(
      arrayMeta([F, grid.ny, grid.nx], [1, grid.ny, grid.nx], 'uint16', FRAME_NODATA, ['time', 'y', 'x'], gzipLevel, {
        long_name: 'water depth',
        units: 'm',
        scale_factor: 0.001,
        _FillValue: FRAME_NODATA,
        grid_mapping: 'crs',
        crs_wkt: grid.crsWkt,
        proj4: grid.proj4,
        geotransform: transform,
        note: 'millimetres as uint16; 65535 = not written (an incomplete run); rows run north to south',
      }),
    ),
  );
  files.set(
    'time/zarr.json',
    json(
      arrayMeta([F], [Math.max(1, F)], 'float64', 0, ['time'], gzipLevel, {
        units: 'seconds since run start',
        axis: 'T',
      }),
    ),
  );
  files.set('time/c/0', encodeChunk(new Uint8Array(Float64Array.from(timesS).buffer), gzipLevel));
  const xs = Float64Array.from({ length: grid.nx }, (_, c) => grid.x0 + (c + 0.5) * grid.cellM);
  const ys = Float64Array.from({ length: grid.ny }, (_, r) => grid.y0 + (grid.ny - r - 0.5) * grid.cellM);
  files.set(
    'x/zarr.json',
    json(
      arrayMeta([grid.nx], [grid.nx], 'float64', 0, ['x'], gzipLevel, {
        units: 'm',
        axis: 'X',
        standard_name: 'projection_x_coordinate',
      }),
    ),
  );
  files.set('x/c/0', encodeChunk(new Uint8Array(xs.buffer), gzipLevel));
  files.set(
    'y/zarr.json',
    json(
      arrayMeta([grid.ny], [grid.ny], 'float64', 0, ['y'], gzipLevel, {
        units: 'm',
        axis: 'Y',
        standard_name: 'projection_y_coordinate',
      }),
    ),
  );
  files.set('y/c/0', encodeChunk(new Uint8Array(ys.buffer), gzipLevel));
  return files;
}

/** The chunk path of frame `index` in the store. */
export function frameChunkPath(index: number): string {
  return `depth/c/${index}/0/0`;
}

/** Quantises a depth field (m) to millimetres and compresses it as one chunk. `scratch` is reused between calls. */
export function encodeFrame(depthM: ArrayLike<number>, scratch: Uint16Array, gzipLevel = 1): Uint8Array {
  for (let i = 0; i < depthM.length; i++) {
    const d = depthM[i];
    scratch[i] = d > 0 ? (d >= FRAME_MAX_DEPTH_M ? 65534 : Math.round(d * 1000)) : 0;
  }
  return encodeChunk(new Uint8Array(scratch.buffer, scratch.byteOffset, depthM.length * 2), gzipLevel);
}

/** Decodes a frame chunk to depth in millimetres (65535 = no data). */
export function decodeFrame(bytes: Uint8Array, cells: number, input = 'frame'): Uint16Array {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new SimulationError('is not a gzip chunk', { input }, 'the record is damaged; write it again');
  }
  if (raw.length !== cells * 2)
    throw new SimulationError(`has ${raw.length / 2} cells, the grid ${cells}`, { input }, 'the record is damaged');
  return new Uint16Array(raw.buffer, raw.byteOffset, cells);
}

/** Reads a Zarr JSON document. */
export function readZarrJson(bytes: Uint8Array): Record<string, unknown> {
  return JSON.parse(strFromU8(bytes)) as Record<string, unknown>;
}

function encodeChunk(raw: Uint8Array, level: number): Uint8Array {
  return gzipSync(raw, { level: level as 1, mtime: 0 });
}

function arrayMeta(
  shape: number[],
  chunks: number[],
  dataType: string,
  fill: number,
  dims: string[],
  level: number,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  return {
    zarr_format: 3,
    node_type: 'array',
    shape,
    data_type: dataType,
    chunk_grid: { name: 'regular', configuration: { chunk_shape: chunks } },
    chunk_key_encoding: { name: 'default', configuration: { separator: '/' } },
    fill_value: fill,
    codecs: [
      { name: 'bytes', configuration: { endian: 'little' } },
      { name: 'gzip', configuration: { level } },
    ],
    attributes,
    dimension_names: dims,
  };
}
