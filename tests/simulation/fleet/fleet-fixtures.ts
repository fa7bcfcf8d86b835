// Small hand-checkable worlds for the fleet tests: a line or a diamond of streets on a 10 m grid, a depot, trucks,
// hotspots, and helpers to flood discs of cells. Streets run at 36 km/h (10 m/s: 100 m takes 10 s) when dry.
import { cellAt, type GridSpec } from '../../../twin/grid/grid-spec.ts';
import type { Depot, Hotspot, PumpTruck, XY } from '../../../twin/types.ts';
import {
  FleetController,
  drawSinks,
  type FleetEvent,
  type FleetInput,
  type FleetOptions,
} from '../../../simulation/fleet/index.ts';
import { lineGraph, makeRoadGraph } from '../../helpers/road-graph-fixtures.ts';

/** A 10 m grid from (-50, -350) to (450, 350): 50 × 70 cells of 100 m². */
export const GRID: GridSpec = { nx: 50, ny: 70, cellM: 10, x0: -50, y0: -350 };
export const CELL_AREA_M2 = 100;

export function depot(id: string, xy: XY): Depot {
  return { id, name: id, xy, modelled: true };
}

export function truck(id: string, depotId: string, capacityM3PerH = 2000, wadingDepthM = 0.5): PumpTruck {
  return { id, name: id, depotId, capacityM3PerH, wadingDepthM, modelled: true };
}

export function hotspot(id: string, xy: XY, exposure = 1, kind: Hotspot['kind'] = 'road'): Hotspot {
  return { id, name: id, kind, xy, exposure, modelled: true };
}

/** n0 (0,0) … n4 (400,0) along the x axis. */
export function lineInput(extra: Partial<FleetInput> = {}): FleetInput {
  return {
    graph: lineGraph(5, 100, GRID),
    grid: GRID,
    depots: [depot('D1', [0, 0])],
    trucks: [truck('T1', 'D1')],
    hotspots: [hotspot('H1', [400, 0])],
    ...extra,
  };
}

/**
 * A (0,0) — B (200,0) — C (400,0) along the bottom (20 s per leg), and a detour A — E (200,-300) — C through the south
 * (36.06 s per leg): the south way is 72.1 s, the bottom way 40 s.
 */
export function diamondInput(extra: Partial<FleetInput> = {}): FleetInput {
  const graph = makeRoadGraph(
    { A: [0, 0], B: [200, 0], C: [400, 0], E: [200, -300] },
    [
      { from: 'A', to: 'B' },
      { from: 'B', to: 'C' },
      { from: 'A', to: 'E' },
      { from: 'E', to: 'C' },
    ],
    GRID,
  );
  return {
    graph,
    grid: GRID,
    depots: [depot('D1', [0, 0])],
    trucks: [truck('T1', 'D1')],
    hotspots: [hotspot('H1', [400, 0])],
    ...extra,
  };
}

/** A dry depth field on GRID. */
export function dryField(): Float32Array {
  return new Float32Array(GRID.nx * GRID.ny);
}

/** Sets every cell whose centre is within `radiusM` of `xy` to `depthM`. */
export function floodDisc(depth: Float32Array, xy: XY, radiusM: number, depthM: number): void {
  for (let i = 0; i < depth.length; i++) {
    const row = Math.floor(i / GRID.nx);
    const col = i % GRID.nx;
    const x = GRID.x0 + (col + 0.5) * GRID.cellM;
    const y = GRID.y0 + (GRID.ny - row - 0.5) * GRID.cellM;
    if (Math.hypot(x - xy[0], y - xy[1]) <= radiusM) depth[i] = depthM;
  }
}

/** Sets the cells along a horizontal street from x0 to x1 at y to `depthM`. */
export function floodStreet(depth: Float32Array, x0: number, x1: number, y: number, depthM: number): void {
  for (let x = x0; x <= x1; x += GRID.cellM / 2) depth[cellAt(GRID, x, y)] = depthM;
}

/**
 * Runs a controller on a depth field that only the trucks change (no rain, no flow): `steps` control steps of
 * `stepS`, sinks drawn from the field in between. `before(k, t, depth, fc)` may change the field or return commands.
 */
export function runFleet(
  input: FleetInput,
  options: FleetOptions,
  depth: Float32Array,
  steps: number,
  stepS = 60,
  before?: (
    k: number,
    timeS: number,
    depth: Float32Array,
    fc: FleetController,
  ) => Parameters<FleetController['step']>[2] | void,
): FleetController {
  const fc = new FleetController(input, options);
  for (let k = 0; k < steps; k++) {
    const t = k * stepS;
    const extra = before?.(k, t, depth, fc) ?? {};
    const sinks = fc.step(depth, t, extra);
    drawSinks(depth, CELL_AREA_M2, sinks, stepS);
  }
  return fc;
}

/** The event variant whose type union includes `T`. */
export type EventOf<T extends FleetEvent['type'], E = FleetEvent> = E extends { type: infer U }
  ? T extends U
    ? E
    : never
  : never;

/** The events of one type, in log order. */
export function eventsOf<T extends FleetEvent['type']>(fc: FleetController, type: T): EventOf<T>[] {
  return fc.events.filter((e) => e.type === type) as EventOf<T>[];
}
