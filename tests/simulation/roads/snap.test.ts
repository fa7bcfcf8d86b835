import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../simulation/random.ts';
import { EdgeSnapper, FloodAwareNetwork } from '../../../simulation/roads/index.ts';
import { makeRoadGraph, randomRoadGraph } from '../../helpers/road-graph-fixtures.ts';

describe('EdgeSnapper', () => {
  it('snaps to the nearest street with the offset along it', () => {
    const g = makeRoadGraph({ a: [0, 0], b: [200, 0], c: [200, 300] }, [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c', via: [[260, 150]] },
    ]);
    const net = FloodAwareNetwork.fromGraph(g);
    const snapper = new EdgeSnapper(net.csr, 50);
    const s = snapper.snap([60, 25], 'site S1');
    expect(net.csr.segmentEdges.get('a-b')).toContain(s.edge);
    expect(s.distanceM).toBeCloseTo(25, 9);
    const fromA = net.csr.edgeKeys[s.edge] === 'a>b' ? s.fraction : 1 - s.fraction;
    expect(fromA).toBeCloseTo(0.3, 9);
    expect([s.x, s.y]).toEqual([60, 0]);
    const bend = snapper.snap([300, 150], 'truck T1');
    expect(net.csr.segmentEdges.get('b-c')).toContain(bend.edge);
    expect(bend.distanceM).toBeCloseTo(40, 9);
  });

  it('says a site is off the graph beyond the maximum snap distance', () => {
    const net = FloodAwareNetwork.fromGraph(makeRoadGraph({ a: [0, 0], b: [200, 0] }, [{ from: 'a', to: 'b' }]));
    const snapper = new EdgeSnapper(net.csr);
    expect(() => snapper.snap([100, 250], 'site S9')).toThrow(
      /road snapping, site S9, field "xy": site S9 is off the graph: no drivable road within 200 m/,
    );
    expect(snapper.trySnap(100, 250, 300)?.distanceM).toBeCloseTo(250, 9);
    expect(snapper.trySnap(5000, 5000)).toBeNull();
  });

  it('finds the same nearest distance as brute force over every segment', () => {
    const net = FloodAwareNetwork.fromGraph(randomRoadGraph(4, 150));
    const snapper = new EdgeSnapper(net.csr, 75);
    const rnd = mulberry32(4);
    for (let i = 0; i < 300; i++) {
      const x = rnd.next() * 2400 - 200;
      const y = rnd.next() * 2400 - 200;
      let best = Infinity;
      for (const coords of net.csr.edgeCoords) {
        for (let k = 0; k + 1 < coords.length; k++) {
          const [ax, ay] = coords[k];
          const dx = coords[k + 1][0] - ax;
          const dy = coords[k + 1][1] - ay;
          const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
          best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
        }
      }
      const hit = snapper.trySnap(x, y, 500);
      if (best > 500) expect(hit).toBeNull();
      else expect(hit?.distanceM).toBeCloseTo(best, 9);
    }
  });
});
