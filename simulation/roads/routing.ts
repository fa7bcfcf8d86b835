// Shortest-time routing on the flood-aware network: Dijkstra over the CSR with an indexed typed heap and scratch
// arrays reused across queries (generation stamps, no clearing, no allocation per relaxation). Closed edges
// (travel time Infinity) are never relaxed, so an unreachable target is reported as such, never as a path.
import type { XY } from '../../twin/types.ts';
import { IndexedMinHeap } from './heap.ts';
import { slicePolyline } from './polyline.ts';
import { checkLocation, positionOnEdge, sameStreetTimeS, type RoadLocation } from './road-location.ts';
import type { FloodAwareNetwork } from './travel-time.ts';

/** Part of one edge driven by a route or reached by an isochrone, as fractions of the edge from its source. */
export interface EdgePiece {
  edge: number;
  fromFraction: number;
  toFraction: number;
}

/** A route that exists. */
export interface FoundRoute {
  reachable: true;
  /** Travel time (s) at the current flood state. */
  timeS: number;
  lengthM: number;
  /** Edges driven in order; the first and last may be partial. Empty when origin and destination coincide. */
  pieces: EdgePiece[];
  /** Junctions passed, in order (node indices), including the start/end node when at a node. */
  nodes: number[];
  edgeKeys: string[];
  nodeIds: string[];
  /** The route's line in the local frame (m). */
  coords: XY[];
}

/** No open road leads there: an answer, not an error. */
export interface NoRoute {
  reachable: false;
  reason: string;
}

export type Route = FoundRoute | NoRoute;

/** The junction a location is at, counting the very ends of an edge as its nodes; -1 if strictly inside an edge. */
export function locationNode(net: FloodAwareNetwork, loc: RoadLocation): number {
  if (loc.node >= 0) return loc.node;
  if (loc.fraction <= 0) return net.csr.edgeSource[loc.edge];
  if (loc.fraction >= 1) return net.csr.edgeTarget[loc.edge];
  return -1;
}

/** Dijkstra engine with reusable scratch for one network. Not re-entrant: one query at a time per finder. */
export class RouteFinder {
  readonly net: FloodAwareNetwork;
  /** Tentative or final time (s) to each node, valid where reachedGen === gen. */
  private readonly dist: Float64Array;
  private readonly predEdge: Int32Array;
  /** For a search tree's root: the partial edge from the origin into it (-1 if the origin is the node). */
  private readonly rootEdge: Int32Array;
  /** Index (into the search's origins) of the origin each node was reached from. */
  private readonly originOf: Int32Array;
  private readonly reachedGen: Uint32Array;
  private readonly settledGen: Uint32Array;
  private readonly neededGen: Uint32Array;
  private readonly heap: IndexedMinHeap;
  private gen = 0;
  private times: Float64Array;
  private origins: readonly RoadLocation[] = [];

  constructor(net: FloodAwareNetwork) {
    this.net = net;
    const n = net.csr.nodeCount;
    this.dist = new Float64Array(n);
    this.predEdge = new Int32Array(n);
    this.rootEdge = new Int32Array(n);
    this.originOf = new Int32Array(n);
    this.reachedGen = new Uint32Array(n);
    this.settledGen = new Uint32Array(n);
    this.neededGen = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
    this.times = net.travelTimeS[0];
  }

  /**
   * Runs Dijkstra for class `vehicle` from every origin at once (multi-source). Stops when the cheapest open node is
   * beyond `limitS`, or once every node in `needed` is settled. Read results with nodeTimeS / arrivalS / route.
   * An origin part-way along an edge that is closed both ways is stranded: water anywhere on the edge blocks it.
   */
  search(
    vehicle: string | number,
    origins: readonly RoadLocation[],
    limitS = Infinity,
    needed?: ArrayLike<number>,
  ): void {
    const { csr } = this.net;
    origins.forEach((o, i) => checkLocation(csr, o, `origin ${i}`));
    this.times = this.net.travelTimeS[this.net.classIndex(vehicle)];
    this.origins = origins;
    if (++this.gen === 0xffffffff) this.resetStamps();
    const gen = this.gen;
    this.heap.clear();
    // 1. Count the distinct needed nodes for the early exit.
    let remaining = -1;
    if (needed) {
      remaining = 0;
      for (let i = 0; i < needed.length; i++) {
        const v = needed[i];
        if (v >= 0 && this.neededGen[v] !== gen) {
          this.neededGen[v] = gen;
          remaining++;
        }
      }
      if (remaining === 0) return;
    }
    // 2. Seed: a node origin at 0; an edge origin at both ends it can drive to.
    const times = this.times;
    for (let k = 0; k < origins.length; k++) {
      const o = origins[k];
      const node = locationNode(this.net, o);
      if (node >= 0) {
        this.seed(node, 0, -1, k);
        continue;
      }
      const tFwd = times[o.edge];
      if (tFwd < Infinity) this.seed(csr.edgeTarget[o.edge], (1 - o.fraction) * tFwd, o.edge, k);
      const twin = csr.edgeTwin[o.edge];
      if (twin >= 0 && times[twin] < Infinity) this.seed(csr.edgeSource[o.edge], o.fraction * times[twin], twin, k);
    }
    // 3. Settle in order of time, relaxing open out-edges only.
    const { outStart, edgeTarget } = csr;
    const { dist, predEdge, originOf, rootEdge, reachedGen, settledGen, neededGen, heap } = this;
    while (heap.size > 0) {
      if (heap.peekKey() > limitS) break;
      const u = heap.pop();
      settledGen[u] = gen;
      if (remaining > 0 && neededGen[u] === gen && --remaining === 0) break;
      const du = dist[u];
      for (let e = outStart[u]; e < outStart[u + 1]; e++) {
        const t = times[e];
        if (!(t < Infinity)) continue;
        const v = edgeTarget[e];
        if (settledGen[v] === gen) continue;
        const dv = du + t;
        if (reachedGen[v] !== gen || dv < dist[v]) {
          reachedGen[v] = gen;
          dist[v] = dv;
          predEdge[v] = e;
          rootEdge[v] = -1;
          originOf[v] = originOf[u];
          heap.push(v, dv);
        }
      }
    }
  }

  /** Time (s) to node `node` from the last search, Infinity if not settled (unreachable, beyond the limit, or not needed). */
  nodeTimeS(node: number): number {
    return this.settledGen[node] === this.gen ? this.dist[node] : Infinity;
  }

  /** Which origin (index) the last search reached node `node` from, -1 if not settled. */
  nodeOrigin(node: number): number {
    return this.settledGen[node] === this.gen ? this.originOf[node] : -1;
  }

  /** Time (s) from the last search's origins to `loc` (an edge point is entered from either end). Infinity if unreachable. */
  arrivalS(loc: RoadLocation): number {
    return this.bestArrival(loc).timeS;
  }

  /** Which of the last search's origins reaches `loc` first (index), -1 if none does. */
  arrivalOrigin(loc: RoadLocation): number {
    const best = this.bestArrival(loc);
    if (!(best.timeS < Infinity)) return -1;
    return best.direct >= 0 ? best.direct : this.originOf[best.via];
  }

  /** The shortest-time route for class `vehicle`; `{ reachable: false }` if every way is closed or missing. */
  route(vehicle: string | number, from: RoadLocation, to: RoadLocation): Route {
    checkLocation(this.net.csr, to, 'destination');
    const toNode = locationNode(this.net, to);
    const needed =
      toNode >= 0 ? [toNode] : [this.net.csr.edgeSource[to.edge], this.net.csr.edgeSource[this.twinOr(to.edge)]];
    this.search(vehicle, [from], Infinity, needed);
    const best = this.bestArrival(to);
    if (!(best.timeS < Infinity)) {
      return {
        reachable: false,
        reason: 'no open road leads from the origin to the destination for this vehicle class',
      };
    }
    return this.buildRoute(from, to, best);
  }

  private twinOr(edge: number): number {
    const twin = this.net.csr.edgeTwin[edge];
    return twin >= 0 ? twin : edge;
  }

  /** The best way into `loc`: through node `via` then `lastEdge` (or -1 = end at via), or directly along the street. */
  private bestArrival(loc: RoadLocation): { timeS: number; via: number; lastEdge: number; direct: number } {
    const { csr } = this.net;
    const times = this.times;
    let best = { timeS: Infinity, via: -1, lastEdge: -1, direct: -1 };
    const node = locationNode(this.net, loc);
    if (node >= 0) {
      best = { timeS: this.nodeTimeS(node), via: node, lastEdge: -1, direct: -1 };
    } else {
      const fwd = this.nodeTimeS(csr.edgeSource[loc.edge]) + loc.fraction * times[loc.edge];
      if (fwd < best.timeS) best = { timeS: fwd, via: csr.edgeSource[loc.edge], lastEdge: loc.edge, direct: -1 };
      const twin = csr.edgeTwin[loc.edge];
      if (twin >= 0) {
        const back = this.nodeTimeS(csr.edgeSource[twin]) + (1 - loc.fraction) * times[twin];
        if (back < best.timeS) best = { timeS: back, via: csr.edgeSource[twin], lastEdge: twin, direct: -1 };
      }
    }
    for (let k = 0; k < this.origins.length; k++) {
      const t = sameStreetTimeS(csr, times, this.origins[k], loc);
      if (t < best.timeS) best = { timeS: t, via: -1, lastEdge: -1, direct: k };
    }
    return best;
  }

  private buildRoute(
    from: RoadLocation,
    to: RoadLocation,
    best: { timeS: number; via: number; lastEdge: number; direct: number },
  ): FoundRoute {
    const { csr } = this.net;
    const pieces: EdgePiece[] = [];
    const nodes: number[] = [];
    if (best.direct >= 0) {
      // Both on one street: a single piece along whichever direction was faster.
      const p = positionOnEdge(csr, to, from.edge);
      const edge = p >= from.fraction ? from.edge : csr.edgeTwin[from.edge];
      const a = edge === from.edge ? from.fraction : 1 - from.fraction;
      const b = edge === from.edge ? p : 1 - p;
      if (b > a) pieces.push({ edge, fromFraction: a, toFraction: b });
    } else {
      // Walk back the tree from the node before the destination to the root.
      for (let v = best.via; ;) {
        nodes.push(v);
        const e = this.predEdge[v];
        if (e < 0) break;
        pieces.push({ edge: e, fromFraction: 0, toFraction: 1 });
        v = csr.edgeSource[e];
      }
      const root = nodes[nodes.length - 1];
      const rootEdge = this.rootEdge[root];
      if (rootEdge >= 0)
        pieces.push({ edge: rootEdge, fromFraction: positionOnEdge(csr, from, rootEdge), toFraction: 1 });
      pieces.reverse();
      nodes.reverse();
      if (best.lastEdge >= 0)
        pieces.push({ edge: best.lastEdge, fromFraction: 0, toFraction: positionOnEdge(csr, to, best.lastEdge) });
    }
    let lengthM = 0;
    const coords: XY[] = [];
    for (const piece of pieces) {
      lengthM += (piece.toFraction - piece.fromFraction) * csr.edgeLengthM[piece.edge];
      for (const xy of slicePolyline(csr.edgeCoords[piece.edge], piece.fromFraction, piece.toFraction)) {
        const last = coords[coords.length - 1];
        if (!last || last[0] !== xy[0] || last[1] !== xy[1]) coords.push(xy);
      }
    }
    if (coords.length === 0 && nodes.length > 0) coords.push([csr.nodeX[nodes[0]], csr.nodeY[nodes[0]]]);
    return {
      reachable: true,
      timeS: best.timeS,
      lengthM,
      pieces,
      nodes,
      edgeKeys: pieces.map((p) => csr.edgeKeys[p.edge]),
      nodeIds: nodes.map((v) => csr.nodeIds[v]),
      coords,
    };
  }

  private seed(node: number, timeS: number, viaEdge: number, origin: number): void {
    if (this.reachedGen[node] === this.gen && this.dist[node] <= timeS) return;
    this.reachedGen[node] = this.gen;
    this.dist[node] = timeS;
    this.predEdge[node] = -1;
    this.rootEdge[node] = viaEdge;
    this.originOf[node] = origin;
    this.heap.push(node, timeS);
  }

  private resetStamps(): void {
    this.reachedGen.fill(0);
    this.settledGen.fill(0);
    this.neededGen.fill(0);
    this.gen = 1;
  }
}
