// The state a run starts from: wet spans per row, empty dirty spans, friction factors, maxima, the first step's
// h_max; and the check, before any work, that the CFL condition can be met on this grid.
import { SimulationError } from '../errors.ts';
import { stageMax } from './hydrograph.ts';
import { BLOCK_ROWS, invDepth73, invRoot, NQ, OPEN, Q_HMAX, RIVER } from './layout.ts';
import type { HydroArrays } from './layout.ts';
import type { ModelSpec } from './model.ts';
import type { FloodOptions } from './types.ts';

/** Wet spans per row, empty dirty spans, maxima and first-wetting times, and the first step's h_max. */
export function initState(spec: ModelSpec, a: HydroArrays): void {
  const { nx, ny } = spec.cfg;
  for (let r = 0; r < ny; r++) {
    let lo = nx;
    let hi = -1;
    for (let c = 0; c < nx; c++)
      if (a.h[r * nx + c] > 0) {
        if (c < lo) lo = c;
        hi = c;
      }
    for (const buf of a.range) {
      buf[2 * r] = lo;
      buf[2 * r + 1] = hi;
    }
  }
  for (const d of [...a.qxDirty, ...a.qyDirty])
    for (let k = 0; k < d.length; k += 2) {
      d[k] = nx;
      d[k + 1] = -1;
    }
  a.firstWetS.fill(-1);
  for (let i = 0; i < a.h.length; i++) {
    a.hInv73[i] = invDepth73(a.h[i]);
    a.hRoot[i] = invRoot(a.h[i]);
  }
  for (let i = 0; i < a.h.length; i++) {
    const h = a.h[i];
    if (a.kind[i] !== OPEN) continue;
    a.maxDepthM[i] = h;
    if (h > spec.cfg.wetDepthM) a.firstWetS[i] = 0;
    const b = Math.floor(Math.floor(i / nx) / BLOCK_ROWS) * NQ + Q_HMAX;
    if (h > a.blockQ[b]) a.blockQ[b] = h;
  }
  for (let i = 0; i < a.h.length; i++) {
    if (a.kind[i] !== RIVER) continue;
    const b = Math.floor(Math.floor(i / nx) / BLOCK_ROWS) * NQ + Q_HMAX;
    if (a.h[i] > a.blockQ[b]) a.blockQ[b] = a.h[i];
  }
}

/** Cell indices along an edge (0 north, 1 east, 2 south, 3 west). */
export function edgeCells(edge: number, nx: number, ny: number): number[] {
  const out: number[] = [];
  if (edge === 0 || edge === 2) for (let c = 0; c < nx; c++) out.push((edge === 0 ? 0 : ny - 1) * nx + c);
  else for (let r = 0; r < ny; r++) out.push(r * nx + (edge === 3 ? 0 : nx - 1));
  return out;
}

/** Depth (m) the step size is checked against before the run: deepest known water, at least 1 m. */
export const CFL_CHECK_DEPTH_M = 1;

export function checkCfl(spec: ModelSpec, a: HydroArrays, o: FloodOptions): void {
  let depth = CFL_CHECK_DEPTH_M;
  for (let i = 0; i < a.h.length; i++) if (a.kind[i] === OPEN && a.h[i] > depth) depth = a.h[i];
  for (let e = 0; e < 4; e++) {
    const st = spec.edgeStage[e];
    if (st !== null) depth = Math.max(depth, stageMax(st) - spec.edgeMinBedM[e]);
  }
  const dt = (spec.cfl * spec.cfg.dxM) / Math.sqrt(spec.cfg.gravity * depth);
  if (dt < spec.minDtS)
    throw new SimulationError(
      `the CFL condition cannot be met: cells of ${spec.cfg.dxM} with water ${depth.toFixed(2)} m deep need steps of ${dt.toExponential(2)} s, below the floor of ${spec.minDtS} s`,
      { input: 'grid', field: 'cellM' },
      'use a grid in metres (reproject a degree DEM) or coarser cells' + (o.minDtS ? '' : ', or lower minDtS'),
    );
}
