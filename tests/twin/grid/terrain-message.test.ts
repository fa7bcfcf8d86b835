// The RTT1 terrain message: a round trip keeps every elevation and surface exactly; a cut or foreign message fails
// with a message saying what it is.
import { describe, expect, it } from 'vitest';
import { decodeTerrainMessage, encodeTerrainMessage } from '../../../twin/grid/index.ts';

const t = {
  nx: 3,
  ny: 2,
  cellM: 5,
  x0: -12.5,
  y0: 40,
  bedM: Float32Array.from([1.5, -2.25, 3, 4.125, 5, 1e-3]),
  surface: Uint8Array.from([0, 1, 2, 3, 4, 0]),
};

describe('terrain message', () => {
  it('round-trips the grid placement, elevations and surfaces', () => {
    const bytes = encodeTerrainMessage(t);
    expect(bytes.byteLength).toBe(40 + 6 * 5);
    const back = decodeTerrainMessage(bytes);
    expect([back.nx, back.ny, back.cellM, back.x0, back.y0]).toEqual([3, 2, 5, -12.5, 40]);
    expect([...back.bedM]).toEqual([...t.bedM]);
    expect([...back.surface]).toEqual([...t.surface]);
  });

  it('decodes from an offset view (a slice of a larger buffer)', () => {
    const bytes = encodeTerrainMessage(t);
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    expect([...decodeTerrainMessage(big.subarray(3)).bedM]).toEqual([...t.bedM]);
  });

  it('refuses a foreign or truncated message, and mismatched arrays', () => {
    expect(() => decodeTerrainMessage(new Uint8Array(64))).toThrow(/no RTT1 header/);
    expect(() => decodeTerrainMessage(encodeTerrainMessage(t).subarray(0, 60))).toThrow(/cut short/);
    expect(() => encodeTerrainMessage({ ...t, surface: new Uint8Array(2) })).toThrow(/2 surfaces for 6 cells/);
  });
});
