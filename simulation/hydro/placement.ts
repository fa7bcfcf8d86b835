// Where inflows and gauges sit on the grid: a point's cell and a line's cells with their share of the line.
// Coordinates are in the grid's own units; a point on the grid's far edge belongs to the last cell.
import { SimulationError } from '../errors.ts';

/** Placement of a grid: size, cell size and south-west corner. Row 0 is north. */
export interface GridFrame {
  nx: number;
  ny: number;
  cellM: number;
  x0: number;
  y0: number;
}

/** Cell index holding (x, y), or −1 outside. Points exactly on the east or north edge count as inside. */
export function cellOf(g: GridFrame, x: number, y: number): number {
  const fx = (x - g.x0) / g.cellM;
  const fy = (y - g.y0) / g.cellM;
  if (!(fx >= 0 && fx <= g.nx && fy >= 0 && fy <= g.ny)) return -1;
  const col = Math.min(g.nx - 1, Math.floor(fx));
  const rowFromSouth = Math.min(g.ny - 1, Math.floor(fy));
  return (g.ny - 1 - rowFromSouth) * g.nx + col;
}

/**
 * The cells a segment crosses, each with its share of the segment's length (shares sum to 1). The segment is
 * sampled at the midpoints of pieces a sixteenth of a cell long, so a line along a cell edge picks the cells on
 * one side only, as LISFLOOD-FP does for its boundary segments.
 * @throws SimulationError when part of the segment lies outside the grid
 */
export function cellsAlongSegment(
  g: GridFrame,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  input: string,
): { cells: number[]; weights: number[] } {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) {
    const c = cellOf(g, x1, y1);
    if (c < 0) throw outside(g, x1, y1, input);
    return { cells: [c], weights: [1] };
  }
  const n = Math.max(1, Math.ceil((len / g.cellM) * 16));
  const counts = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const t = (k + 0.5) / n;
    const x = x1 + (x2 - x1) * t;
    const y = y1 + (y2 - y1) * t;
    const c = cellOf(g, x, y);
    if (c < 0) throw outside(g, x, y, input);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const cells = [...counts.keys()];
  return { cells, weights: cells.map((c) => counts.get(c)! / n) };
}

/** The error for a coordinate outside the grid, giving the grid's extent. */
export function outside(g: GridFrame, x: number, y: number, input: string): SimulationError {
  return new SimulationError(
    `(${x}, ${y}) is outside the grid`,
    { input },
    `use coordinates in the DEM's units within x ${g.x0}–${g.x0 + g.nx * g.cellM}, y ${g.y0}–${g.y0 + g.ny * g.cellM}`,
  );
}
