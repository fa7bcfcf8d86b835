// Depth frames as Zarr v3, read back by an independent reader (zarrita) as a hydrologist's tool would.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileSystemStore } from '@zarrita/storage';
import * as zarr from 'zarrita';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameChunkPath, zarrStoreFiles } from '../../../simulation/record/index.ts';

const grid = { nx: 5, ny: 3, cellM: 10, x0: -25, y0: -15, crsWkt: 'PROJCS["local"]', proj4: '+proj=tmerc' };

function writeStore(frames: number[][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'zarr-'));
  const put = (path: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  for (const [p, b] of zarrStoreFiles(grid, [0, 60, 120])) put(p, b);
  const scratch = new Uint16Array(15);
  frames.forEach((f, k) => put(frameChunkPath(k), encodeFrame(f, scratch)));
  return dir;
}

describe('Zarr v3 depth frames', () => {
  it('opens in zarrita with shape, dtype, coordinates and millimetre values', async () => {
    const depth1 = Array.from({ length: 15 }, (_, i) => (i === 7 ? 0.1234 : i === 0 ? 70 : 0));
    const dir = writeStore([new Array(15).fill(0), depth1]);
    const store = new FileSystemStore(dir);
    const arr = await zarr.open(zarr.root(store).resolve('depth'), { kind: 'array' });
    expect(arr.shape).toEqual([3, 3, 5]);
    expect(arr.dtype).toBe('uint16');
    const chunk = (await zarr.get(arr, [1, null, null])).data as Uint16Array;
    expect(chunk[7]).toBe(123);
    expect(chunk[0]).toBe(65534);
    // A frame never written reads as the fill value, not as dry ground.
    const missing = (await zarr.get(arr, [2, null, null])).data as Uint16Array;
    expect(missing[3]).toBe(65535);
    const time = await zarr.open(zarr.root(store).resolve('time'), { kind: 'array' });
    expect([...(await zarr.get(time)).data]).toEqual([0, 60, 120]);
    const x = await zarr.open(zarr.root(store).resolve('x'), { kind: 'array' });
    expect([...(await zarr.get(x)).data]).toEqual([-20, -10, 0, 10, 20]);
    const y = await zarr.open(zarr.root(store).resolve('y'), { kind: 'array' });
    expect([...(await zarr.get(y)).data]).toEqual([10, 0, -10]);
    expect((arr.attrs as { crs_wkt: string }).crs_wkt).toBe('PROJCS["local"]');
  });

  it('decodes its own chunks and refuses damaged ones', () => {
    const scratch = new Uint16Array(15);
    const bytes = encodeFrame(new Array(15).fill(0.002), scratch);
    expect([...decodeFrame(bytes, 15)]).toEqual(new Array(15).fill(2));
    expect(() => decodeFrame(bytes, 16)).toThrow(/has 15 cells, the grid 16/);
    expect(() => decodeFrame(bytes.subarray(0, 4), 15)).toThrow(/not a gzip chunk/);
  });
});
