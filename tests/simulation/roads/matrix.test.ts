import { dijkstra } from 'graphology-shortest-path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import {
  EdgeSnapper,
  FloodAwareNetwork,
  RouteFinder,
  atNode,
  nearestOrigins,
  onEdge,
  travelTimeMatrix,
  travelTimesFrom,
  type RoadLocation,
} from '../../../simulation/roads/index.ts';
import { lineGraph, randomRoadGraph } from '../../helpers/road-graph-fixtures.ts';

function randomLocations(net: FloodAwareNetwork, seed: number, count: number): RoadLocation[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? atNode(rnd.int(net.csr.nodeCount)) : onEdge(rnd.int(net.csr.edgeCount), rnd.next()),
  );
}

describe('travelTimeMatrix', () => {
  it('equals per-pair shortest routes, with closures, on a random graph', () => {
    const net = FloodAwareNetwork.fromGraph(randomRoadGraph(5, 80));
    const rnd = mulberry32(5);
    for (let e = 0; e < net.csr.edgeCount; e++) if (rnd.next() < 0.1) net.close(net.csr.edgeKeys[e], 'other', 0);
    const finder = new RouteFinder(net);
    const origins = randomLocations(net, 11, 6);
    const targets = randomLocations(net, 12, 25);
    const m = travelTimeMatrix(finder, 'car', origins, targets);
    let unreachable = 0;
    origins.forEach((o, i) =>
      targets.forEach((t, j) => {
        const r = finder.route('car', o, t);
        const cell = m[i * targets.length + j];
        if (!r.reachable) {
          expect(cell).toBe(Infinity);
          unreachable++;
        } else expect(cell).toBeCloseTo(r.timeS, 9);
      }),
    );
    expect(unreachable).toBeGreaterThan(0);
    expect(unreachable).toBeLessThan(origins.length * targets.length);
  });

  it('equals per-pair graphology bidirectional Dijkstra between nodes when nothing is closed', () => {
    const g = randomRoadGraph(8, 120);
    const net = FloodAwareNetwork.fromGraph(g);
    const finder = new RouteFinder(net);
    const origins = [0, 10, 50].map(atNode);
    const targets = [3, 33, 77, 101, 119].map(atNode);
    const m = travelTimeMatrix(finder, 'pumpTruck', origins, targets);
    const w = (e: string) => net.travelTimeS[1][net.csr.edgeIndex.get(e)!];
    origins.forEach((o, i) =>
      targets.forEach((t, j) => {
        const path = dijkstra.bidirectional(g, net.csr.nodeIds[o.node], net.csr.nodeIds[t.node], (e) => w(e));
        let expected = Infinity;
        if (path) {
          expected = 0;
          for (let k = 0; k + 1 < path.length; k++) expected += w(g.edge(path[k], path[k + 1])!);
        }
        expect(m[i * targets.length + j]).toBeCloseTo(expected, 6);
      }),
    );
  });

  it('cuts off at limitS and fills a caller buffer', () => {
    const net = FloodAwareNetwork.fromGraph(lineGraph(6, 100));
    const finder = new RouteFinder(net);
    const out = new Float64Array(4).fill(-1);
    travelTimeMatrix(finder, 'car', [atNode(0), atNode(5)], [atNode(2), onEdge(net.csr.edgeIndex.get('n3>n4')!, 0.5)], {
      limitS: 30,
      out,
    });
    expect(Array.from(out)).toEqual([20, Infinity, 30, 15]);
    expect(Array.from(travelTimesFrom(finder, 'car', atNode(0), [atNode(5)]))).toEqual([50]);
  });

  it('is deterministic', () => {
    const run = () => {
      const net = FloodAwareNetwork.fromGraph(randomRoadGraph(21, 100));
      const snapper = new EdgeSnapper(net.csr);
      const sites = [0, 1, 2, 3].map((i) => snapper.snap([300 + i * 400, 900], `site ${i}`, 2000));
      return travelTimeMatrix(new RouteFinder(net), 'car', randomLocations(net, 3, 5), sites);
    };
    expect(Array.from(run())).toEqual(Array.from(run()));
  });
});

describe('nearestOrigins', () => {
  it('matches the column minimum of the matrix and names the truck that achieves it', () => {
    const net = FloodAwareNetwork.fromGraph(randomRoadGraph(6, 90));
    const finder = new RouteFinder(net);
    const trucks = randomLocations(net, 31, 4);
    const sites = randomLocations(net, 32, 30);
    const m = travelTimeMatrix(finder, 'car', trucks, sites);
    const near = nearestOrigins(finder, 'car', trucks, sites);
    sites.forEach((_, j) => {
      const column = trucks.map((_, i) => m[i * sites.length + j]);
      const best = Math.min(...column);
      expect(near.timeS[j]).toBeCloseTo(best, 9);
      if (best === Infinity) expect(near.origin[j]).toBe(-1);
      else expect(column[near.origin[j]]).toBeCloseTo(best, 9);
    });
    const within = nearestOrigins(finder, 'car', trucks, sites, 60);
    sites.forEach((_, j) => expect(within.timeS[j]).toBe(near.timeS[j] <= 60 ? near.timeS[j] : Infinity));
  });
});
