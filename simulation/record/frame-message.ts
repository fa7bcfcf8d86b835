// A depth frame on the wire (WebSocket binary message or GET …/frames body): a 24-byte header, then the record's own
// gzip-compressed uint16 millimetre chunk, so a frame is encoded once when the run writes it and sent as it is.
// Pure: the server encodes, the browser decodes with the same code.
import { SimulationError } from '../errors.ts';
import { decodeFrame, FRAME_NODATA } from './zarr-frames.ts';

/** 'RTF1' as a little-endian uint32. */
export const FRAME_MAGIC = 0x31465452;
export const FRAME_HEADER_BYTES = 24;

/** A decoded frame message. */
export interface FrameMessage {
  step: number;
  tS: number;
  nx: number;
  ny: number;
  /** Depth in mm, rows north to south; FRAME_NODATA where not written. */
  depthMm: Uint16Array;
}

/** Header + the gzip chunk, as one buffer. */
export function encodeFrameMessage(step: number, tS: number, nx: number, ny: number, gzChunk: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + gzChunk.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, FRAME_MAGIC, true);
  v.setUint32(4, step, true);
  v.setFloat64(8, tS, true);
  v.setUint32(16, nx, true);
  v.setUint32(20, ny, true);
  out.set(gzChunk, FRAME_HEADER_BYTES);
  return out;
}

/** Decodes a frame message; throws SimulationError for anything else. */
export function decodeFrameMessage(bytes: Uint8Array): FrameMessage {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < FRAME_HEADER_BYTES || v.getUint32(0, true) !== FRAME_MAGIC)
    throw new SimulationError('is not a rivertwin frame (no RTF1 header)', { input: 'frame message' });
  const nx = v.getUint32(16, true);
  const ny = v.getUint32(20, true);
  const depthMm = decodeFrame(bytes.subarray(FRAME_HEADER_BYTES), nx * ny, 'frame message');
  return { step: v.getUint32(4, true), tS: v.getFloat64(8, true), nx, ny, depthMm };
}

/** Depth (m) of one cell of a decoded frame; NaN where not written. */
export function frameDepthM(frame: FrameMessage, row: number, col: number): number {
  const mm = frame.depthMm[row * frame.nx + col];
  return mm === FRAME_NODATA ? NaN : mm / 1000;
}
