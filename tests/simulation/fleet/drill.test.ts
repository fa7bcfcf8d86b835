// Golden drills: each fixture is a small scenario (streets, fleet, hotspots, floods over time, operator commands);
// the event log and the KPIs are compared with out/. `REGEN=1` rewrites them. Also: same inputs and seed, same log.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Depot, Hotspot, PumpTruck, Sensor, XY } from '../../../twin/types.ts';
import type { GridSpec } from '../../../twin/grid/grid-spec.ts';
import { cellAt } from '../../../twin/grid/grid-spec.ts';
import {
  FleetController,
  drawSinks,
  type FleetOptions,
  type OperatorCommand,
} from '../../../simulation/fleet/index.ts';
import { expectGolden, goldenCases, repoRoot } from '../../helpers/golden.ts';
import { gridGraph, makeRoadGraph, type RoadSpec } from '../../helpers/road-graph-fixtures.ts';

/** A change to the water at a control step: raise to (or set) a depth over a disc or along a straight street. */
interface FloodOp {
  atS: number;
  shape: 'disc' | 'street';
  xy?: XY;
  radiusM?: number;
  from?: XY;
  to?: XY;
  depthM: number;
  mode?: 'raise' | 'set';
}

interface Scenario {
  graph:
    | { kind: 'lattice'; cols: number; rows: number; spacingM: number }
    | { kind: 'custom'; nodes: Record<string, XY>; roads: RoadSpec[] };
  grid: GridSpec;
  depots: Depot[];
  trucks: PumpTruck[];
  hotspots?: Hotspot[];
  sensors?: Sensor[];
  staging?: Record<string, XY>;
  /** Cells whose centre lies at or north of this y (m) are river. */
  riverMinY?: number;
  /** Sewer inlets (50 mm/h) in the cells under these points. */
  drains?: XY[];
  options?: FleetOptions & { policy?: 'nearest' | 'optimal' | 'manual' };
  stepS: number;
  steps: number;
  floods?: FloodOp[];
  commands?: ({ atS: number } & OperatorCommand)[];
}

function applyFlood(depth: Float32Array, grid: GridSpec, op: FloodOp): void {
  const put = (c: number): void => {
    if (c < 0) return;
    depth[c] = op.mode === 'set' ? op.depthM : Math.max(depth[c], op.depthM);
  };
  if (op.shape === 'disc') {
    const [x, y] = op.xy!;
    const r = op.radiusM ?? 20;
    for (let cx = x - r; cx <= x + r; cx += grid.cellM / 2) {
      for (let cy = y - r; cy <= y + r; cy += grid.cellM / 2)
        if (Math.hypot(cx - x, cy - y) <= r) put(cellAt(grid, cx, cy));
    }
  } else {
    const [ax, ay] = op.from!;
    const [bx, by] = op.to!;
    const n = Math.ceil(Math.hypot(bx - ax, by - ay) / (grid.cellM / 4));
    for (let k = 0; k <= n; k++) put(cellAt(grid, ax + ((bx - ax) * k) / n, ay + ((by - ay) * k) / n));
  }
}

/** Runs a scenario; the water changes only by the flood ops and the trucks' pumping. */
export function runScenario(s: Scenario, seed?: number): FleetController {
  const graph =
    s.graph.kind === 'lattice'
      ? gridGraph(s.graph.cols, s.graph.rows, s.graph.spacingM, s.grid)
      : makeRoadGraph(s.graph.nodes, s.graph.roads, s.grid);
  const options = { ...s.options, ...(seed === undefined ? {} : { seed }) };
  const n = s.grid.nx * s.grid.ny;
  const riverMask = new Uint8Array(n);
  const drainCapacityMmPerH = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const y = s.grid.y0 + (s.grid.ny - Math.floor(i / s.grid.nx) - 0.5) * s.grid.cellM;
    if (s.riverMinY !== undefined && y >= s.riverMinY) riverMask[i] = 1;
  }
  for (const [x, y] of s.drains ?? []) drainCapacityMmPerH[cellAt(s.grid, x, y)] = 50;
  const fc = new FleetController(
    {
      graph,
      grid: { ...s.grid, riverMask, drainCapacityMmPerH },
      depots: s.depots,
      trucks: s.trucks,
      hotspots: s.hotspots,
      sensors: s.sensors,
      staging: s.staging,
    },
    options,
  );
  const depth = new Float32Array(s.grid.nx * s.grid.ny);
  for (let k = 0; k < s.steps; k++) {
    const t = k * s.stepS;
    for (const op of s.floods ?? []) if (op.atS === t) applyFlood(depth, s.grid, op);
    const commands = (s.commands ?? [])
      .filter((c) => c.atS === t)
      .map(({ atS: _atS, ...cmd }) => cmd as OperatorCommand);
    const sinks = fc.step(depth, t, { commands });
    drawSinks(depth, s.grid.cellM * s.grid.cellM, sinks, s.stepS);
  }
  return fc;
}

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'simulation', 'fleet', 'drill');
const cases = goldenCases(fixtures);

describe('golden drills', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const c of cases) {
    it(c.name, () => {
      const scenario = JSON.parse(c.readInput('scenario.json')) as Scenario;
      const fc = runScenario(scenario);
      expectGolden(c.output('events.json'), fc.events);
      const kpis = fc.kpis((scenario.steps - 1) * scenario.stepS);
      // JSON has no NaN: steps a case never reached read as null.
      expectGolden(c.output('kpis.json'), JSON.parse(JSON.stringify({ ...kpis, reachability: undefined })));
      expect(fc.events.length).toBeGreaterThan(5);
    });
  }
});

describe('determinism', () => {
  it('gives an identical event log for the same inputs and seed, and a different one for another seed', () => {
    const scenario = JSON.parse(
      goldenCases(fixtures)
        .find((c) => c.name === 'lattice-nearest')!
        .readInput('scenario.json'),
    ) as Scenario;
    scenario.options = { ...scenario.options, setupJitterS: 240 };
    const a = JSON.stringify(runScenario(scenario, 7).events);
    const b = JSON.stringify(runScenario(scenario, 7).events);
    const c = JSON.stringify(runScenario(scenario, 8).events);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
