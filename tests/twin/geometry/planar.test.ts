// The twin's one plane geometry: turf's point-in-polygon (boundary counts as outside), shoelace area, Euclidean length.
import { describe, expect, it } from 'vitest';
import { lineLengthM, pointInRing, ringAreaM2 } from '../../../twin/geometry/index.ts';
import type { XY } from '../../../twin/types.ts';

const square: XY[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];

describe('planar geometry', () => {
  it('tests points against closed and unclosed rings, the boundary outside', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([5, 5], square.slice(0, 4))).toBe(true);
    expect(pointInRing([15, 5], square)).toBe(false);
    expect(pointInRing([10, 5], square)).toBe(false);
    expect(pointInRing([5, 5], square.slice(0, 2))).toBe(false);
  });

  it('gives signed areas (counter-clockwise positive) and lengths in metres', () => {
    expect(ringAreaM2(square)).toBe(100);
    expect(ringAreaM2([...square].reverse())).toBe(-100);
    expect(
      lineLengthM([
        [0, 0],
        [3, 4],
        [3, 10],
      ]),
    ).toBe(11);
  });
});
