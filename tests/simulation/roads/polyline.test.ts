import { describe, expect, it } from 'vitest';
import { pointAlong, polylineLengthM, slicePolyline } from '../../../simulation/roads/index.ts';
import type { XY } from '../../../twin/types.ts';

const bend: XY[] = [
  [0, 0],
  [100, 0],
  [100, 100],
];

describe('polyline cutting', () => {
  it('measures and finds points by fraction of length', () => {
    expect(polylineLengthM(bend)).toBe(200);
    expect(pointAlong(bend, 0.25)).toEqual([50, 0]);
    expect(pointAlong(bend, 0.75)).toEqual([100, 50]);
    expect(pointAlong(bend, 2)).toEqual([100, 100]);
  });

  it('slices across vertices and keeps the bend', () => {
    expect(slicePolyline(bend, 0.25, 0.75)).toEqual([
      [50, 0],
      [100, 0],
      [100, 50],
    ]);
    expect(slicePolyline(bend, 0, 0.5)).toEqual([
      [0, 0],
      [100, 0],
    ]);
    expect(slicePolyline(bend, 0.5, 1)).toEqual([
      [100, 0],
      [100, 100],
    ]);
    expect(slicePolyline(bend, 0, 1)).toEqual(bend);
  });
});
