// Measuring and cutting edge geometry by the fraction of its length: for routes and isochrones that start or end
// part-way along a road.
import type { XY } from '../../twin/types.ts';

/** Planar length (m) of a polyline in the local frame. */
export function polylineLengthM(coords: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    sum += Math.hypot(coords[i + 1][0] - coords[i][0], coords[i + 1][1] - coords[i][1]);
  }
  return sum;
}

/** The point `fraction` (0..1, clamped) of the way along `coords`. */
export function pointAlong(coords: readonly XY[], fraction: number): XY {
  return sliceOrPoint(coords, fraction, fraction)[0];
}

/** The piece of `coords` between two fractions of its length (from ≤ to, both clamped to 0..1), at least one point. */
export function slicePolyline(coords: readonly XY[], fromFraction: number, toFraction: number): XY[] {
  return sliceOrPoint(coords, fromFraction, toFraction);
}

function sliceOrPoint(coords: readonly XY[], fromFraction: number, toFraction: number): XY[] {
  if (coords.length === 0) return [];
  const total = polylineLengthM(coords);
  const from = clamp01(fromFraction) * total;
  const to = Math.max(from, clamp01(toFraction) * total);
  if (total === 0) return [[coords[0][0], coords[0][1]]];
  const out: XY[] = [];
  let walked = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    const [ax, ay] = coords[i];
    const [bx, by] = coords[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    const end = walked + len;
    const last = i + 2 === coords.length;
    if (out.length === 0 && from <= end && (from < end || last)) out.push(lerp(ax, ay, bx, by, len, from - walked));
    if (out.length > 0) {
      if (to <= end || last) {
        out.push(lerp(ax, ay, bx, by, len, Math.min(to, end) - walked));
        return out;
      }
      out.push([bx, by]);
    }
    walked = end;
  }
  return out;
}

function lerp(ax: number, ay: number, bx: number, by: number, len: number, d: number): XY {
  const t = len > 0 ? Math.min(1, Math.max(0, d / len)) : 0;
  return [ax + (bx - ax) * t, ay + (by - ay) * t];
}

function clamp01(f: number): number {
  return f < 0 ? 0 : f > 1 ? 1 : f;
}
