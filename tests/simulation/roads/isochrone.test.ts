import { describe, expect, it } from 'vitest';
import {
  FloodAwareNetwork,
  RouteFinder,
  atNode,
  isochrone,
  isochroneLines,
  onEdge,
} from '../../../simulation/roads/index.ts';
import { gridGraph, lineGraph } from '../../helpers/road-graph-fixtures.ts';

// Streets of 100 m at 10 m/s: 10 s per block. Pieces are per driving direction.
describe('isochrone', () => {
  it('reaches whole blocks and part of the block it runs out of time on, along a line', () => {
    const net = FloodAwareNetwork.fromGraph(lineGraph(6, 100));
    const finder = new RouteFinder(net);
    const iso = isochrone(finder, 'car', atNode(0), 25);
    expect(Array.from(iso.nodes)).toEqual([0, 1, 2]);
    expect(Array.from(iso.nodeTimeS)).toEqual([0, 10, 20]);
    const byKey = Object.fromEntries(iso.pieces.map((p) => [net.csr.edgeKeys[p.edge], [p.fromFraction, p.toFraction]]));
    expect(byKey).toEqual({
      'n0>n1': [0, 1],
      'n1>n0': [0, 1],
      'n1>n2': [0, 1],
      'n2>n1': [0, 0.5],
      'n2>n3': [0, 0.5],
    });
    expect(iso.lengthM).toBeCloseTo(400, 9);
    const lines = isochroneLines(finder, iso);
    expect(lines[iso.pieces.findIndex((p) => net.csr.edgeKeys[p.edge] === 'n2>n3')]).toEqual([
      [200, 0],
      [250, 0],
    ]);
  });

  it('spreads both ways from a point part-way along a street', () => {
    const net = FloodAwareNetwork.fromGraph(lineGraph(4, 100));
    const finder = new RouteFinder(net);
    const iso = isochrone(finder, 'car', onEdge(net.csr.edgeIndex.get('n1>n2')!, 0.5), 8);
    expect(Array.from(iso.nodes)).toEqual([1, 2]);
    expect(Array.from(iso.nodeTimeS)).toEqual([5, 5]);
    // Pieces are per direction: 50 m each way to the junctions, then 30 m onward from each on both of its out-edges.
    expect(iso.lengthM).toBeCloseTo(2 * 50 + 4 * 30, 9);
  });

  it('forms a diamond on a grid and stops at closed streets', () => {
    const net = FloodAwareNetwork.fromGraph(gridGraph(5, 5, 100));
    const finder = new RouteFinder(net);
    const centre = net.csr.nodeIndex.get('r2c2')!;
    const iso = isochrone(finder, 'car', atNode(centre), 15);
    expect(iso.nodes).toHaveLength(5);
    // 4 full blocks out, then half a block along each of the 4 out-edges of each of the 4 neighbours.
    expect(iso.lengthM).toBeCloseTo(4 * 100 + 4 * 4 * 50, 9);
    net.close('r2c2-r2c3', 'policeCordon', 0);
    const cut = isochrone(finder, 'car', atNode(centre), 15);
    expect(cut.nodes).toHaveLength(4);
    expect(cut.pieces.some((p) => net.csr.edgeKeys[p.edge] === 'r2c2>r2c3')).toBe(false);
  });

  it('credits each junction to the truck that reaches it first', () => {
    const net = FloodAwareNetwork.fromGraph(lineGraph(6, 100));
    const iso = isochrone(new RouteFinder(net), 'car', [atNode(0), atNode(5)], 30);
    expect(Array.from(iso.nodeOrigin)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
