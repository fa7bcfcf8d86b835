// Where a pump truck draws water and where it sends it: the site's cells (a disc around the truck), the discharge
// point (nearest river within hose reach, else the nearest sewer inlet), and the sinks handed to the flood engine.
import { cellAt, cellCentre, type GridSpec } from '../../twin/grid/grid-spec.ts';
import type { XY } from '../../twin/types.ts';
import type { DischargeKind } from './events.ts';

/**
 * One pump truck drawing from cells at a rate, limited by the water present; the same shape as the flood engine's
 * `TruckSink` (simulation/hydro/types.ts). The engine splits the rate equally among the cells, each share limited by
 * its cell's water, and books what it takes as "pumped" in its mass ledger.
 */
export interface PumpSink {
  cells: Int32Array;
  rateM3PerS: number;
}

/** The grid and the masks siting needs; `Grid` (twin/grid/grid.ts) satisfies it. */
export interface SiteGrid extends GridSpec {
  /** 1 where a building stands: never pumped from. */
  buildingMask?: ArrayLike<number>;
  /** 1 on the river: never pumped from, the first choice to discharge into. */
  riverMask?: ArrayLike<number>;
  /** Sewer inlet capacity (mm/h); a cell with capacity above 0 has inlets a hose can discharge into. */
  drainCapacityMmPerH?: ArrayLike<number>;
}

/** Default radius (m) of the disc a truck pumps from: its suction hoses reach 15–25 m. */
export const DEFAULT_SITE_RADIUS_M = 20;

/** Default reach (m) of the discharge hose to a river or a sewer inlet. */
export const DEFAULT_HOSE_REACH_M = 150;

/**
 * Cells a truck at `xy` pumps from: every open cell (not building, not river) whose centre is within `radiusM`, or the
 * cell under `xy` if no centre is that close. Ascending indices; empty if `xy` is off the grid or on a closed cell.
 */
export function siteCells(grid: SiteGrid, xy: XY, radiusM = DEFAULT_SITE_RADIUS_M): Int32Array {
  const out: number[] = [];
  const open = (c: number): boolean => !(grid.buildingMask?.[c] || grid.riverMask?.[c]);
  forCellsWithin(grid, xy, radiusM, (c) => {
    if (open(c)) out.push(c);
  });
  if (out.length === 0) {
    const c = cellAt(grid, xy[0], xy[1]);
    if (c >= 0 && open(c)) out.push(c);
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}

/** Where a truck's hose sends the water. */
export interface DischargePoint {
  kind: DischargeKind;
  /** Cell discharged into, -1 when unknown. */
  cell: number;
  /** Its centre (or the site itself when unknown), m. */
  xy: XY;
  /** Hose length needed (m). */
  distanceM: number;
}

/**
 * The nearest river cell within `hoseReachM` of `xy`; failing that the nearest open cell with sewer inlets; failing
 * that 'unknown' at the site (the water still leaves the field as pumped). Ties go to the lower cell index.
 */
export function nearestDischarge(grid: SiteGrid, xy: XY, hoseReachM = DEFAULT_HOSE_REACH_M): DischargePoint {
  let river = -1;
  let riverD = Infinity;
  let drain = -1;
  let drainD = Infinity;
  forCellsWithin(grid, xy, hoseReachM, (c, d) => {
    if (grid.riverMask?.[c]) {
      if (d < riverD || (d === riverD && c < river)) [river, riverD] = [c, d];
    } else if (!grid.buildingMask?.[c] && (grid.drainCapacityMmPerH?.[c] ?? 0) > 0) {
      if (d < drainD || (d === drainD && c < drain)) [drain, drainD] = [c, d];
    }
  });
  if (river >= 0) return { kind: 'river', cell: river, xy: cellCentre(grid, river), distanceM: riverD };
  if (drain >= 0) return { kind: 'drain', cell: drain, xy: cellCentre(grid, drain), distanceM: drainD };
  return { kind: 'unknown', cell: -1, xy: [xy[0], xy[1]], distanceM: 0 };
}

/** Mean water depth (m) over `cells` (0 for no cells). */
export function meanDepthM(depthM: ArrayLike<number>, cells: Int32Array): number {
  if (cells.length === 0) return 0;
  let sum = 0;
  for (let k = 0; k < cells.length; k++) {
    const d = depthM[cells[k]];
    if (d > 0) sum += d;
  }
  return sum / cells.length;
}

/**
 * What a sink can take in `dtS` seconds from the water standing in its cells now (m³): the rate split equally among
 * the cells, each share limited by its cell's volume. The engine's figure is exact; this is the fleet's estimate when
 * the engine does not report per-sink volumes.
 */
export function sinkTakeM3(depthM: ArrayLike<number>, cellAreaM2: number, sink: PumpSink, dtS: number): number {
  const n = sink.cells.length;
  if (n === 0) return 0;
  const share = (sink.rateM3PerS * dtS) / n;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const d = depthM[sink.cells[k]];
    const have = d > 0 ? d * cellAreaM2 : 0;
    sum += share < have ? share : have;
  }
  return sum;
}

/**
 * Applies `sinks` to `depthM` in place over `dtS` seconds in one go, as the engine's sink hook does on each of its
 * steps: equal shares per cell, each limited by the water present. Writes each sink's take (m³) into `takenM3` if given
 * and returns the total. For tests and for running the fleet on a synthetic depth field without the engine.
 */
export function drawSinks(
  depthM: Float32Array | Float64Array,
  cellAreaM2: number,
  sinks: readonly PumpSink[],
  dtS: number,
  takenM3?: Float64Array,
): number {
  let total = 0;
  for (let s = 0; s < sinks.length; s++) {
    const { cells, rateM3PerS } = sinks[s];
    let taken = 0;
    if (cells.length > 0) {
      const wantM = (rateM3PerS * dtS) / cells.length / cellAreaM2;
      for (let k = 0; k < cells.length; k++) {
        const h = depthM[cells[k]];
        const take = h > 0 ? (wantM < h ? wantM : h) : 0;
        depthM[cells[k]] = h - take;
        taken += take * cellAreaM2;
      }
    }
    if (takenM3) takenM3[s] = taken;
    total += taken;
  }
  return total;
}

/** Calls `visit(cell, distanceM)` for each grid cell whose centre lies within `radiusM` of `xy`, row by row. */
function forCellsWithin(
  grid: GridSpec,
  xy: XY,
  radiusM: number,
  visit: (cell: number, distanceM: number) => void,
): void {
  const { nx, ny, cellM, x0, y0 } = grid;
  const col0 = Math.max(0, Math.floor((xy[0] - radiusM - x0) / cellM));
  const col1 = Math.min(nx - 1, Math.floor((xy[0] + radiusM - x0) / cellM));
  const rowS = Math.max(0, Math.floor((xy[1] - radiusM - y0) / cellM));
  const rowN = Math.min(ny - 1, Math.floor((xy[1] + radiusM - y0) / cellM));
  // Rows count from the north edge; `rowS..rowN` count from the south.
  for (let s = rowN; s >= rowS; s--) {
    const row = ny - 1 - s;
    const cy = y0 + (s + 0.5) * cellM;
    for (let col = col0; col <= col1; col++) {
      const d = Math.hypot(x0 + (col + 0.5) * cellM - xy[0], cy - xy[1]);
      if (d <= radiusM) visit(row * nx + col, d);
    }
  }
}
