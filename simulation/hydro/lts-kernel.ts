// Local time stepping (docs/local-time-stepping.md): per macro step every cell gets a level k, its own step
// 2^k·dt0; a face takes the finer level of its two cells and is recomputed every 2^k sub-steps with that step. The
// volume a face moves goes into both its cells at once (so a finer face next to a coarser cell sees the water that
// cell really holds, and every cubic metre leaves one cell as it enters the next); a cell's own sources (rain,
// infiltration, inlets, inflows, trucks) and its river stage come at the end of its own period. Pure over typed
// arrays, like the other kernels: the same bits in any thread, any band split, Node or a browser Worker.
import { edgeFace, xFaces, yFaces } from './flux-faces.ts';
import { retireDirty, xTarget, xTargetOffset, yTarget, yTargetOffset } from './flux-kernel.ts';
import { EDGE_STAGE } from './kernel-config.ts';
import type { Band, KernelConfig, StepVars } from './kernel-config.ts';
import {
  BLOCK_ROWS,
  CLOSED,
  NQ,
  Q_BIN,
  Q_BOUT,
  Q_CELLS,
  Q_DRAIN,
  Q_HMAX,
  Q_INFIL,
  Q_RAIN,
  Q_STORED,
  RIVER,
} from './layout.ts';
import type { HydroArrays, ThreadScratch } from './layout.ts';
import { applyInflows, applyTrucks, riverFlowDepth } from './update-kernel.ts';

/** Level of a cell where nothing can move this macro step (closed, or dry two cells around). */
export const LTS_INACTIVE = 255;

/** The thread's scratch arrays local time stepping works on (layout.ts's ThreadScratch describes each). */
type LevelArrays = Pick<ThreadScratch, 'levels' | 'touch' | 'rawLevels' | 'cflDepth' | 'cellSpan' | 'touchSpan'>;

/**
 * One thread's private level state: levels for its rows and the rows around them, and per-row spans, on the
 * thread's scratch arrays in the engine's memory (the WebAssembly kernels read and write them there).
 */
export interface LtsScratch extends LevelArrays {
  /** Levels this macro step go from 0 to K. */
  K: number;
  /** River cells and cells on a stage edge (found on the first macro step). */
  special: Int32Array | null;
  /** Cells that take a point or line inflow: always the finest level (an inflow's step-sized slugs stay small). */
  inflowCells: Int32Array;
}

/** A thread's level state on its scratch arrays, cleared. */
export function createLtsScratch(inflowCells: Int32Array, scratch: LevelArrays): LtsScratch {
  return {
    K: 0,
    levels: scratch.levels.fill(LTS_INACTIVE),
    rawLevels: scratch.rawLevels.fill(LTS_INACTIVE),
    cflDepth: scratch.cflDepth.fill(0),
    touch: scratch.touch.fill(LTS_INACTIVE),
    special: null,
    inflowCells,
    cellSpan: scratch.cellSpan,
    touchSpan: scratch.touchSpan,
  };
}

/** Rows a band needs final levels for: [r0 − 2, r1 + 2) within the grid. */
function needRows(ny: number, band: Band): [number, number] {
  return [Math.max(0, band.r0 - 2), Math.min(ny, band.r1 + 2)];
}

/**
 * Levels for the macro step from the depths now: the CFL depth around a cell (itself and its four neighbours;
 * river cells by the stage above their lowest land crest, stage edges by the stage) sets the longest step it may
 * take, `hLimit[k]` is the deepest water a step of 2^k·dt0 allows; a cell then takes the finest of its own and
 * its neighbours' levels. Computed over the band's rows and enough rows around them that the
 * result on every row the band reads is the same whatever the band split.
 */
export function computeLevels(
  a: HydroArrays,
  k: KernelConfig,
  band: Band,
  L: LtsScratch,
  hLimit: Float64Array,
  K: number,
  riverStageM: number,
  edgeStageM: Float64Array,
): void {
  const { nx, ny } = k;
  const [f0, f1] = needRows(ny, band);
  const lv = L.levels;
  const raw = L.rawLevels;
  const d = L.cflDepth;
  const z = a.z;
  const kind = a.kind;
  const ek = k.edgeKind;
  L.K = K;
  if (L.special === null) L.special = specialCells(a, k);
  // 1. CFL depth per cell over rows [f0 − 2, f1 + 2): the depth, but river cells by the stage above their lowest
  //    land crest, and cells on a stage edge at least the stage (such cells are never inactive).
  const d0 = Math.max(0, f0 - 2);
  const d1 = Math.min(ny, f1 + 2);
  d.set(a.h.subarray(d0 * nx, d1 * nx), d0 * nx);
  const sp = L.special;
  for (let e = 0; e < sp.length; e++) {
    const i = sp[e];
    if (i < d0 * nx || i >= d1 * nx) continue;
    let v = 0;
    if (kind[i] === RIVER) {
      const fd = riverFlowDepth(a, k, i, riverStageM);
      v = fd > 0 ? fd : 0;
    } else v = d[i];
    const r = (i / nx) | 0;
    const c = i - r * nx;
    for (let edge = 0; edge < 4; edge++) {
      if (ek[edge] !== EDGE_STAGE) continue;
      const on = edge === 0 ? r === 0 : edge === 1 ? c === nx - 1 : edge === 2 ? r === ny - 1 : c === 0;
      if (!on) continue;
      const sd = edgeStageM[edge] - z[i];
      v = sd > v ? sd : v > 0 ? v : 1e-300;
    }
    d[i] = v;
  }
  // 2. Raw levels over rows [f0 − 1, f1 + 1) from the deepest water of the cell and its neighbours; inactive where
  //    that is none (a dry cell next to an active one still takes what it is sent: it is in the touch spans).
  const a0 = Math.max(0, f0 - 1);
  const a1 = Math.min(ny, f1 + 1);
  const kernel = a.kernel;
  kernel.levelsRaw(d.byteOffset, kind.byteOffset, raw.byteOffset, hLimit.byteOffset, nx, ny, a0, a1, K);
  // Inflow cells are always at level 0.
  const inf = L.inflowCells;
  for (let e = 0; e < inf.length; e++) {
    const i = inf[e];
    if (i >= a0 * nx && i < a1 * nx && kind[i] !== CLOSED) raw[i] = 0;
  }
  // 3. Over rows [f0, f1) a cell takes the finest raw level of itself and its neighbours: the step of a cell is set
  //    by the deepest water within two cells of it, so the cells around a deep pit step with it (one ring less
  //    lets a pit's rim drain on coarse steps: the Bund's 外滩隧道 ramp H16 then peaks 0.17 m high).
  kernel.levelsRing(raw.byteOffset, lv.byteOffset, nx, ny, f0, f1);
  // 4. Spans per level: cells of level ≤ j (rows [f0, f1)), and cells next to one (rows [r0 − 1, r1 + 1)).
  kernel.levelSpans(
    lv.byteOffset,
    L.touch.byteOffset,
    L.cellSpan.byteOffset,
    L.touchSpan.byteOffset,
    nx,
    ny,
    f0,
    f1,
    K,
  );
}

/** River cells and open cells on a stage edge: the cells whose CFL depth is not their depth. */
function specialCells(a: HydroArrays, k: KernelConfig): Int32Array {
  const { nx, ny } = k;
  const ek = k.edgeKind;
  const out: number[] = [];
  for (let i = 0; i < nx * ny; i++) {
    const kd = a.kind[i];
    if (kd === CLOSED) continue;
    const r = (i / nx) | 0;
    const c = i - r * nx;
    const onStage =
      (r === 0 && ek[0] === EDGE_STAGE) ||
      (c === nx - 1 && ek[1] === EDGE_STAGE) ||
      (r === ny - 1 && ek[2] === EDGE_STAGE) ||
      (c === 0 && ek[3] === EDGE_STAGE);
    if (kd === RIVER || onStage) out.push(i);
  }
  return Int32Array.from(out);
}

/** Due x faces of row r, edges included, into the scratch buffer. */
function xRowLts(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  band: Band,
  L: LtsScratch,
  cur: number,
  r: number,
): void {
  const nx = k.nx;
  const jf = s.jFace;
  const lv = L.levels;
  const out = xTarget(a, k, band, 1 - cur, r);
  const o = xTargetOffset();
  const sp = jf * 2 * k.ny + 2 * r;
  const lo = L.cellSpan[sp];
  const hi = L.cellSpan[sp + 1];
  if (lo > hi) return;
  const cLo = lo < 1 ? 1 : lo;
  const cHi = hi + 1 > nx - 1 ? nx - 1 : hi + 1;
  const qxOld = a.qx[cur];
  if (cLo <= cHi) xFaces(a, k, s, qxOld, a.qy[cur], out, o, r, cLo, cHi);
  const fw = r * (nx + 1);
  const ek = k.edgeKind;
  const iw = r * nx;
  if (ek[3] !== 0 && lv[iw] <= jf)
    out[o] = edgeFace(a, k, s, 3, qxOld[fw], a.gn2x[fw], iw, iw + (nx > 1 ? 1 : 0), -1, s.dtLevel[lv[iw]]);
  const ie = iw + nx - 1;
  if (ek[1] !== 0 && lv[ie] <= jf)
    out[o + nx] = edgeFace(a, k, s, 1, qxOld[fw + nx], a.gn2x[fw + nx], ie, nx > 1 ? ie - 1 : ie, 1, s.dtLevel[lv[ie]]);
}

/** Due y faces of face row f (edges included). */
function yRowLts(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  band: Band,
  L: LtsScratch,
  cur: number,
  f: number,
): void {
  const nx = k.nx;
  const ny = k.ny;
  const jf = s.jFace;
  const lv = L.levels;
  const out = yTarget(a, k, band, 1 - cur, f);
  const o = yTargetOffset();
  const stride = jf * 2 * ny;
  const qyOld = a.qy[cur];
  if (f === 0 || f === ny) {
    const edge = f === 0 ? 0 : 2;
    if (k.edgeKind[edge] === 0) return;
    const row = f === 0 ? 0 : ny - 1;
    const lo = L.cellSpan[stride + 2 * row];
    const hi = L.cellSpan[stride + 2 * row + 1];
    const rowBase = row * nx;
    const inner = ny > 1 ? (f === 0 ? nx : -nx) : 0;
    const outward = f === 0 ? -1 : 1;
    for (let c = lo; c <= hi; c++) {
      const i = rowBase + c;
      if (lv[i] > jf) continue;
      out[o + c] = edgeFace(
        a,
        k,
        s,
        edge,
        qyOld[f * nx + c],
        a.gn2y[f * nx + c],
        i,
        i + inner,
        outward,
        s.dtLevel[lv[i]],
      );
    }
    return;
  }
  const ln = L.cellSpan[stride + 2 * (f - 1)];
  const hn = L.cellSpan[stride + 2 * (f - 1) + 1];
  const ls = L.cellSpan[stride + 2 * f];
  const hs = L.cellSpan[stride + 2 * f + 1];
  const cLo = ln < ls ? ln : ls;
  const cHi = hn > hs ? hn : hs;
  if (cLo <= cHi) yFaces(a, k, s, qyOld, a.qx[cur], out, o, f, cLo, cHi);
}

/**
 * Scales the due outflows of row r's cells that would take more water than the cell holds now (what finer faces
 * have already moved in or out this period included): each face once, by its upstream cell, as `fluxPass`.
 */
function limitRowLts(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  band: Band,
  L: LtsScratch,
  cur: number,
  r: number,
): void {
  const nx = k.nx;
  const ny = k.ny;
  const jf = s.jFace;
  const sp = jf * 2 * ny + 2 * r;
  const lo = L.touchSpan[sp];
  const hi = L.touchSpan[sp + 1];
  if (lo > hi) return;
  const nxt = 1 - cur;
  const X = xTarget(a, k, band, nxt, r);
  const xo = xTargetOffset();
  const N = yTarget(a, k, band, nxt, r);
  const no = yTargetOffset();
  const S = yTarget(a, k, band, nxt, r + 1);
  const so = yTargetOffset();
  const ek = k.edgeKind;
  a.kernel.limitRowLts(
    a.h.byteOffset,
    a.kind.byteOffset,
    L.levels.byteOffset,
    L.touch.byteOffset,
    s.dtLevel.byteOffset,
    X.byteOffset + 8 * xo,
    N.byteOffset + 8 * no,
    S.byteOffset + 8 * so,
    (ek[0] !== 0 ? 1 : 0) | (ek[1] !== 0 ? 2 : 0) | (ek[2] !== 0 ? 4 : 0) | (ek[3] !== 0 ? 8 : 0),
    r,
    nx,
    ny,
    lo,
    hi,
    jf,
    k.dxM,
  );
}

/** Pass 1 of a sub-step over the band (and the rows either side, into its halo scratch), as `fluxPass`. */
export function fluxPassLts(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  band: Band,
  L: LtsScratch,
  cur: number,
): void {
  const ra = band.r0 > 0 ? band.r0 - 1 : 0;
  const rb = band.r1 < k.ny ? band.r1 : k.ny - 1;
  yRowLts(a, k, s, band, L, cur, ra);
  for (let r = ra; r <= rb; r++) {
    xRowLts(a, k, s, band, L, cur, r);
    yRowLts(a, k, s, band, L, cur, r + 1);
    limitRowLts(a, k, s, band, L, cur, r);
  }
}

/**
 * Copies the band's own due faces of this sub-step from the scratch buffer into the current one; on the first
 * sub-step (every active face due) also zeroes the current faces no active cell touches.
 */
function commitFaces(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, L: LtsScratch, cur: number): void {
  const { nx, ny } = k;
  const jf = s.jFace;
  const lv = L.levels;
  const ek = k.edgeKind;
  const stride = jf * 2 * ny;
  const first = s.firstSub;
  const qxN = a.qx[1 - cur];
  const qxC = a.qx[cur];
  const qyN = a.qy[1 - cur];
  const qyC = a.qy[cur];
  const kernel = a.kernel;
  for (let r = band.r0; r < band.r1; r++) {
    // x faces of row r.
    const lo = L.cellSpan[stride + 2 * r];
    const hi = L.cellSpan[stride + 2 * r + 1];
    const fb = r * (nx + 1);
    const cb = r * nx;
    let fLo = nx + 1;
    let fHi = -1;
    if (lo <= hi) {
      fLo = lo;
      fHi = hi + 1;
      const cLo = lo < 1 ? 1 : lo;
      const cHi = hi + 1 > nx - 1 ? nx - 1 : hi + 1;
      kernel.commitSpan(lv.byteOffset, qxN.byteOffset, qxC.byteOffset, cb - 1, cb, fb, cLo, cHi, jf, first ? 1 : 0);
      if (ek[3] !== 0 && lv[cb] <= jf) qxC[fb] = qxN[fb];
      if (ek[1] !== 0 && lv[cb + nx - 1] <= jf) qxC[fb + nx] = qxN[fb + nx];
    }
    if (first) retireDirty(qxC, fb, a.qxDirty[cur], r, fLo, fHi);
    // y faces the band owns: the south face of row r, and the north edge for row 0.
    if (r === 0) commitY(a, k, L, qyN, qyC, 0, first, cur, jf);
    commitY(a, k, L, qyN, qyC, r + 1, first, cur, jf);
  }
}

function commitY(
  a: HydroArrays,
  k: KernelConfig,
  L: LtsScratch,
  qyN: Float64Array,
  qyC: Float64Array,
  f: number,
  first: boolean,
  cur: number,
  jf: number,
): void {
  const { nx, ny } = k;
  const lv = L.levels;
  const stride = jf * 2 * ny;
  const fb = f * nx;
  let lo = nx;
  let hi = -1;
  if (f === 0 || f === ny) {
    const row = f === 0 ? 0 : ny - 1;
    if (k.edgeKind[f === 0 ? 0 : 2] !== 0) {
      lo = L.cellSpan[stride + 2 * row];
      hi = L.cellSpan[stride + 2 * row + 1];
      for (let c = lo; c <= hi; c++) if (lv[row * nx + c] <= jf) qyC[fb + c] = qyN[fb + c];
    }
  } else {
    const ln = L.cellSpan[stride + 2 * (f - 1)];
    const hn = L.cellSpan[stride + 2 * (f - 1) + 1];
    const ls = L.cellSpan[stride + 2 * f];
    const hs = L.cellSpan[stride + 2 * f + 1];
    lo = ln < ls ? ln : ls;
    hi = hn > hs ? hn : hs;
    a.kernel.commitSpan(lv.byteOffset, qyN.byteOffset, qyC.byteOffset, fb - nx, fb, fb, lo, hi, jf, first ? 1 : 0);
  }
  if (first) retireDirty(qyC, fb, a.qyDirty[cur], f, lo, hi);
}

/**
 * Pass 2 of a sub-step over band rows [r0, r1): every cell next to a due face takes that face's volume now; cells
 * whose period starts now (level ≤ jFace; on the first sub-step also the inactive ones) take their rain,
 * infiltration, inlets, inflow and truck draw over the period, and river cells go to the stage at its end. Block
 * partials add up over the macro step; after the last sub-step the stored water and h_max are summed over every cell.
 */
export function updatePassLts(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  band: Band,
  L: LtsScratch,
  cur: number,
): void {
  const nx = k.nx;
  const ny = k.ny;
  const nxf = nx + 1;
  const nxt = 1 - cur;
  const qx = a.qx[nxt];
  const qy = a.qy[nxt];
  const lv = L.levels;
  const blockQ = a.blockQ;
  const blockCatch = a.blockCatch;
  const slots = k.catchSlots;
  const invDx = 1 / k.dxM;
  const dtL = s.dtLevel;
  const jf = s.jFace;
  const first = s.firstSub;
  const rainMode = s.rainMode;
  const sinks = k.hasSinks;
  const ek = k.edgeKind;
  const { r0, r1 } = band;
  const stride = 2 * ny;
  // Under rain the first sub-step visits every cell: inactive ones take the macro step's rain.
  const rainAll = first && rainMode !== 0;

  // 1. The macro step's first sub-step clears the band's block partials.
  const b0 = (r0 / BLOCK_ROWS) | 0;
  const b1 = ((r1 - 1) / BLOCK_ROWS) | 0;
  if (first) {
    blockQ.fill(0, b0 * NQ, (b1 + 1) * NQ);
    if (sinks) blockCatch.fill(0, b0 * slots, (b1 + 1) * slots);
  }

  // Where the WebAssembly kernel that makes the cell updates (3., 4.) finds its arrays (assembly/faces.ts,
  // updateRowLts).
  const ptr = band.ltsPointers;
  const sums = band.updateSums;
  ptr[0] = qx.byteOffset;
  ptr[1] = qy.byteOffset;
  ptr[2] = a.qx[cur].byteOffset;
  ptr[3] = a.qy[cur].byteOffset;
  ptr[4] = a.h.byteOffset;
  ptr[5] = a.hInv73.byteOffset;
  ptr[6] = a.hRoot.byteOffset;
  ptr[7] = a.kind.byteOffset;
  ptr[8] = a.z.byteOffset;
  ptr[9] = lv.byteOffset;
  ptr[10] = L.touch.byteOffset;
  ptr[11] = a.maxDepthM.byteOffset;
  ptr[12] = a.firstWetS.byteOffset;
  ptr[13] = a.maxSpeedMPerS.byteOffset;
  ptr[14] = a.rainMmPerH[s.rainBufferA].byteOffset;
  ptr[15] = a.rainMmPerH[1 - s.rainBufferA].byteOffset;
  ptr[16] = a.infilClass.byteOffset;
  ptr[17] = a.drainMPerS.byteOffset;
  ptr[18] = a.catchSlot.byteOffset;
  ptr[19] = s.catchFactor.byteOffset;
  ptr[20] = blockCatch.byteOffset;
  ptr[21] = dtL.byteOffset;
  ptr[22] = s.rainLevelA.byteOffset;
  ptr[23] = s.rainLevelB.byteOffset;
  ptr[24] = s.rainLevelDepthM.byteOffset;
  ptr[25] = s.infilLevelM.byteOffset;
  ptr[26] = s.riverStageLevelM.byteOffset;
  const edges = (ek[0] !== 0 ? 1 : 0) | (ek[1] !== 0 ? 2 : 0) | (ek[2] !== 0 ? 4 : 0) | (ek[3] !== 0 ? 8 : 0);
  const kernel = a.kernel;

  for (let r = r0; r < r1; r++) {
    // 2. Cells next to a due face (every cell under rain on the first sub-step).
    let cLo = 0;
    let cHi = nx - 1;
    if (!rainAll) {
      cLo = L.touchSpan[jf * stride + 2 * r];
      cHi = L.touchSpan[jf * stride + 2 * r + 1];
    }
    const blk = ((r / BLOCK_ROWS) | 0) * NQ;
    // 3. Volumes of the due faces (per metre of width), moved now: finer faces next to a coarser cell see the water
    //    it really holds. 4. The sources of the cells whose period starts now, over that period.
    kernel.updateRowLts(
      ptr.byteOffset,
      sums.byteOffset,
      r,
      cLo,
      cHi,
      nx,
      ny,
      jf,
      first ? 1 : 0,
      rainAll ? 1 : 0,
      L.K,
      rainMode,
      s.infilDepthM.length,
      sinks ? 1 : 0,
      k.trackMaxSpeed ? 1 : 0,
      edges,
      ((r / BLOCK_ROWS) | 0) * slots,
      invDx,
      s.tApplyS,
      k.depthThresholdM,
      k.wetDepthM,
    );
    const rain = sums[0];
    const infilled = sums[1];
    const drained = sums[2];
    let bin = sums[3];
    let bout = sums[4];
    const cells = sums[5];
    // 5. Due edge faces of this row: inflow positive, outflow negative.
    const base = r * nx;
    const xb = r * nxf;
    const iw = base;
    const ie = base + nx - 1;
    if (ek[3] !== 0 && lv[iw] <= jf) {
      const v = qx[xb] * dtL[lv[iw]] * invDx;
      if (v > 0) bin += v;
      else bout -= v;
    }
    if (ek[1] !== 0 && lv[ie] <= jf) {
      const v = qx[xb + nx] * dtL[lv[ie]] * invDx;
      if (v > 0) bout += v;
      else bin -= v;
    }
    if (r === 0 && ek[0] !== 0)
      for (let c = 0; c < nx; c++) {
        if (lv[c] > jf) continue;
        const v = qy[c] * dtL[lv[c]] * invDx;
        if (v > 0) bin += v;
        else bout -= v;
      }
    if (r === ny - 1 && ek[2] !== 0)
      for (let c = 0; c < nx; c++) {
        const i = base + c;
        if (lv[i] > jf) continue;
        const v = qy[ny * nx + c] * dtL[lv[i]] * invDx;
        if (v > 0) bout += v;
        else bin -= v;
      }
    blockQ[blk + Q_RAIN] += rain;
    blockQ[blk + Q_INFIL] += infilled;
    blockQ[blk + Q_DRAIN] += drained;
    blockQ[blk + Q_BIN] += bin;
    blockQ[blk + Q_BOUT] += bout;
    blockQ[blk + Q_CELLS] += cells;
  }
  // 6. This sub-step's faces become the current ones; inflows and pump trucks of the periods starting now.
  commitFaces(a, k, s, band, L, cur);
  applyInflows(a, k, s, band, a.range[nxt]);
  applyTrucks(a, k, s, band);
  // 7. After the last sub-step every cell is up to date: the stored water and the deepest water for the next dt0.
  if (s.lastSub) storedAndDeepest(a, k, band, s.riverStageLevelM[0]);
}

/** Stored depth and h_max (river cells by their flow depth) per block of the band, into the block partials. */
function storedAndDeepest(a: HydroArrays, k: KernelConfig, band: Band, riverStageM: number): void {
  const nx = k.nx;
  const n = nx * k.ny;
  const sums = band.updateSums;
  for (let r = band.r0; r < band.r1; r++) {
    const blk = ((r / BLOCK_ROWS) | 0) * NQ;
    const hmax0 = r % BLOCK_ROWS === 0 || r === band.r0 ? 0 : a.blockQ[blk + Q_HMAX];
    a.kernel.storedRow(a.ptr.h, a.ptr.kind, a.ptr.z, sums.byteOffset, r, nx, n, riverStageM, hmax0);
    a.blockQ[blk + Q_STORED] += sums[0];
    a.blockQ[blk + Q_HMAX] = sums[1];
  }
}
