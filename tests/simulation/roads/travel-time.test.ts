import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { FloodAwareNetwork, type RoadClosureChange } from '../../../simulation/roads/index.ts';
import { lineGraph, makeRoadGraph } from '../../helpers/road-graph-fixtures.ts';

// 10 m cells; a 100 m street along y = 5 crosses cells 0..9 of row 1 (the south row), 10 m in each.
const grid: GridSpec = { nx: 20, ny: 2, cellM: 10, x0: 0, y0: 0 };
const southRow = (col: number): number => 1 * grid.nx + col;
function street(extra: { tunnel?: boolean } = {}) {
  return makeRoadGraph({ a: [0, 5], b: [100, 5] }, [{ from: 'a', to: 'b', ...extra }], grid);
}
function depthField(fill: (col: number) => number): Float32Array {
  const d = new Float32Array(grid.nx * grid.ny);
  for (let c = 0; c < grid.nx; c++) d[southRow(c)] = fill(c);
  return d;
}
// Speed (km/h) → seconds per 10 m.
const secPer10m = (kmh: number): number => 10 / (kmh / 3.6);

describe('FloodAwareNetwork travel times', () => {
  it('shares each edge length among the cells it crosses', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const e = net.csr.edgeIndex.get('a>b')!;
    let sum = 0;
    for (let k = net.csr.cellStart[e]; k < net.csr.cellStart[e + 1]; k++) {
      sum += net.csr.cellLengthM[k];
      if (net.csr.cells[k] !== southRow(10)) expect(net.csr.cellLengthM[k]).toBeCloseTo(10, 6);
    }
    expect(sum + net.csr.edgeDryLengthM[e]).toBeCloseTo(100, 6);
  });

  it('is the free-flow time when dry and in shallow water above the free speed on the curve', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const e = net.csr.edgeIndex.get('a>b')!;
    expect(net.travelTimeS[0][e]).toBeCloseTo(10, 9);
    net.update(
      depthField(() => 0.1),
      60,
    );
    // 100 mm gives 40.65 km/h on the curve, above the street's 36 km/h.
    expect(net.travelTimeS[0][e]).toBeCloseTo(10, 9);
  });

  it('slows per Pregnolato through the flooded cells only (length-weighted time)', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const e = net.csr.edgeIndex.get('a>b')!;
    net.update(
      depthField(() => 0.2),
      0,
    );
    expect(net.travelTimeS[0][e]).toBeCloseTo(10 * secPer10m(12.3648), 3);
    net.update(
      depthField((c) => (c === 4 ? 0.2 : 0)),
      0,
    );
    expect(net.travelTimeS[0][e]).toBeCloseTo(9 + secPer10m(12.3648), 3);
  });

  it('closes at 300 mm for cars but not for pump trucks, which close at 500 mm', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const e = net.csr.edgeIndex.get('a>b')!;
    const truck = net.classIndex('pumpTruck');
    net.update(
      depthField((c) => (c === 4 ? 0.3 : 0)),
      0,
    );
    expect(net.isClosed(e, 0)).toBe(true);
    expect(net.travelTimeS[0][e]).toBe(Infinity);
    expect(net.travelTimeS[truck][e]).toBeCloseTo(9 + secPer10m(81 - 165.87 + 86.9448), 3);
    net.update(
      depthField((c) => (c === 4 ? 0.5 : 0)),
      0,
    );
    expect(net.isClosed(e, truck)).toBe(true);
    net.update(
      depthField(() => 0),
      0,
    );
    expect(net.isClosed(e, 0)).toBe(false);
    expect(net.travelTimeS[truck][e]).toBeCloseTo(10, 9);
  });

  it('reports closures and reopenings for the reference class, and updates in place', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const before = net.travelTimeS[0];
    const changes: RoadClosureChange[] = [];
    expect(
      net.update(
        depthField(() => 0.35),
        600,
        changes,
      ),
    ).toBe(2);
    expect(changes.map((c) => [c.edgeKey, c.closed, c.reason, c.timeS])).toEqual([
      ['a>b', true, 'depth', 600],
      ['b>a', true, 'depth', 600],
    ]);
    changes.length = 0;
    net.update(
      depthField(() => 0.35),
      900,
      changes,
    );
    expect(changes).toEqual([]);
    net.update(
      depthField(() => 0),
      1200,
      changes,
    );
    expect(changes.map((c) => [c.edgeKey, c.closed, c.reason])).toEqual([
      ['a>b', false, 'depth'],
      ['b>a', false, 'depth'],
    ]);
    expect(net.travelTimeS[0]).toBe(before);
  });

  it('closes underpasses to every class at 25 cm', () => {
    const net = FloodAwareNetwork.fromGraph(street({ tunnel: true }), { grid });
    const changes: RoadClosureChange[] = [];
    net.update(
      depthField((c) => (c === 2 ? 0.25 : 0)),
      30,
      changes,
    );
    expect(net.isClosed(0, 0)).toBe(true);
    expect(net.isClosed(0, 1)).toBe(true);
    expect(changes[0].reason).toBe('underpassFlooded');
    net.update(
      depthField((c) => (c === 2 ? 0.24 : 0)),
      60,
    );
    expect(net.isClosed(0, 1)).toBe(false);
  });

  it('closes and reopens by event, per edge or per segment, on top of the depth state', () => {
    const net = FloodAwareNetwork.fromGraph(street(), { grid });
    const changes: RoadClosureChange[] = [];
    expect(net.close('a-b', 'fallenTree', 100, changes)).toEqual([0, 1]);
    expect(changes.map((c) => c.reason)).toEqual(['fallenTree', 'fallenTree']);
    expect(net.isClosed(0, 1) && net.isClosed(1, 1)).toBe(true);
    net.close('a>b', 'policeCordon', 110);
    net.open('a-b', 'fallenTree', 200);
    expect(net.isClosed(net.csr.edgeIndex.get('a>b')!, 0)).toBe(true);
    expect(net.isClosed(net.csr.edgeIndex.get('b>a')!, 0)).toBe(false);
    net.update(
      depthField(() => 0),
      300,
    );
    expect(net.isClosed(net.csr.edgeIndex.get('a>b')!, 0)).toBe(true);
    net.open('a>b', undefined, 400);
    expect(net.isClosed(net.csr.edgeIndex.get('a>b')!, 0)).toBe(false);
    expect(net.travelTimeS[0][net.csr.edgeIndex.get('a>b')!]).toBeCloseTo(10, 9);
  });

  it('sums closed road length', () => {
    const net = FloodAwareNetwork.fromGraph(lineGraph(4, 100), {});
    net.close('n1-n2', 'other', 0);
    expect(net.closedLengthM(0)).toBeCloseTo(200, 9);
  });

  it('reads NaN or negative depth as dry, splits length equally without a grid, and rejects bad input', () => {
    const noGrid = FloodAwareNetwork.fromGraph(
      makeRoadGraph({ a: [0, 5], b: [100, 5] }, [{ from: 'a', to: 'b' }], grid),
    );
    const depth = depthField(() => Number.NaN);
    depth[southRow(3)] = -1;
    noGrid.update(depth, 0);
    expect(noGrid.travelTimeS[0][0]).toBeCloseTo(10, 9);
    expect(() => noGrid.update(new Float32Array(5), 0)).toThrow(/depth field has 5 cells but the roads reference cell/);
    expect(() => noGrid.close('nope', 'fallenTree', 0)).toThrow(/no road edge or segment "nope"/);
    expect(() => noGrid.close('a-b', 'flood' as never, 0)).toThrow(/unknown closure reason "flood"/);
    expect(() => noGrid.classIndex('boat')).toThrow(/unknown vehicle class "boat".*car, pumpTruck/);
    const slow = makeRoadGraph({ a: [0, 0], b: [10, 0] }, [{ from: 'a', to: 'b', speedKmh: 0 }]);
    expect(() => FloodAwareNetwork.fromGraph(slow)).toThrow(/edge a>b, field "freeSpeedKmh": free-flow speed 0 km\/h/);
  });
});
