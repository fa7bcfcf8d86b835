// Cell-set tools for the modelled layers: 4-connected labelling on a grid, and tracing a cell set's outline
// into polygon rings (outer rings counter-clockwise, holes clockwise), in local metres.
import type { GridSpec } from '../grid/grid-spec.ts';
import { pointInRing, ringAreaM2 } from '../geometry/index.ts';
import type { PolygonXY, XY } from '../types.ts';

/** Signed area of a closed ring, m² (positive counter-clockwise); kept under this name for twin/modelled's callers. */
export const ringArea = ringAreaM2;
export { pointInRing };

/**
 * Labels 4-connected components of cells where `inside[i]` is non-zero and `key[i]` is equal.
 * Returns labels (−1 outside) numbered in order of their first cell (row-major), and their sizes.
 */
export function labelComponents(
  spec: GridSpec,
  inside: Uint8Array,
  key?: Int32Array,
): { labels: Int32Array; sizes: number[] } {
  const { nx, ny } = spec;
  const labels = new Int32Array(nx * ny).fill(-1);
  const queue = new Int32Array(nx * ny);
  const sizes: number[] = [];
  for (let start = 0; start < nx * ny; start++) {
    if (!inside[start] || labels[start] >= 0) continue;
    const id = sizes.length;
    const k = key ? key[start] : 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = id;
    while (head < tail) {
      const c = queue[head++];
      const col = c % nx;
      const row = (c - col) / nx;
      for (let d = 0; d < 4; d++) {
        const nc =
          d === 0
            ? col > 0
              ? c - 1
              : -1
            : d === 1
              ? col < nx - 1
                ? c + 1
                : -1
              : d === 2
                ? row > 0
                  ? c - nx
                  : -1
                : row < ny - 1
                  ? c + nx
                  : -1;
        if (nc < 0 || !inside[nc] || labels[nc] >= 0 || (key && key[nc] !== k)) continue;
        labels[nc] = id;
        queue[tail++] = nc;
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

/**
 * Traces the outline of the cells where `labels[i] === label` into polygons (outer ring first, then its holes).
 * Diagonal contacts are kept apart (4-connectivity), collinear vertices removed.
 */
export function traceOutline(spec: GridSpec, labels: Int32Array, label: number): PolygonXY[] {
  const { nx, ny, cellM, x0, y0 } = spec;
  const W = nx + 1;
  // 1. Directed boundary edges with the cells on their left, on the vertex lattice (i east, j north from the SW corner).
  const next = new Map<number, number[]>();
  const add = (a: number, b: number) => {
    const l = next.get(a);
    if (l) l.push(b);
    else next.set(a, [b]);
  };
  const at = (col: number, row: number) =>
    col >= 0 && col < nx && row >= 0 && row < ny && labels[row * nx + col] === label;
  for (let row = 0; row < ny; row++) {
    const j = ny - 1 - row;
    for (let col = 0; col < nx; col++) {
      if (labels[row * nx + col] !== label) continue;
      const v = (i: number, jj: number) => jj * W + i;
      if (!at(col, row + 1)) add(v(col, j), v(col + 1, j)); // south side, eastward
      if (!at(col + 1, row)) add(v(col + 1, j), v(col + 1, j + 1)); // east side, northward
      if (!at(col, row - 1)) add(v(col + 1, j + 1), v(col, j + 1)); // north side, westward
      if (!at(col - 1, row)) add(v(col, j + 1), v(col, j)); // west side, southward
    }
  }
  // 2. Link edges into rings, turning left at a vertex with two ways out.
  const rings: number[][] = [];
  const starts = [...next.keys()].sort((a, b) => a - b);
  for (const s of starts) {
    while ((next.get(s)?.length ?? 0) > 0) {
      const ring = [s];
      let prev = s;
      let cur = next.get(s)!.shift()!;
      while (cur !== s) {
        ring.push(cur);
        const outs = next.get(cur)!;
        let pick = 0;
        if (outs.length > 1) {
          const dx = (cur % W) - (prev % W);
          const dy = Math.floor(cur / W) - Math.floor(prev / W);
          // Left of (dx, dy) is (−dy, dx).
          pick = Math.max(
            0,
            outs.findIndex((o) => (o % W) - (cur % W) === -dy && Math.floor(o / W) - Math.floor(cur / W) === dx),
          );
        }
        prev = cur;
        cur = outs.splice(pick, 1)[0];
      }
      rings.push(ring);
    }
  }
  // 3. To metres, drop collinear vertices, close; sort outer rings and put each hole in its outer ring.
  const toXY = (v: number): XY => [x0 + (v % W) * cellM, y0 + Math.floor(v / W) * cellM];
  const outers: XY[][] = [];
  const holes: XY[][] = [];
  for (const ring of rings) {
    const pts = ring.map(toXY);
    const simple = pts.filter((p, k) => {
      const a = pts[(k - 1 + pts.length) % pts.length];
      const b = pts[(k + 1) % pts.length];
      return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]) !== 0;
    });
    simple.push([simple[0][0], simple[0][1]]);
    (ringAreaM2(simple) > 0 ? outers : holes).push(simple);
  }
  const polys: PolygonXY[] = outers.map((o) => [o]);
  for (const h of holes) {
    const host = polys.find((p) => pointInRing(h[0], p[0]) || pointInRing(midpoint(h), p[0]));
    if (host) host.push(h);
  }
  return polys;
}

function midpoint(r: XY[]): XY {
  return [(r[0][0] + r[1][0]) / 2, (r[0][1] + r[1][1]) / 2];
}
