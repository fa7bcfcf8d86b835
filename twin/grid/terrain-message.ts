// The ground of a grid on the wire (GET /api/districts/:id/terrain, and the offline district pack): a 40-byte
// header then the bed elevation as float32 and the surface class as uint8, rows north to south. Pure: the server
// encodes, the browser decodes with the same code.
import { TwinError } from '../errors.ts';

/** 'RTT1' as a little-endian uint32. */
export const TERRAIN_MAGIC = 0x31545452;
export const TERRAIN_HEADER_BYTES = 40;

/** A decoded terrain message: the grid's placement and its ground. */
export interface TerrainMessage {
  nx: number;
  ny: number;
  /** Cell size (m) and the south-west corner in the district's local frame (m). */
  cellM: number;
  x0: number;
  y0: number;
  /** Bed elevation (m above the district's datum), flood walls included, rows north to south. */
  bedM: Float32Array;
  /** `SurfaceClass` code per cell (0 paved, 1 road, 2 roof, 3 green, 4 water). */
  surface: Uint8Array;
}

/**
 * Layout (little-endian): u32 magic 'RTT1', u32 nx, u32 ny, u32 reserved (0), f64 cellM, f64 x0, f64 y0; then
 * nx·ny float32 bed elevations (m); then nx·ny uint8 surface classes. 5 bytes a cell after the header.
 */
export function encodeTerrainMessage(t: TerrainMessage): Uint8Array {
  const cells = t.nx * t.ny;
  if (t.bedM.length !== cells || t.surface.length !== cells)
    throw new TwinError(`terrain has ${t.bedM.length} elevations and ${t.surface.length} surfaces for ${cells} cells`, {
      field: 'bedM',
    });
  const out = new Uint8Array(TERRAIN_HEADER_BYTES + cells * 5);
  const v = new DataView(out.buffer);
  v.setUint32(0, TERRAIN_MAGIC, true);
  v.setUint32(4, t.nx, true);
  v.setUint32(8, t.ny, true);
  v.setUint32(12, 0, true);
  v.setFloat64(16, t.cellM, true);
  v.setFloat64(24, t.x0, true);
  v.setFloat64(32, t.y0, true);
  for (let i = 0; i < cells; i++) v.setFloat32(TERRAIN_HEADER_BYTES + i * 4, t.bedM[i], true);
  out.set(t.surface, TERRAIN_HEADER_BYTES + cells * 4);
  return out;
}

/** Decodes a terrain message; throws TwinError naming what is wrong for anything else. */
export function decodeTerrainMessage(bytes: Uint8Array): TerrainMessage {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < TERRAIN_HEADER_BYTES || v.getUint32(0, true) !== TERRAIN_MAGIC)
    throw new TwinError('is not a rivertwin terrain (no RTT1 header)', { file: 'terrain message' });
  const nx = v.getUint32(4, true);
  const ny = v.getUint32(8, true);
  const cells = nx * ny;
  if (bytes.byteLength !== TERRAIN_HEADER_BYTES + cells * 5)
    throw new TwinError(
      `is ${bytes.byteLength} bytes, not the ${TERRAIN_HEADER_BYTES + cells * 5} a ${nx} × ${ny} grid needs`,
      { file: 'terrain message' },
      'download it again (it was cut short)',
    );
  const bedM = new Float32Array(cells);
  for (let i = 0; i < cells; i++) bedM[i] = v.getFloat32(TERRAIN_HEADER_BYTES + i * 4, true);
  const surface = bytes.slice(TERRAIN_HEADER_BYTES + cells * 4, TERRAIN_HEADER_BYTES + cells * 5);
  return {
    nx,
    ny,
    cellM: v.getFloat64(16, true),
    x0: v.getFloat64(24, true),
    y0: v.getFloat64(32, true),
    bedM,
    surface,
  };
}
