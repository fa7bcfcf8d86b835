// Rejoins road pieces that tile clipping split off one OSM way: pieces of the same source id whose end meets the
// next piece's start within the snap tolerance become one line again, so the cut leaves no false dead end.
import { sourceIdOf } from '../io/roads-geojson.ts';
import type { RoadSegment, XY } from '../types.ts';
import { dist } from './geometry.ts';

/** A drivable road line after joining: the segment it takes its attributes from, and its geometry. */
export interface RoadLine {
  /** The source id when all pieces of a way joined into this line, else the id of its first piece. */
  id: string;
  segment: RoadSegment;
  coords: XY[];
}

/** Two pieces may join only if they describe the same road the same way. */
function sameRoad(a: RoadSegment, b: RoadSegment): boolean {
  return (
    a.highway === b.highway &&
    a.oneway === b.oneway &&
    a.bridge === b.bridge &&
    a.tunnel === b.tunnel &&
    a.layer === b.layer &&
    a.maxSpeedKmh === b.maxSpeedKmh
  );
}

/**
 * Joins pieces of the same source way end to start (drawing order, which tile clipping keeps), nearest start first,
 * when the gap is at most `snapToleranceM`. Lines come out in the order of their first piece.
 * @returns the lines and how many joins were made
 */
export function joinPieces(
  segments: readonly RoadSegment[],
  snapToleranceM: number,
): { lines: RoadLine[]; joins: number } {
  // 1. Group pieces by source id, in input order.
  const groups = new Map<string, number[]>();
  segments.forEach((s, i) => {
    const k = sourceIdOf(s.id);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  // 2. For each piece, its successor: the same-way piece whose start is nearest its end, within tolerance.
  const next = new Int32Array(segments.length).fill(-1);
  const prev = new Int32Array(segments.length).fill(-1);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const pairs: [number, number, number][] = [];
    for (const a of members) {
      const end = segments[a].coords[segments[a].coords.length - 1];
      for (const b of members) {
        if (b === a || !sameRoad(segments[a], segments[b])) continue;
        const d = dist(end, segments[b].coords[0]);
        if (d <= snapToleranceM) pairs.push([d, a, b]);
      }
    }
    // Closest gaps first, then input order: deterministic and never two successors for one piece.
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    for (const [, a, b] of pairs) {
      if (next[a] >= 0 || prev[b] >= 0) continue;
      next[a] = b;
      prev[b] = a;
    }
  }
  // 3. Walk chains from their first piece; a ring (every piece has a predecessor) starts at its first input piece.
  const used = new Uint8Array(segments.length);
  const lines: RoadLine[] = [];
  let joins = 0;
  const chainFrom = (start: number): void => {
    const coords: XY[] = [...segments[start].coords];
    const ids = [start];
    used[start] = 1;
    let p = next[start];
    while (p >= 0 && p !== start && !used[p]) {
      // The gap is within tolerance: the next piece continues from this one's end (its own start is dropped).
      coords.push(...segments[p].coords.slice(1));
      used[p] = 1;
      ids.push(p);
      joins++;
      p = next[p];
    }
    if (p === start) {
      coords[coords.length - 1] = coords[0];
      joins++;
    }
    const first = segments[start];
    const group = groups.get(sourceIdOf(first.id)) ?? [];
    const id = ids.length === group.length && ids.length > 1 ? sourceIdOf(first.id) : first.id;
    lines.push({ id, segment: first, coords });
  };
  segments.forEach((_, i) => {
    if (!used[i] && prev[i] < 0) chainFrom(i);
  });
  segments.forEach((_, i) => {
    if (!used[i]) chainFrom(i);
  });
  return { lines, joins };
}
