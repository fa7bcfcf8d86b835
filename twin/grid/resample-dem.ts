// Resamples a DEM from its own CRS onto the district's grid in local metres: bilinear where the four source cells
// around a point are valid, nearest next to NODATA; cells off the DEM or on NODATA are counted and filled by policy.
import { TwinError, orLenient, type LoadOptions } from '../errors.ts';
import type { Projector } from '../projection/index.ts';
import type { Raster } from '../types.ts';
import type { GridSpec } from './grid-spec.ts';

/** How missing cells (off the DEM or on NODATA) are filled. */
export type DemFill = 'nearest' | { valueM: number };

/** Options for `resampleDem`. */
export interface ResampleOptions {
  /** Source CRS → local metres; omit when the raster is already in local metres. */
  projector?: Projector;
  /** Fill policy for missing cells: copy the nearest filled cell (default), or a constant elevation. */
  fill?: DemFill;
  /** Largest share of missing cells accepted in strict mode (default 0.01 = 1 %). */
  maxMissingShare?: number;
  /** The DEM's file name, for messages. */
  file?: string;
  /** Strict (default): too many missing cells throw; lenient: they are filled and a warning recorded. */
  opts?: LoadOptions;
}

/** What resampling did. */
export interface ResampleReport {
  /** Grid cells whose centre fell outside the DEM. */
  outsideCells: number;
  /** Grid cells whose nearest source cell was NODATA. */
  nodataCells: number;
  /** outsideCells + nodataCells, and their share of the grid. */
  missingCells: number;
  missingShare: number;
  /** The policy used to fill them. */
  fill: DemFill;
}

/** Source coordinates are projected on a lattice every LATTICE cells and interpolated between (proj4 is slow). */
const LATTICE = 16;

/**
 * Samples `dem` at every cell centre of `spec`.
 * @returns bed elevation per grid cell (metres, row 0 north) and a report of missing cells
 * @throws TwinError in strict mode when more than `maxMissingShare` of the cells are missing
 */
export function resampleDem(
  dem: Raster,
  spec: GridSpec,
  options: ResampleOptions = {},
): { bedM: Float32Array; report: ResampleReport } {
  const { nx, ny } = spec;
  const fill = options.fill ?? 'nearest';
  const n = nx * ny;
  const bedM = new Float32Array(n);
  const valid = new Uint8Array(n);
  const srcX = new Float64Array(nx);
  const srcY = new Float64Array(nx);
  const lat = latticeProjector(spec, options.projector);
  const { values, nx: snx, ny: sny, cellM: sc, x0: sx0, y0: sy0 } = dem;
  const nodata = dem.nodata;
  const top = sy0 + sny * sc;
  let outside = 0;
  let nodataCells = 0;
  // 1. Each grid row: source coordinates of its centres, then bilinear (or nearest next to NODATA) sampling.
  for (let row = 0; row < ny; row++) {
    lat.row(row, srcX, srcY);
    for (let col = 0; col < nx; col++) {
      const i = row * nx + col;
      const fx = (srcX[col] - sx0) / sc - 0.5;
      const fy = (top - srcY[col]) / sc - 0.5;
      const nc = Math.round(fx);
      const nr = Math.round(fy);
      if (!(nc >= 0 && nc < snx && nr >= 0 && nr < sny)) {
        outside++;
        continue;
      }
      const c0 = Math.max(0, Math.min(snx - 2, Math.floor(fx)));
      const r0 = Math.max(0, Math.min(sny - 2, Math.floor(fy)));
      const tx = snx > 1 ? Math.max(0, Math.min(1, fx - c0)) : 0;
      const ty = sny > 1 ? Math.max(0, Math.min(1, fy - r0)) : 0;
      const c1 = Math.min(snx - 1, c0 + 1);
      const r1 = Math.min(sny - 1, r0 + 1);
      const a = values[r0 * snx + c0];
      const b = values[r0 * snx + c1];
      const c = values[r1 * snx + c0];
      const d = values[r1 * snx + c1];
      if (a !== nodata && b !== nodata && c !== nodata && d !== nodata) {
        bedM[i] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
        valid[i] = 1;
      } else {
        const v = values[nr * snx + nc];
        if (v === nodata) nodataCells++;
        else {
          bedM[i] = v;
          valid[i] = 1;
        }
      }
    }
  }
  // 2. Report and policy.
  const missing = outside + nodataCells;
  const report: ResampleReport = {
    outsideCells: outside,
    nodataCells,
    missingCells: missing,
    missingShare: missing / n,
    fill,
  };
  if (missing > 0) {
    const maxShare = options.maxMissingShare ?? 0.01;
    const what = `${missing} of ${n} grid cells (${(100 * report.missingShare).toFixed(2)} %) have no elevation: ${outside} outside the DEM, ${nodataCells} on NODATA`;
    const hint = orLenient('give a DEM that covers the whole district', 'fill the gaps');
    if (report.missingShare > maxShare) {
      if (!options.opts?.lenient) throw new TwinError(what, { file: options.file, field: 'terrain' }, hint);
      options.opts.warnings?.push({ message: `${what}; filled (${fillName(fill)})`, where: { file: options.file } });
    }
    if (missing === n && fill === 'nearest') {
      throw new TwinError(
        'the DEM does not overlap the district at all',
        { file: options.file, field: 'terrain' },
        'check its CRS',
      );
    }
    if (fill === 'nearest') fillNearest(bedM, valid, nx, ny);
    else for (let i = 0; i < n; i++) if (!valid[i]) bedM[i] = fill.valueM;
  }
  return { bedM, report };
}

function fillName(fill: DemFill): string {
  return fill === 'nearest' ? 'nearest cell' : `${fill.valueM} m`;
}

/** Projects grid centres to the source CRS on a coarse lattice and interpolates each row from it. */
function latticeProjector(spec: GridSpec, projector: Projector | undefined) {
  const { nx, ny, cellM, x0, y0 } = spec;
  const lx = Math.ceil((nx - 1) / LATTICE) + 1;
  const ly = Math.ceil((ny - 1) / LATTICE) + 1;
  const px = new Float64Array(lx * ly);
  const py = new Float64Array(lx * ly);
  for (let j = 0; j < ly; j++) {
    const row = Math.min(ny - 1, j * LATTICE);
    for (let k = 0; k < lx; k++) {
      const col = Math.min(nx - 1, k * LATTICE);
      const x = x0 + (col + 0.5) * cellM;
      const y = y0 + (ny - row - 0.5) * cellM;
      const p = projector ? projector.fromLocal(x, y) : [x, y];
      px[j * lx + k] = p[0];
      py[j * lx + k] = p[1];
    }
  }
  return {
    row(row: number, outX: Float64Array, outY: Float64Array): void {
      const j = Math.min(ly - 2, Math.floor(row / LATTICE));
      const rowA = j * LATTICE;
      const rowB = Math.min(ny - 1, rowA + LATTICE);
      const ty = ly > 1 && rowB > rowA ? (row - rowA) / (rowB - rowA) : 0;
      const ja = Math.max(0, j);
      const jb = Math.min(ly - 1, ja + 1);
      for (let col = 0; col < nx; col++) {
        const k = Math.min(lx - 2, Math.floor(col / LATTICE));
        const ka = Math.max(0, k);
        const kb = Math.min(lx - 1, ka + 1);
        const colA = ka * LATTICE;
        const colB = Math.min(nx - 1, colA + LATTICE);
        const tx = colB > colA ? (col - colA) / (colB - colA) : 0;
        const a = ja * lx + ka;
        const b = ja * lx + kb;
        const c = jb * lx + ka;
        const d = jb * lx + kb;
        outX[col] = (px[a] * (1 - tx) + px[b] * tx) * (1 - ty) + (px[c] * (1 - tx) + px[d] * tx) * ty;
        outY[col] = (py[a] * (1 - tx) + py[b] * tx) * (1 - ty) + (py[c] * (1 - tx) + py[d] * tx) * ty;
      }
    },
  };
}

/** Fills cells with valid[i] = 0 from the nearest valid cell, breadth-first over 4-neighbours (deterministic). */
export function fillNearest(values: Float32Array, valid: Uint8Array, nx: number, ny: number): void {
  const n = nx * ny;
  const queue = new Int32Array(n);
  const done = Uint8Array.from(valid);
  let tail = 0;
  const reach = (j: number, v: number): void => {
    if (done[j]) return;
    values[j] = v;
    done[j] = 1;
    queue[tail++] = j;
  };
  for (let i = 0; i < n; i++) if (done[i]) queue[tail++] = i;
  // Neighbours in a fixed order (north, west, east, south) so ties resolve the same way every run.
  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    const row = (i / nx) | 0;
    const col = i - row * nx;
    const v = values[i];
    if (row > 0) reach(i - nx, v);
    if (col > 0) reach(i - 1, v);
    if (col < nx - 1) reach(i + 1, v);
    if (row < ny - 1) reach(i + nx, v);
  }
}
