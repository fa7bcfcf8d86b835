// Footprint geometry for CityJSON buildings: the outline of a set of (often triangulated) surfaces found from the
// edges they do not share, rings sorted into outers and holes, and a convex hull for when no surface will do.
import type { PolygonXY, XY } from '../types.ts';

export { ringAreaM2 } from '../geometry/index.ts';
import { pointInRing, ringAreaM2 } from '../geometry/index.ts';

/**
 * The outline of a set of faces as rings of vertex indices. An edge used by two faces is interior and cancels;
 * the edges left (used an odd number of times) are chained into rings. `key` names a vertex by its position so
 * that duplicated vertices at one place still meet.
 * @param faces each face's outer and inner rings as vertex indices (not closed)
 */
export function outlineRings(faces: number[][][], key: (v: number) => string): number[][] {
  // 1. Count undirected edges by their end positions.
  const edges = new Map<string, { a: number; b: number; count: number }>();
  for (const face of faces) {
    for (const ring of face) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        const ka = key(a);
        const kb = key(b);
        if (ka === kb) continue;
        const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
        const e = edges.get(k);
        if (e) e.count++;
        else edges.set(k, { a, b, count: 1 });
      }
    }
  }
  // 2. Index the boundary edges (odd count) by each end.
  const byVertex = new Map<string, { a: number; b: number; used: boolean }[]>();
  const boundary: { a: number; b: number; used: boolean }[] = [];
  for (const e of edges.values()) {
    if (e.count % 2 === 0) continue;
    const edge = { a: e.a, b: e.b, used: false };
    boundary.push(edge);
    for (const v of [e.a, e.b]) {
      const list = byVertex.get(key(v));
      if (list) list.push(edge);
      else byVertex.set(key(v), [edge]);
    }
  }
  // 3. Walk unused edges into closed rings.
  const rings: number[][] = [];
  for (const start of boundary) {
    if (start.used) continue;
    start.used = true;
    const ring = [start.a];
    const startKey = key(start.a);
    let at = start.b;
    while (key(at) !== startKey) {
      ring.push(at);
      const next = byVertex.get(key(at))?.find((e) => !e.used);
      if (!next) break;
      next.used = true;
      at = key(next.a) === key(at) ? next.b : next.a;
    }
    if (ring.length >= 3 && key(at) === startKey) rings.push(ring);
  }
  return rings;
}

/**
 * Sorts closed rings into polygons: a ring inside an even number of larger rings is an outer ring, one inside an
 * odd number is a hole of the smallest outer that contains it.
 */
export function ringsToPolygons(rings: XY[][]): PolygonXY[] {
  const sorted = [...rings].sort((p, q) => Math.abs(ringAreaM2(q)) - Math.abs(ringAreaM2(p)));
  const polygons: PolygonXY[] = [];
  const placed: { ring: XY[]; polygon: PolygonXY | undefined }[] = [];
  for (const ring of sorted) {
    const probe = midpoint(ring[0], ring[1]);
    const containers = placed.filter((p) => pointInRing(probe, p.ring));
    if (containers.length % 2 === 0) {
      const polygon: PolygonXY = [ring];
      polygons.push(polygon);
      placed.push({ ring, polygon });
    } else {
      const host = [...containers].reverse().find((c) => c.polygon !== undefined);
      host?.polygon?.push(ring);
      placed.push({ ring, polygon: undefined });
    }
  }
  return polygons;
}

function midpoint(a: XY, b: XY): XY {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/** Convex hull of points (Andrew's monotone chain), as a closed counter-clockwise ring; undefined if degenerate. */
export function convexHullRing(points: XY[]): XY[] | undefined {
  const pts = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return undefined;
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (hull.length < 3) return undefined;
  return [...hull, hull[0]];
}
