// Nodes un-noded road lines: merges near-coincident vertices, snaps dangling ends onto the road they stop short of,
// and creates junctions where roads cross at grade, never where one is a bridge or tunnel or the layers differ.
import type { XY } from '../types.ts';
import { closestOnSegment, dist, lerp, segmentCrossing } from './geometry.ts';
import type { RoadLine } from './join-pieces.ts';
import { SpatialHash } from './spatial-hash.ts';

/** Lines as sequences of vertex ids into `positions`, with what noding changed. */
export interface NodedLines {
  /** Position of each vertex id in the local frame; only ids that appear in `lineVertices` matter. */
  positions: XY[];
  /** Per input line, its vertex ids in drawing order (empty when the line collapsed below the tolerance). */
  lineVertices: number[][];
  /** Distinct vertices that became junctions because two roads crossed at grade. */
  junctionsAdded: number;
  /** Vertices merged into a near-coincident vertex of another road. */
  verticesSnapped: number;
  /** Dangling road ends snapped onto a nearby road. */
  endsSnapped: number;
}

/** Bucket size of the segment hash, metres: about one urban road segment. */
const SEGMENT_CELL_M = 40;

const isGround = (l: RoadLine) => !l.segment.bridge && !l.segment.tunnel && l.segment.layer === 0;
const levelOf = (l: RoadLine) => `${l.segment.layer}|${l.segment.bridge ? 'b' : ''}|${l.segment.tunnel ? 't' : ''}`;

/**
 * Nodes the lines. Exactly shared positions are always one vertex (that is the source's own topology). Within
 * `snapToleranceM`: vertices of different roads merge when the roads are on the same level, or one is the end of
 * a bridge, tunnel or layered road (where it lands); a dangling end joins the nearest road on its level; at-grade
 * crossings (both roads neither bridge nor tunnel, same layer) get a junction vertex inserted in both.
 */
export function nodeLines(lines: readonly RoadLine[], snapToleranceM: number): NodedLines {
  const tol = snapToleranceM;
  // 1. Exact vertices: one id per distinct position, in order of first appearance.
  const positions: XY[] = [];
  const idOf = new Map<string, number>();
  const vertexLines: number[][] = [];
  const isEnd: number[] = [];
  const lineVertices = lines.map((line, li) =>
    line.coords.map((c, i) => {
      const key = `${c[0]},${c[1]}`;
      let v = idOf.get(key);
      if (v === undefined) {
        v = positions.length;
        idOf.set(key, v);
        positions.push(c);
        vertexLines.push([]);
        isEnd.push(0);
      }
      if (!vertexLines[v].includes(li)) vertexLines[v].push(li);
      if (i === 0 || i === line.coords.length - 1) isEnd[v] = 1;
      return v;
    }),
  );
  const parent: number[] = positions.map((_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const endOfRaisedRoad = (v: number) => isEnd[v] === 1 && vertexLines[v].some((li) => !isGround(lines[li]));
  const sameLevel = (a: number[], b: number[]) => a.some((x) => b.some((y) => levelOf(lines[x]) === levelOf(lines[y])));

  // 2. Near-coincident vertices: leader clustering (a vertex joins the nearest earlier leader within tolerance),
  //    so a chain of close vertices cannot drift further than the tolerance from its leader.
  let verticesSnapped = 0;
  if (tol > 0) {
    const leaders = new SpatialHash(Math.max(tol, 0.01));
    const clusterLines: number[][] = vertexLines.map((l) => [...l]);
    for (let v = 0; v < positions.length; v++) {
      const [x, y] = positions[v];
      let best = -1;
      let bestD = Infinity;
      for (const u of leaders.candidates(x - tol, y - tol, x + tol, y + tol)) {
        const d = dist(positions[u], positions[v]);
        if (d > tol || d >= bestD) continue;
        if (clusterLines[u].some((li) => vertexLines[v].includes(li))) continue;
        if (!sameLevel(clusterLines[u], vertexLines[v]) && !endOfRaisedRoad(u) && !endOfRaisedRoad(v)) continue;
        best = u;
        bestD = d;
      }
      if (best >= 0) {
        union(best, v);
        clusterLines[best].push(...vertexLines[v]);
        verticesSnapped++;
      } else leaders.insert(v, x, y, x, y);
    }
  }

  // 3. Segment index for the two searches below.
  const segLine: number[] = [];
  const segIndex: number[] = [];
  const segments = new SpatialHash(SEGMENT_CELL_M);
  lines.forEach((line, li) => {
    for (let i = 0; i + 1 < line.coords.length; i++) {
      const [ax, ay] = line.coords[i];
      const [bx, by] = line.coords[i + 1];
      segments.insert(segLine.length, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      segLine.push(li);
      segIndex.push(i);
    }
  });
  const inserts: { seg: number; t: number; v: number }[][] = lines.map(() => []);
  const junctions = new Set<number>();

  // 4. Dangling ends: an end used by one road only joins the nearest other road within tolerance on its level
  //    (or any road, for the end of a bridge, tunnel or layered road).
  let endsSnapped = 0;
  const uses = new Map<number, number>();
  for (const vs of lineVertices) for (const v of vs) uses.set(find(v), (uses.get(find(v)) ?? 0) + 1);
  lineVertices.forEach((vs, li) => {
    for (const v of vs.length > 1 ? [vs[0], vs[vs.length - 1]] : []) {
      if (uses.get(find(v)) !== 1) continue;
      const p = positions[find(v)];
      let best: { s: number; t: number; d: number } | undefined;
      for (const s of segments.candidates(p[0] - tol, p[1] - tol, p[0] + tol, p[1] + tol)) {
        const other = lines[segLine[s]];
        if (segLine[s] === li) continue;
        if (levelOf(other) !== levelOf(lines[li]) && isGround(lines[li])) continue;
        const c = other.coords;
        const { t, distM } = closestOnSegment(p, c[segIndex[s]], c[segIndex[s] + 1]);
        if (distM <= tol && (!best || distM < best.d)) best = { s, t, d: distM };
      }
      if (!best) continue;
      endsSnapped++;
      attach(v, best.s, best.t);
    }
  });

  /** Connects vertex `v` to segment `s` at parameter t: merges it with that segment's end vertex if near, else inserts it. */
  function attach(v: number, s: number, t: number): void {
    const li = segLine[s];
    const i = segIndex[s];
    const a = lineVertices[li][i];
    const b = lineVertices[li][i + 1];
    const p = positions[find(v)];
    if (dist(p, positions[find(a)]) <= tol) union(a, v);
    else if (dist(p, positions[find(b)]) <= tol) union(b, v);
    else inserts[li].push({ seg: i, t, v });
  }

  // 5. At-grade crossings: segment pairs of different roads, both neither bridge nor tunnel, on the same layer.
  const created = new SpatialHash(Math.max(tol, 0.01));
  for (let s = 0; s < segLine.length; s++) {
    const lp = lines[segLine[s]];
    if (lp.segment.bridge || lp.segment.tunnel) continue;
    const p1 = lp.coords[segIndex[s]];
    const p2 = lp.coords[segIndex[s] + 1];
    const cands = segments.candidates(
      Math.min(p1[0], p2[0]),
      Math.min(p1[1], p2[1]),
      Math.max(p1[0], p2[0]),
      Math.max(p1[1], p2[1]),
    );
    for (const q of cands) {
      if (q <= s || segLine[q] === segLine[s]) continue;
      const lq = lines[segLine[q]];
      if (lq.segment.bridge || lq.segment.tunnel || lq.segment.layer !== lp.segment.layer) continue;
      const q1 = lq.coords[segIndex[q]];
      const q2 = lq.coords[segIndex[q] + 1];
      const hit = segmentCrossing(p1, p2, q1, q2);
      if (!hit) continue;
      const x = lerp(p1, p2, hit.t);
      const pa = lineVertices[segLine[s]][segIndex[s] + (hit.t < 0.5 ? 0 : 1)];
      const qb = lineVertices[segLine[q]][segIndex[q] + (hit.u < 0.5 ? 0 : 1)];
      const nearP = dist(x, positions[find(pa)]) <= tol;
      const nearQ = dist(x, positions[find(qb)]) <= tol;
      if (nearP && nearQ) {
        if (find(pa) === find(qb)) continue;
        union(pa, qb);
        junctions.add(pa);
      } else if (nearP) {
        attach(pa, q, hit.u);
        junctions.add(pa);
      } else if (nearQ) {
        attach(qb, s, hit.t);
        junctions.add(qb);
      } else {
        // Several roads crossing at one spot make one junction, not a cluster of them centimetres apart.
        let v = created
          .candidates(x[0] - tol, x[1] - tol, x[0] + tol, x[1] + tol)
          .find((w) => dist(positions[w], x) <= tol);
        if (v === undefined) {
          v = positions.length;
          positions.push(x);
          parent.push(v);
          created.insert(v, x[0], x[1], x[0], x[1]);
        }
        inserts[segLine[s]].push({ seg: segIndex[s], t: hit.t, v });
        inserts[segLine[q]].push({ seg: segIndex[q], t: hit.u, v });
        junctions.add(v);
      }
    }
  }

  // 6. Final vertex sequences: inserted vertices in order along each segment, ids resolved, repeats dropped.
  const out = lineVertices.map((vs, li) => {
    const ins = inserts[li].sort((a, b) => a.seg - b.seg || a.t - b.t);
    const seq: number[] = [];
    let k = 0;
    const push = (v: number) => {
      const r = find(v);
      if (seq[seq.length - 1] !== r) seq.push(r);
    };
    for (let i = 0; i < vs.length; i++) {
      push(vs[i]);
      while (k < ins.length && ins[k].seg === i) push(ins[k++].v);
    }
    return seq.length >= 2 ? seq : [];
  });
  const junctionRoots = new Set([...junctions].map(find));
  return {
    positions,
    lineVertices: out,
    junctionsAdded: junctionRoots.size,
    verticesSnapped,
    endsSnapped,
  };
}
