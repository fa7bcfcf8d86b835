// Plane geometry in the local metric frame, one implementation each: point in ring (turf), ring area and line length.
// turf's area and length are geodesic (they read coordinates as degrees), so in metres the twin keeps the plain
// shoelace and Euclidean sums here; its point-in-polygon is planar and is used as it is.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { XY } from '../types.ts';

/**
 * True when `p` lies strictly inside the closed ring (a point on its boundary is outside), by turf's
 * boolean-point-in-polygon. An unclosed ring is closed first.
 */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  if (ring.length < 3) return false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = first[0] === last[0] && first[1] === last[1] ? (ring as XY[]) : [...ring, first];
  return booleanPointInPolygon(p, { type: 'Polygon', coordinates: [closed] }, { ignoreBoundary: true });
}

/** Signed area of a ring (closed or not), square metres: positive when counter-clockwise (shoelace). */
export function ringAreaM2(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

/** Length of a polyline, metres. */
export function lineLengthM(coords: readonly XY[]): number {
  let len = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    len += Math.hypot(coords[i + 1][0] - coords[i][0], coords[i + 1][1] - coords[i][1]);
  }
  return len;
}
