// The flood-aware network on the bundled district's real road graph (datasets/shanghai-bund, built by the twin).
import { join, resolve } from 'node:path';
import { dijkstra } from 'graphology-shortest-path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import {
  EdgeSnapper,
  FloodAwareNetwork,
  RouteFinder,
  atNode,
  isochrone,
  travelTimeMatrix,
  type FoundRoute,
  type RoadClosureChange,
} from '../../../simulation/roads/index.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { cellCentre, type GridSpec } from '../../../twin/grid/grid-spec.ts';
import { districtRoadGraph } from '../../../twin/district/boundaries.ts';
import type { RoadGraph } from '../../../twin/road-graph/index.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
let graph: RoadGraph;
let grid: GridSpec;

beforeAll(async () => {
  const district = await loadDistrict(join(repoRoot, 'datasets', 'shanghai-bund'));
  const cellM = 10;
  const { minX, minY, maxX, maxY } = district.extent;
  const x0 = Math.floor(minX / cellM) * cellM;
  const y0 = Math.floor(minY / cellM) * cellM;
  grid = { nx: Math.ceil((maxX - x0) / cellM), ny: Math.ceil((maxY - y0) / cellM), cellM, x0, y0 };
  graph = districtRoadGraph(district, grid).graph;
});

function setup() {
  const net = FloodAwareNetwork.fromGraph(graph, { grid });
  return { net, finder: new RouteFinder(net) };
}

describe('roads of the Bund district', () => {
  it('mirrors every edge with its cells, each edge length shared out exactly', () => {
    const { net } = setup();
    expect(net.csr.edgeCount).toBe(graph.size);
    expect(net.csr.nodeCount).toBe(graph.order);
    for (let e = 0; e < net.csr.edgeCount; e++) {
      let sum = net.csr.edgeDryLengthM[e];
      for (let k = net.csr.cellStart[e]; k < net.csr.cellStart[e + 1]; k++) sum += net.csr.cellLengthM[k];
      expect(Math.abs(sum - net.csr.edgeLengthM[e])).toBeLessThan(1e-6 * Math.max(1, net.csr.edgeLengthM[e]));
    }
    expect(net.csr.cells.length).toBeGreaterThan(net.csr.edgeCount);
  });

  it('gives the same matrix as per-pair graphology Dijkstra when dry, and every pair is reachable', () => {
    const { net, finder } = setup();
    const rnd = mulberry32(17);
    const trucks = Array.from({ length: 4 }, () => rnd.int(net.csr.nodeCount));
    const sites = Array.from({ length: 40 }, () => rnd.int(net.csr.nodeCount));
    const m = travelTimeMatrix(finder, 'car', trucks.map(atNode), sites.map(atNode));
    const w = (e: string) => net.travelTimeS[0][net.csr.edgeIndex.get(e)!];
    trucks.forEach((a, i) =>
      sites.forEach((b, j) => {
        const path = dijkstra.bidirectional(graph, net.csr.nodeIds[a], net.csr.nodeIds[b], (e) => w(e));
        let t = 0;
        for (let k = 0; k + 1 < path.length; k++) t += w(graph.edge(path[k], path[k + 1])!);
        expect(m[i * sites.length + j]).toBeCloseTo(t, 6);
        expect(m[i * sites.length + j]).toBeLessThan(Infinity);
      }),
    );
  });

  function nearestNode(net: FloodAwareNetwork, x: number, y: number) {
    let best = 0;
    const d = (v: number) => Math.hypot(net.csr.nodeX[v] - x, net.csr.nodeY[v] - y);
    for (let v = 1; v < net.csr.nodeCount; v++) if (d(v) < d(best)) best = v;
    return atNode(best);
  }
  /** 40 cm of water in a 100 m disc round the middle of `route`. */
  function floodMiddleOf(route: FoundRoute): Float32Array {
    const [mx, my] = route.coords[Math.floor(route.coords.length / 2)];
    const depth = new Float32Array(grid.nx * grid.ny);
    for (let c = 0; c < depth.length; c++) {
      const [cx, cy] = cellCentre(grid, c);
      if (Math.hypot(cx - mx, cy - my) < 100) depth[c] = 0.4;
    }
    return depth;
  }

  it('re-routes cars round a flooded block; pump trucks are never slower', () => {
    const { net, finder } = setup();
    const from = nearestNode(net, -1800, -1000);
    const to = nearestNode(net, -600, 1000);
    const dry = finder.route('car', from, to) as FoundRoute;
    expect(dry.reachable).toBe(true);
    const changes: RoadClosureChange[] = [];
    net.update(floodMiddleOf(dry), 3600, changes);
    expect(changes.length).toBeGreaterThan(0);
    // Streets close to cars by depth; underpasses (tunnels) in the disc close to everyone at 25 cm.
    for (const c of changes) {
      expect(c.closed).toBe(true);
      expect(c.reason === 'depth' || (c.reason === 'underpassFlooded' && net.csr.edgeTunnel[c.edge] === 1)).toBe(true);
    }
    const car = finder.route('car', from, to) as FoundRoute;
    expect(car.reachable).toBe(true);
    expect(car.timeS).toBeGreaterThan(dry.timeS);
    for (const p of car.pieces) expect(net.edgeMaxDepthM[p.edge]).toBeLessThan(0.3);
    const truck = finder.route('pumpTruck', from, to) as FoundRoute;
    expect(truck.reachable).toBe(true);
    expect(truck.timeS).toBeGreaterThanOrEqual(dry.timeS);
    expect(truck.timeS).toBeLessThanOrEqual(car.timeS);
    expect(net.closedLengthM(0)).toBeGreaterThan(0);
    for (let e = 0; e < net.csr.edgeCount; e++) if (net.isClosed(e, 1)) expect(net.csr.edgeTunnel[e]).toBe(1);
  });

  // The dry route crosses the Huangpu by a tunnel. When it floods, the way round is another tunnel or the road
  // network outside the district (virtual edges); when every way out of the start is cordoned, it is unreachable.
  it('re-routes across the Huangpu when a tunnel floods, and answers "unreachable" when every way out is closed', () => {
    const { net, finder } = setup();
    const from = nearestNode(net, -1200, -600);
    const to = nearestNode(net, 1000, 700);
    const dry = finder.route('car', from, to) as FoundRoute;
    expect(dry.pieces.some((p) => net.csr.edgeTunnel[p.edge] === 1)).toBe(true);
    net.update(floodMiddleOf(dry), 3600);
    const wet = finder.route('car', from, to) as FoundRoute;
    expect(wet.reachable).toBe(true);
    expect(wet.timeS).toBeGreaterThan(dry.timeS);
    for (const p of wet.pieces) expect(net.isClosed(p.edge, net.classIndex('car'))).toBe(false);
    // A police cordon on every street out of the start.
    const start = net.csr.nodeIds[from.node];
    graph.forEachOutEdge(start, (key) => void net.close(key, 'policeCordon', 3600));
    for (const vehicle of ['car', 'pumpTruck']) {
      const r = finder.route(vehicle, from, to);
      expect(r.reachable).toBe(false);
      // Check independently, on graphology, that no open way exists.
      const seen = new Set([start]);
      const queue = [...seen];
      while (queue.length) {
        graph.forEachOutEdge(queue.pop()!, (key, _a, _s, target) => {
          if (!net.isClosed(net.csr.edgeIndex.get(key)!, net.classIndex(vehicle)) && !seen.has(target)) {
            seen.add(target);
            queue.push(target);
          }
        });
      }
      expect(seen.has(net.csr.nodeIds[to.node])).toBe(false);
    }
  });

  it('reaches within 10 minutes exactly the junctions whose route takes at most 10 minutes', () => {
    const { net, finder } = setup();
    const start = atNode(Math.floor(net.csr.nodeCount / 2));
    const iso = isochrone(finder, 'car', start, 600);
    expect(iso.nodes.length).toBeGreaterThan(10);
    expect(iso.nodes.length).toBeLessThan(net.csr.nodeCount);
    const inside = new Set(iso.nodes);
    const rnd = mulberry32(5);
    for (let k = 0; k < 60; k++) {
      const v = rnd.int(net.csr.nodeCount);
      const r = finder.route('car', start, atNode(v)) as FoundRoute;
      expect(inside.has(v)).toBe(r.timeS <= 600);
    }
  });

  it('snaps points near streets and refuses one in the middle of nowhere', () => {
    const { net } = setup();
    const snapper = new EdgeSnapper(net.csr);
    const v = 10;
    const s = snapper.snap([net.csr.nodeX[v] + 3, net.csr.nodeY[v] + 4], 'site near a junction');
    expect(s.distanceM).toBeLessThanOrEqual(5 + 1e-9);
    expect(() => snapper.snap([grid.x0 - 5000, grid.y0], 'site S0')).toThrow(/site S0 is off the graph/);
  });
});
