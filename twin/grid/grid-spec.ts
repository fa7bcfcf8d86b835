// The geometry of a simulation grid and the mapping between local metres and cells.
// Row 0 is the NORTH row (as in ESRI ASCII / GeoTIFF): index = row * nx + col.
import { TwinError } from '../errors.ts';
import type { Extent } from '../types.ts';

/** Size and placement of a grid in the local frame. (x0, y0) is the south-west corner. */
export interface GridSpec {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
}

/** Cell index containing local point (x, y), or -1 outside the grid. */
export function cellAt(spec: GridSpec, x: number, y: number): number {
  const col = Math.floor((x - spec.x0) / spec.cellM);
  const row = spec.ny - 1 - Math.floor((y - spec.y0) / spec.cellM);
  if (col < 0 || col >= spec.nx || row < 0 || row >= spec.ny) return -1;
  return row * spec.nx + col;
}

/** Centre of cell `index` in local metres. */
export function cellCentre(spec: GridSpec, index: number): [number, number] {
  const row = Math.floor(index / spec.nx);
  const col = index - row * spec.nx;
  return [spec.x0 + (col + 0.5) * spec.cellM, spec.y0 + (spec.ny - row - 0.5) * spec.cellM];
}

/**
 * The distinct cells a polyline passes through, in order along the line (sampled at a quarter cell, so
 * no crossed cell is missed by more than a corner clip). Cells outside the grid are left out.
 */
export function cellsAlongLine(spec: GridSpec, coords: readonly (readonly [number, number])[]): Int32Array {
  const out: number[] = [];
  let last = -2;
  const step = spec.cellM / 4;
  for (let i = 0; i + 1 < coords.length; i++) {
    const [ax, ay] = coords[i];
    const [bx, by] = coords[i + 1];
    const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
    for (let k = i === 0 ? 0 : 1; k <= n; k++) {
      const t = k / n;
      const c = cellAt(spec, ax + (bx - ax) * t, ay + (by - ay) * t);
      if (c >= 0 && c !== last) {
        out.push(c);
        last = c;
      }
    }
  }
  if (coords.length === 1) {
    const c = cellAt(spec, coords[0][0], coords[0][1]);
    if (c >= 0) out.push(c);
  }
  // A line can revisit a cell (a bend); keep first visits only.
  const seen = new Set<number>();
  return Int32Array.from(out.filter((c) => (seen.has(c) ? false : (seen.add(c), true))));
}

/** Largest grid `gridForExtent` builds unless told otherwise: 50 M cells (≈ 1.4 GB over all Grid layers). */
export const MAX_GRID_CELLS = 50_000_000;

/**
 * A grid covering `extent` at `cellM`, its corner snapped to whole cells of the local frame (so grids of one district
 * at one cell size always line up) and grown by `marginM` on every side.
 * @param extent area to cover, local metres
 * @param cellM cell side, metres (> 0)
 * @param opts marginM: border added around the extent, metres (default 0); maxCells: size cap (default 50 M)
 * @throws TwinError when the cell size or the extent is not usable, or the grid would exceed the cap
 */
export function gridForExtent(
  extent: Extent,
  cellM: number,
  opts: { marginM?: number; maxCells?: number } = {},
): GridSpec {
  const marginM = opts.marginM ?? 0;
  const maxCells = opts.maxCells ?? MAX_GRID_CELLS;
  if (!Number.isFinite(cellM) || cellM <= 0) {
    throw new TwinError(
      `cell size ${cellM} m is not a positive number`,
      { field: 'grid.cellM' },
      'use e.g. 5 (metres)',
    );
  }
  const { minX, minY, maxX, maxY } = extent;
  if (![minX, minY, maxX, maxY, marginM].every(Number.isFinite) || maxX < minX || maxY < minY || marginM < 0) {
    throw new TwinError(
      `extent (${minX}, ${minY}) – (${maxX}, ${maxY}) with margin ${marginM} m is not a usable area`,
      { field: 'extent' },
      'the district has no data with finite coordinates: check that its layers loaded',
    );
  }
  const x0 = Math.floor((minX - marginM) / cellM) * cellM;
  const y0 = Math.floor((minY - marginM) / cellM) * cellM;
  const nx = Math.max(1, Math.ceil((maxX + marginM - x0) / cellM));
  const ny = Math.max(1, Math.ceil((maxY + marginM - y0) / cellM));
  if (nx * ny > maxCells) {
    const minCellM = Math.ceil(Math.sqrt((nx * ny * cellM * cellM) / maxCells) * 10) / 10;
    throw new TwinError(
      `a ${nx} × ${ny} grid (${((nx * ny) / 1e6).toFixed(1)} M cells) at ${cellM} m is more than the ${(maxCells / 1e6).toFixed(0)} M cells allowed`,
      { field: 'grid.cellM' },
      `use cells of at least ${minCellM} m, or a smaller district`,
    );
  }
  return { nx, ny, cellM, x0, y0 };
}

/** The extent a grid covers, local metres. */
export function gridExtent(spec: GridSpec): Extent {
  return { minX: spec.x0, minY: spec.y0, maxX: spec.x0 + spec.nx * spec.cellM, maxY: spec.y0 + spec.ny * spec.cellM };
}

/** Just the geometry of a grid (drops its layers), e.g. to compare two grids' placement. */
export function specOf(spec: GridSpec): GridSpec {
  return { nx: spec.nx, ny: spec.ny, cellM: spec.cellM, x0: spec.x0, y0: spec.y0 };
}

/**
 * The cell nearest to (x, y) (by its centre) within `radiusM` that satisfies `ok`, or −1. Ties go to the lower index.
 * Scans the square window around the point: meant for radii of tens of cells, not for searching a whole grid.
 */
export function nearestCellWhere(
  grid: GridSpec,
  x: number,
  y: number,
  radiusM: number,
  ok: (i: number) => boolean,
): number {
  const r = Math.ceil(radiusM / grid.cellM);
  const c0 = Math.floor((x - grid.x0) / grid.cellM);
  const r0 = grid.ny - 1 - Math.floor((y - grid.y0) / grid.cellM);
  let best = -1;
  let bestD = Infinity;
  for (let row = Math.max(0, r0 - r); row <= Math.min(grid.ny - 1, r0 + r); row++) {
    for (let col = Math.max(0, c0 - r); col <= Math.min(grid.nx - 1, c0 + r); col++) {
      const i = row * grid.nx + col;
      if (!ok(i)) continue;
      const [cx, cy] = cellCentre(grid, i);
      const d = Math.hypot(cx - x, cy - y);
      if (d <= radiusM && d < bestD) {
        bestD = d;
        best = i;
      }
    }
  }
  return best;
}
