// Modelled flood walls: on the grid, every land cell that shares a face with a walled river gets the wall's crest
// (so the wall is watertight for 4-neighbour flow); as lines, the river polygon edges that face land, for listing.
import { cellAt, type GridSpec } from '../grid/grid-spec.ts';
import { lineLengthM } from '../geometry/index.ts';
import type { FloodWall, WaterBody, XY } from '../types.ts';

/**
 * Crest elevation per cell: every cell that is not river (land, and ponds or unnamed water pieces, which the map
 * often draws against the river bank) with a 4-neighbour in a walled body gets that body's crest (the highest when
 * several meet); NaN elsewhere. A pond beside the Huangpu left unwalled would be a breach in the wall.
 * @param waterIndex per cell, the index of the water body covering it, -1 for land
 * @param crestByBody per water body, its wall crest (m) or NaN when it has no wall
 * @param riverMask per cell, 1 where the river is held at its stage (never walled itself)
 */
export function wallCrestCells(
  spec: GridSpec,
  waterIndex: Int32Array,
  crestByBody: Float32Array,
  riverMask: Uint8Array,
): Float32Array {
  const { nx, ny } = spec;
  const crest = new Float32Array(nx * ny).fill(Number.NaN);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      if (riverMask[i] || (waterIndex[i] >= 0 && !Number.isNaN(crestByBody[waterIndex[i]]))) continue;
      // North, west, east, south: a face shared with a walled body puts a wall on this land cell.
      let best = Number.NaN;
      if (r > 0) best = higherCrest(best, waterIndex[i - nx], crestByBody);
      if (c > 0) best = higherCrest(best, waterIndex[i - 1], crestByBody);
      if (c < nx - 1) best = higherCrest(best, waterIndex[i + 1], crestByBody);
      if (r < ny - 1) best = higherCrest(best, waterIndex[i + nx], crestByBody);
      crest[i] = best;
    }
  }
  return crest;
}

/** The higher of `best` and the crest of water body `w` (-1: none); NaN counts as no wall. */
function higherCrest(best: number, w: number, crestByBody: Float32Array): number {
  if (w < 0) return best;
  const h = crestByBody[w];
  return Number.isNaN(h) || h <= best ? best : h;
}

/**
 * The flood walls as lines: stretches of a walled body's polygon edges with land on one side (tested on the grid a
 * cell's width either side of each piece), joined into polylines. Pieces are at most one cell long.
 * @param bodies water bodies in grid order (as indexed by `waterIndex`)
 * @param walls per body, its wall (crest and name) or undefined
 */
export function traceWallLines(
  spec: GridSpec,
  bodies: readonly WaterBody[],
  waterIndex: Int32Array,
  walls: readonly ({ crestM: number; name: string } | undefined)[],
): FloodWall[] {
  const out: FloodWall[] = [];
  const probe = spec.cellM * 0.75;
  const isLand = (x: number, y: number): boolean => {
    const i = cellAt(spec, x, y);
    return i >= 0 && waterIndex[i] < 0;
  };
  const isWater = (x: number, y: number): boolean => {
    const i = cellAt(spec, x, y);
    return i >= 0 && waterIndex[i] >= 0;
  };
  bodies.forEach((body, b) => {
    const wall = walls[b];
    if (!wall) return;
    let k = 0;
    for (const polygon of body.polygons) {
      for (const ring of polygon) {
        // 1. Split the ring into pieces at most a cell long and flag those with water on one side, land on the other.
        const pts: XY[] = [];
        const flags: boolean[] = [];
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i];
          const [bx, by] = ring[i + 1];
          const len = Math.hypot(bx - ax, by - ay);
          if (len === 0) continue;
          const nxu = -(by - ay) / len;
          const nyu = (bx - ax) / len;
          const pieces = Math.max(1, Math.ceil(len / spec.cellM));
          for (let p = 0; p < pieces; p++) {
            const t0 = p / pieces;
            const tm = (p + 0.5) / pieces;
            const mx = ax + (bx - ax) * tm;
            const my = ay + (by - ay) * tm;
            const l = isLand(mx + nxu * probe, my + nyu * probe);
            const r = isLand(mx - nxu * probe, my - nyu * probe);
            const wl = isWater(mx + nxu * probe, my + nyu * probe);
            const wr = isWater(mx - nxu * probe, my - nyu * probe);
            pts.push([ax + (bx - ax) * t0, ay + (by - ay) * t0]);
            flags.push((l && wr) || (r && wl));
          }
        }
        if (pts.length === 0) continue;
        pts.push(pts[0]);
        // 2. Join runs of flagged pieces; a run that wraps round the ring's start is joined to the one at its end.
        let start = 0;
        if (flags.every(Boolean)) start = 0;
        else while (flags[start]) start++;
        const n = flags.length;
        let line: XY[] = [];
        const flush = (): void => {
          if (line.length >= 2 && lineLengthM(line) >= 2 * spec.cellM) {
            out.push({
              id: `modelled-wall-${body.id}-${k++}`,
              name: wall.name,
              crestM: wall.crestM,
              line: dropCollinear(line),
              source: 'modelled',
            });
          }
          line = [];
        };
        for (let s = 0; s < n; s++) {
          const i = (start + s) % n;
          if (flags[i]) {
            if (line.length === 0) line.push(pts[i]);
            line.push(pts[i + 1]);
          } else flush();
        }
        flush();
      }
    }
  });
  return out;
}

/** Drops the points a cell-sized split put on straight edges (collinear to a millimetre). */
function dropCollinear(line: XY[]): XY[] {
  const out: XY[] = [line[0]];
  for (let i = 1; i + 1 < line.length; i++) {
    const a = out[out.length - 1];
    const b = line[i];
    const c = line[i + 1];
    const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    const len = Math.hypot(c[0] - a[0], c[1] - a[1]);
    if (len === 0 || Math.abs(cross) / len > 0.001) out.push(b);
  }
  out.push(line[line.length - 1]);
  return out;
}
