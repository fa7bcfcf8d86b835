// Roads cut by the data's edge: a street that leaves the district (or runs into a declared gap in the source data)
// goes on in the real city. Its cut end is joined to its neighbours along the boundary by virtual edges that stand
// for the outside network, so a one-way street out of the district is not a trap and routing sees real detours.
import type { XY } from '../types.ts';
import { lineLengthM } from './geometry.ts';
import type { RoadEdgeAttributes, RoadGraph } from './types.ts';

/** A closed boundary ring in local metres: the data's extent, or a gap inside it with no road data. */
export interface DataBoundary {
  kind: 'extent' | 'gap';
  /** Closed ring (first point repeated last). */
  ring: XY[];
  /** Why the gap has no data, for reports. */
  reason?: string;
}

/** How the outside network is modelled. */
export interface BoundaryOptions {
  /** A road end within this distance of a boundary counts as cut by it. Default 30 m. */
  bufferM?: number;
  /** Outside path length = distance along the boundary × this factor. Default 1.4 (a typical urban detour index). */
  detourFactor?: number;
  /** Speed on the outside network. Default 30 km/h (a typical mean urban arterial speed). */
  speedKmh?: number;
}

/** Where point p projects on the ring: distance from p, and position along the ring's perimeter. */
function projectOnRing(p: XY, ring: readonly XY[]): { d: number; s: number } {
  let best = { d: Infinity, s: 0 };
  let s0 = 0;
  for (let k = 0; k + 1 < ring.length; k++) {
    const [ax, ay] = ring[k];
    const [bx, by] = ring[k + 1];
    const len = Math.hypot(bx - ax, by - ay);
    const t = len > 0 ? Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / (len * len))) : 0;
    const d = Math.hypot(ax + (bx - ax) * t - p[0], ay + (by - ay) * t - p[1]);
    if (d < best.d) best = { d, s: s0 + t * len };
    s0 += len;
  }
  return best;
}

/**
 * Joins road ends that lie on a boundary to their neighbours along it, both ways, by virtual edges.
 * Deterministic: ends are taken in order of position along each ring, then node key.
 * @returns the number of boundary ends joined and of virtual edges added
 */
export function connectBoundaryEnds(
  graph: RoadGraph,
  boundaries: readonly DataBoundary[],
  opts: BoundaryOptions = {},
): { ends: number; edges: number } {
  const bufferM = opts.bufferM ?? 30;
  const detour = opts.detourFactor ?? 1.4;
  const speedKmh = opts.speedKmh ?? 30;
  // Road ends: nodes with one neighbour (a dead end, one-way or not).
  const ends = graph.filterNodes((n) => graph.neighbors(n).length === 1);
  let endCount = 0;
  let edgeCount = 0;
  boundaries.forEach((b, bi) => {
    const perimeter = lineLengthM(b.ring);
    const onRing = ends
      .map((n) => {
        const a = graph.getNodeAttributes(n);
        return { n, xy: [a.x, a.y] as XY, ...projectOnRing([a.x, a.y], b.ring) };
      })
      .filter((e) => e.d <= bufferM)
      .sort((p, q) => p.s - q.s || (p.n < q.n ? -1 : 1));
    endCount += onRing.length;
    if (onRing.length < 2) return;
    const pairs = onRing.length === 2 ? 1 : onRing.length;
    for (let k = 0; k < pairs; k++) {
      const p = onRing[k];
      const q = onRing[(k + 1) % onRing.length];
      const along = (((q.s - p.s) % perimeter) + perimeter) % perimeter;
      const lengthM = (p.d + Math.min(along, perimeter - along) + q.d) * detour;
      for (const [src, tgt, dir] of [
        [p, q, 'f'],
        [q, p, 'r'],
      ] as const) {
        if (graph.hasDirectedEdge(src.n, tgt.n)) continue;
        const attrs: RoadEdgeAttributes = {
          segmentId: `virtual:${b.kind}:${bi}`,
          lengthM,
          roadClass: 'other',
          highway: 'virtual',
          freeSpeedKmh: speedKmh,
          oneway: false,
          bridge: false,
          tunnel: false,
          coords: [src.xy, tgt.xy],
          cells: new Int32Array(0),
          virtual: true,
        };
        graph.addDirectedEdgeWithKey(`virtual:${bi}/${k}/${dir}`, src.n, tgt.n, attrs);
        edgeCount++;
      }
    }
  });
  return { ends: endCount, edges: edgeCount };
}

/** A rectangle ring around an extent, grown by `padM`. */
export function extentRing(e: { minX: number; minY: number; maxX: number; maxY: number }, padM = 0): XY[] {
  const [x0, y0, x1, y1] = [e.minX - padM, e.minY - padM, e.maxX + padM, e.maxY + padM];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}
