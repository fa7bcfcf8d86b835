// Size before work: how many cells, how much memory and how long per simulated hour a district's grid will take,
// computed from its extent alone, so inspect and run can warn (or refuse) before allocating anything.
import { TwinError } from '../errors.ts';
import { gridForExtent } from '../grid/index.ts';
import type { Extent } from '../types.ts';

/** What a grid will cost, before it is built. */
export interface GridEstimate {
  nx: number;
  ny: number;
  cellM: number;
  cells: number;
  /** Memory of the Grid layers, the flood engine's state and the run's outputs, megabytes (10^6 bytes). */
  memoryMB: number;
  /** Wall-clock seconds per simulated hour for the coupled run (flood, sensors, fleet) on one thread. */
  secondsPerSimHour: number;
}

/**
 * Bytes per cell: 24 for the Grid layers (twin/grid/grid.ts), about 130 for the flood engine's state (twelve
 * float64 arrays on cells and faces, rain windows and sinks; simulation/hydro/layout.ts) and about 46 for the
 * rasteriser's temporaries and a run's outputs (max depth, first wet time, frames).
 */
export const BYTES_PER_CELL = 200;

/**
 * Measured calibration: the Bund at 10 m (105,600 cells) runs about 167× faster than real time coupled, so
 * 3600 / 167 = 21.6 s per simulated hour. Time grows with the cells and, through the CFL step (dt ∝ cell size),
 * with 1 / cellM: at 5 m the Bund has about 4× the cells and a 2× smaller step, 8× the time.
 */
export const CALIBRATION = { cells: 105_600, cellM: 10, secondsPerSimHour: 3600 / 167 } as const;

/** Past these, inspect and run warn before building: 10 minutes per simulated hour, or 2 GB. */
export const WARN_SECONDS_PER_SIM_HOUR = 600;
export const WARN_MEMORY_MB = 2000;

/**
 * Estimates the grid a district of `extent` gets at `cellM`, on the same spec the rasteriser will use.
 * @param extent the district's extent, local metres
 * @param cellM cell side, metres
 */
export function estimateGrid(extent: Extent, cellM: number): GridEstimate {
  const spec = gridForExtent(extent, cellM, { maxCells: Number.POSITIVE_INFINITY });
  const cells = spec.nx * spec.ny;
  const seconds = CALIBRATION.secondsPerSimHour * (cells / CALIBRATION.cells) * (CALIBRATION.cellM / cellM);
  return {
    nx: spec.nx,
    ny: spec.ny,
    cellM,
    cells,
    memoryMB: Math.ceil((cells * BYTES_PER_CELL) / 1e6),
    secondsPerSimHour: seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds),
  };
}

/** 'a 780 × 545 grid at 5 m: 425,100 cells, about 85 MB and 172 s per simulated hour' */
export function describeEstimate(e: GridEstimate): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return `a ${n(e.nx)} × ${n(e.ny)} grid at ${e.cellM} m: ${n(e.cells)} cells, about ${n(e.memoryMB)} MB and ${n(e.secondsPerSimHour)} s per simulated hour`;
}

/** Warnings for an estimate past the thresholds (empty when it is modest), with a cell size that would not be. */
export function estimateWarnings(e: GridEstimate): string[] {
  if (e.secondsPerSimHour <= WARN_SECONDS_PER_SIM_HOUR && e.memoryMB <= WARN_MEMORY_MB) return [];
  // Time goes with cellM^-3 (cells and step), memory with cellM^-2.
  const forTime = e.cellM * Math.cbrt(e.secondsPerSimHour / WARN_SECONDS_PER_SIM_HOUR);
  const forMemory = e.cellM * Math.sqrt(e.memoryMB / WARN_MEMORY_MB);
  const cell = Math.ceil(Math.max(forTime, forMemory) * 2) / 2;
  return [
    `${describeEstimate(e)}: a large run; try --cell ${cell}, or clip the district (--clip minLon,minLat,maxLon,maxLat)`,
  ];
}

/**
 * Refuses a grid that would not fit in `maxMemoryMB`, with the estimate and what to do.
 * @throws TwinError when the estimate exceeds the budget
 */
export function assertFits(e: GridEstimate, maxMemoryMB: number): void {
  if (e.memoryMB <= maxMemoryMB) return;
  const cellFits = Math.ceil(e.cellM * Math.sqrt(e.memoryMB / maxMemoryMB) * 10) / 10;
  throw new TwinError(
    `${describeEstimate(e)}, which does not fit in the ${maxMemoryMB.toLocaleString('en-US')} MB available`,
    { field: 'grid.cellM' },
    `use cells of at least ${cellFits} m (--cell ${cellFits}), or clip the district ("clip" in district.json, or --clip minLon,minLat,maxLon,maxLat)`,
  );
}
