// Plane geometry the road graph needs in the local frame: distances, closest points and segment crossings.
import type { XY } from '../types.ts';

/** Euclidean distance in metres. */
export function dist(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export { lineLengthM } from '../geometry/index.ts';

/** Parameter t in [0, 1] of the point of segment a→b closest to p, and its distance from p (metres). */
export function closestOnSegment(p: XY, a: XY, b: XY): { t: number; distM: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return { t, distM: Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]) };
}

/**
 * Where segments p1→p2 and q1→q2 cross: parameters t (along p) and u (along q) in [0, 1], or undefined when they
 * do not meet or are parallel (collinear overlaps are not crossings).
 */
export function segmentCrossing(p1: XY, p2: XY, q1: XY, q2: XY): { t: number; u: number } | undefined {
  const rx = p2[0] - p1[0];
  const ry = p2[1] - p1[1];
  const sx = q2[0] - q1[0];
  const sy = q2[1] - q1[1];
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) <= 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return undefined;
  const qpx = q1[0] - p1[0];
  const qpy = q1[1] - p1[1];
  const t = (qpx * sy - qpy * sx) / denom;
  const u = (qpx * ry - qpy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  return { t, u };
}

/** The point at parameter t along a→b. */
export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}
