// Lines with a width on the grid: every cell whose centre lies within half the width of a polyline, plus the cells
// the centre line itself crosses (so a line narrower than a cell still leaves an unbroken trail). Hand-written over
// typed arrays, not turf's buffer + polygon fill: that would allocate per road, and rasterising must stay fast.
import type { XY } from '../types.ts';
import { cellsAlongLine, type GridSpec } from './grid-spec.ts';

/**
 * Calls `visit(index, alongM, offsetM)` for each cell whose centre is within `halfWidthM` of the polyline, with the
 * distance along the line of the nearest point and the centre's distance from it. A cell near a bend may be visited
 * once per segment; callers combine visits (min, max, or plain overwrite).
 */
export function forEachCellNearLine(
  spec: GridSpec,
  coords: readonly XY[],
  halfWidthM: number,
  visit: (index: number, alongM: number, offsetM: number) => void,
): void {
  const { nx, ny, cellM, x0, y0 } = spec;
  let along = 0;
  for (let s = 0; s + 1 < coords.length; s++) {
    const [ax, ay] = coords[s];
    const [bx, by] = coords[s + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const len = Math.sqrt(len2);
    // 1. Cells whose centres fall in the segment's box grown by the half width.
    const c0 = Math.max(0, Math.ceil((Math.min(ax, bx) - halfWidthM - x0) / cellM - 0.5));
    const c1 = Math.min(nx - 1, Math.floor((Math.max(ax, bx) + halfWidthM - x0) / cellM - 0.5));
    const r0 = Math.max(0, Math.ceil(ny - 0.5 - (Math.max(ay, by) + halfWidthM - y0) / cellM));
    const r1 = Math.min(ny - 1, Math.floor(ny - 0.5 - (Math.min(ay, by) - halfWidthM - y0) / cellM));
    // 2. Distance of each centre to the segment.
    for (let r = r0; r <= r1; r++) {
      const yc = y0 + (ny - r - 0.5) * cellM;
      for (let c = c0; c <= c1; c++) {
        const xc = x0 + (c + 0.5) * cellM;
        let t = len2 > 0 ? ((xc - ax) * dx + (yc - ay) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ox = xc - (ax + t * dx);
        const oy = yc - (ay + t * dy);
        const off = Math.sqrt(ox * ox + oy * oy);
        if (off <= halfWidthM) visit(r * nx + c, along + t * len, off);
      }
    }
    along += len;
  }
}

/**
 * Writes `value` into the cells within `halfWidthM` of the polyline and the cells its centre line crosses.
 * @returns the number of writes (a cell near a bend counts once per segment)
 */
export function fillLine(
  spec: GridSpec,
  coords: readonly XY[],
  halfWidthM: number,
  out: { [i: number]: number; length: number },
  value: number,
): number {
  let writes = 0;
  forEachCellNearLine(spec, coords, halfWidthM, (i) => {
    out[i] = value;
    writes++;
  });
  for (const i of cellsAlongLine(spec, coords)) {
    out[i] = value;
    writes++;
  }
  return writes;
}

export { lineLengthM } from '../geometry/index.ts';
