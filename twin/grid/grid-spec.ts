// The geometry of a simulation grid and the mapping between local metres and cells.
// Row 0 is the NORTH row (as in ESRI ASCII / GeoTIFF): index = row * nx + col.

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
