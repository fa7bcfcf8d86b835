// The fleet on the bundled district's real road graph (the Bund, Shanghai): pre-positioning beats the depots, a
// synthetic storm's cases are all served, the books balance, and the run is deterministic.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { districtRoadGraph } from '../../../twin/district/boundaries.ts';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import type { RoadGraph } from '../../../twin/road-graph/types.ts';
import type { Depot, Hotspot, PumpTruck, XY } from '../../../twin/types.ts';
import { mulberry32 } from '../../../simulation/random.ts';
import { FloodAwareNetwork, RouteFinder, atNode, travelTimeMatrix } from '../../../simulation/roads/index.ts';
import {
  FleetController,
  drawSinks,
  forecastRiskWeights,
  prePosition,
  stagingCandidates,
  type FleetInput,
} from '../../../simulation/fleet/index.ts';
import { repoRoot } from '../../helpers/golden.ts';

const CELL_M = 10;
const KINDS: Hotspot['kind'][] = ['underpass', 'road', 'lowPoint', 'metroEntrance', 'hospital', 'road'];
const EXPOSURE: Record<Hotspot['kind'], number> = {
  underpass: 3,
  road: 1,
  lowPoint: 1,
  metroEntrance: 2.5,
  hospital: 2,
  other: 1,
};

let graph: RoadGraph;
let grid: GridSpec;
let input: FleetInput;
let forecast: Float32Array;

/** Marks every cell whose centre is within `radiusM` of `xy` at least `depthM` deep. */
function flood(depth: Float32Array, xy: XY, radiusM: number, depthM: number): void {
  const c0 = Math.floor((xy[0] - radiusM - grid.x0) / CELL_M);
  const r0 = Math.floor((xy[1] - radiusM - grid.y0) / CELL_M);
  for (let c = c0; c <= c0 + (2 * radiusM) / CELL_M + 1; c++) {
    for (let s = r0; s <= r0 + (2 * radiusM) / CELL_M + 1; s++) {
      if (c < 0 || c >= grid.nx || s < 0 || s >= grid.ny) continue;
      const x = grid.x0 + (c + 0.5) * CELL_M;
      const y = grid.y0 + (s + 0.5) * CELL_M;
      const i = (grid.ny - 1 - s) * grid.nx + c;
      if (Math.hypot(x - xy[0], y - xy[1]) <= radiusM) depth[i] = Math.max(depth[i], depthM);
    }
  }
}

beforeAll(async () => {
  const district = await loadDistrict(path.join(repoRoot, 'datasets', 'shanghai-bund'));
  const e = district.extent;
  grid = {
    nx: Math.ceil((e.maxX - e.minX) / CELL_M) + 2,
    ny: Math.ceil((e.maxY - e.minY) / CELL_M) + 2,
    cellM: CELL_M,
    x0: Math.floor(e.minX) - CELL_M,
    y0: Math.floor(e.minY) - CELL_M,
  };
  graph = districtRoadGraph(district, grid).graph;
  // Depots, hotspots and a fleet at junctions picked from a fixed seed; hotspots 15 m off the street.
  const rnd = mulberry32(20240920);
  const ids = graph.nodes();
  const at = (): XY => {
    const a = graph.getNodeAttributes(ids[rnd.int(ids.length)]);
    return [a.x, a.y];
  };
  const depots: Depot[] = [0, 1, 2].map((k) => ({ id: `D${k + 1}`, name: `Depot ${k + 1}`, xy: at(), modelled: true }));
  const hotspots: Hotspot[] = Array.from({ length: 30 }, (_, k) => {
    const [x, y] = at();
    const kind = KINDS[k % KINDS.length];
    return { id: `H${k + 1}`, name: `H${k + 1}`, kind, xy: [x + 10, y + 10], exposure: EXPOSURE[kind], modelled: true };
  });
  const caps = [2000, 3000, 6000];
  const trucks: PumpTruck[] = Array.from({ length: 12 }, (_, k) => ({
    id: `T${k + 1}`,
    name: `T${k + 1}`,
    depotId: depots[k % 3].id,
    capacityM3PerH: caps[k % 3],
    wadingDepthM: k % 3 === 2 ? 0.6 : 0.5,
    modelled: true,
  }));
  forecast = new Float32Array(grid.nx * grid.ny);
  hotspots.forEach((h, k) => flood(forecast, h.xy, 25, 0.2 + (k % 5) * 0.08));
  input = { graph, grid, depots, trucks, hotspots };
});

describe('fleet on the Bund road graph', () => {
  it('pre-positions the fleet where the risk-weighted response time beats staying at the depots', () => {
    const net = FloodAwareNetwork.fromGraph(graph, { grid });
    net.update(forecast, 0);
    const finder = new RouteFinder(net);
    const hotspots = input.hotspots!;
    const hotspotNodes = hotspots.map((h) => atNode(nearestNode(net, h.xy)));
    const depotNodes = input.depots.map((d) => atNode(nearestNode(net, d.xy)));
    const weights = forecastRiskWeights(hotspots, forecast, grid);
    const candidates = stagingCandidates(finder, [...hotspots.map((h) => h.xy), ...input.depots.map((d) => d.xy)], 150);
    expect(candidates.length).toBeGreaterThan(30);
    const plan = prePosition({
      finder,
      vehicleClass: 'pumpTruck',
      candidates,
      hotspots: hotspotNodes,
      weights,
      trucks: input.trucks.map((t) => ({ id: t.id, from: depotNodes[Number(t.depotId.slice(1)) - 1] })),
    });
    expect(Object.keys(plan.staging)).toHaveLength(12);
    // From the depots: the weighted mean of the fastest depot's time to each hotspot.
    const fromDepots = travelTimeMatrix(finder, 'pumpTruck', depotNodes, hotspotNodes);
    let sum = 0;
    let total = 0;
    hotspotNodes.forEach((_, j) => {
      const best = Math.min(...depotNodes.map((__, i) => Math.min(fromDepots[i * hotspotNodes.length + j], 3600)));
      sum += weights[j] * best;
      total += weights[j];
    });
    expect(plan.expectedResponseS).toBeLessThan(sum / total);
    expect(plan.expectedResponseS).toBeGreaterThanOrEqual(0);
  });

  it('serves every case of a synthetic storm under the optimal policy, and the books balance', () => {
    const run = (): FleetController => {
      // No hotline reports: this storm leaves 0.3 m standing in the ring beyond each truck's 20 m pumping disc to the
      // end, which the streets there would keep calling in; this test is about serving the alarms.
      const fc = new FleetController(input, {
        policy: 'optimal',
        setupS: 600,
        setupJitterS: 120,
        seed: 3,
        hotlineReportsPerEdgeHour: 0,
      });
      const depth = new Float32Array(grid.nx * grid.ny);
      const hotspots = input.hotspots!;
      for (let t = 0; t <= 3 * 3600; t += 60) {
        // Water rises at two hotspots every 5 minutes for the first hour and a half.
        if (t % 300 === 0 && t <= 5400) {
          const k = (t / 300) * 2;
          for (const h of [hotspots[k % 30], hotspots[(k + 1) % 30]]) flood(depth, h.xy, 25, 0.3);
        }
        const sinks = fc.step(depth, t);
        drawSinks(depth, CELL_M * CELL_M, sinks, 60);
      }
      return fc;
    };
    const fc = run();
    const k = fc.kpis();
    expect(k.casesOpened).toBeGreaterThanOrEqual(20);
    expect(k.casesOpenAtEnd).toBe(0);
    expect(fc.events.filter((e) => e.type === 'case.unreachable')).toHaveLength(0);
    for (const c of k.cases) {
      expect(c.toDispatchS).toBeGreaterThanOrEqual(0);
      expect(c.toArriveS).toBeGreaterThanOrEqual(c.toDispatchS);
      expect(c.toClearS).toBeGreaterThan(c.toArriveS);
    }
    // Every arrival follows a dispatch of that truck to that case; every pumping start is ≥ set-up after arrival.
    const dispatchedTo = new Map<string, string>();
    const arrivedAt = new Map<string, number>();
    for (const e of fc.events) {
      if (e.type === 'case.dispatched') dispatchedTo.set(e.truckId, e.caseId);
      if (e.type === 'truck.arrived') {
        expect(dispatchedTo.get(e.truckId)).toBe(e.caseId);
        arrivedAt.set(`${e.truckId}/${e.caseId}`, e.timeS);
      }
      if (e.type === 'pumping.started') {
        expect(e.timeS - arrivedAt.get(`${e.truckId}/${e.caseId}`)!).toBeGreaterThanOrEqual(600 - 120);
      }
    }
    const byCases = k.cases.reduce((s, c) => s + c.pumpedM3, 0);
    expect(byCases).toBeCloseTo(k.pumpedM3, 6);
    expect(k.pumpedM3).toBeGreaterThan(0);
    expect(k.meanReachableShare).toBeGreaterThan(0);
    // Same inputs and seed: the same log, byte for byte.
    expect(JSON.stringify(run().events)).toBe(JSON.stringify(fc.events));
  });
});

function nearestNode(net: FloodAwareNetwork, [x, y]: XY): number {
  let best = 0;
  let bestD = Infinity;
  for (let v = 0; v < net.csr.nodeCount; v++) {
    const d = Math.hypot(net.csr.nodeX[v] - x, net.csr.nodeY[v] - y);
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best;
}
