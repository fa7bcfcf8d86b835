// Pass 2 of a step over one row band: new depths from the face discharges, rain, infiltration, sewer inlets,
// inflows and pump trucks; maxima and first-wetting times; per-block partial sums for the mass ledger.
import { activeColumns } from './flux-kernel.ts';
import type { Band, KernelConfig, StepVars } from './kernel-config.ts';
import {
  BLOCK_ROWS,
  invDepth73,
  invRoot,
  C_TRUCK_COUNT,
  NQ,
  OPEN,
  Q_BIN,
  Q_BOUT,
  Q_CELLS,
  Q_DRAIN,
  Q_HMAX,
  Q_INFIL,
  Q_INFLOW,
  Q_RAIN,
  Q_STORED,
  Q_TRUCK,
} from './layout.ts';
import type { HydroArrays } from './layout.ts';

const span = new Int32Array(2);

/** Flow depth a river cell offers its land neighbours (m): the stage above the lowest crest it must pass. */
export function riverFlowDepth(a: HydroArrays, k: KernelConfig, i: number, stage: number): number {
  const nx = k.nx;
  const z = a.z;
  const kind = a.kind;
  const c = i % nx;
  let crest = Infinity;
  if (c > 0 && kind[i - 1] === OPEN) crest = Math.min(crest, z[i - 1]);
  if (c < nx - 1 && kind[i + 1] === OPEN) crest = Math.min(crest, z[i + 1]);
  if (i >= nx && kind[i - nx] === OPEN) crest = Math.min(crest, z[i - nx]);
  if (i + nx < z.length && kind[i + nx] === OPEN) crest = Math.min(crest, z[i + nx]);
  return stage - Math.max(z[i], crest);
}

/**
 * Applies the band's inflows (after the cell pass, so their water is not limited or drained this step). Under
 * local time stepping (`s.levels`), each inflow cell whose period starts now takes its period's volume.
 */
export function applyInflows(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, rangeNext: Int32Array): void {
  const invA = 1 / k.cellAreaM2;
  const nx = k.nx;
  const lv = s.levels;
  const nIn = s.inflowVolM3.length;
  const tWet = lv === null ? s.tNextS : s.tApplyS;
  for (let e = 0; e < band.inflowCell.length; e++) {
    const i = band.inflowCell[e];
    let vol = s.inflowVolM3[band.inflowIndex[e]];
    if (lv !== null) {
      // Local time stepping: a cell takes its inflow for its period when the period starts.
      if (!(lv[i] <= s.jFace || (s.firstSub && lv[i] > s.ltsK))) continue;
      const l = lv[i] > s.ltsK ? s.ltsK : lv[i];
      vol = s.inflowLevelVolM3[l * nIn + band.inflowIndex[e]];
    }
    const dh = vol * band.inflowWeight[e] * invA;
    if (!(dh > 0)) continue;
    const hn = a.h[i] + dh;
    a.h[i] = hn;
    a.hInv73[i] = invDepth73(hn);
    a.hRoot[i] = invRoot(hn);
    const r = (i / nx) | 0;
    const c = i - r * nx;
    const b = ((r / BLOCK_ROWS) | 0) * NQ;
    a.blockQ[b + Q_INFLOW] += dh;
    // Under local time stepping the stored volume is summed after the last sub-step.
    if (lv === null) a.blockQ[b + Q_STORED] += dh;
    if (hn > a.blockQ[b + Q_HMAX]) a.blockQ[b + Q_HMAX] = hn;
    if (hn > a.maxDepthM[i]) a.maxDepthM[i] = hn;
    if (hn > k.wetDepthM && a.firstWetS[i] < 0) a.firstWetS[i] = tWet;
    if (c < rangeNext[2 * r]) rangeNext[2 * r] = c;
    if (c > rangeNext[2 * r + 1]) rangeNext[2 * r + 1] = c;
  }
}

/** Removes pump-truck draws from the band's cells, each limited to the water the cell holds. */
export function applyTrucks(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band): void {
  const count = a.control[C_TRUCK_COUNT];
  const lo = band.r0 * k.nx;
  const hi = band.r1 * k.nx;
  const lv = s.levels;
  for (let e = 0; e < count; e++) {
    const i = a.truckCell[e];
    if (i < lo || i >= hi) continue;
    let dt = s.dtS;
    if (lv !== null) {
      // Local time stepping: a truck's cell gives up its draw over its own period, when that period starts.
      if (!(lv[i] <= s.jFace || (s.firstSub && lv[i] > s.ltsK))) continue;
      const l = lv[i] > s.ltsK ? s.ltsK : lv[i];
      dt = s.dtLevel[l];
    }
    const h = a.h[i];
    const want = a.truckRate[e] * (dt / k.cellAreaM2);
    const take = want < h ? want : h;
    if (!(take > 0)) continue;
    a.h[i] = take === h ? 0 : h - take;
    a.hInv73[i] = invDepth73(a.h[i]);
    a.hRoot[i] = invRoot(a.h[i]);
    // Each entry's cell lies in one band, so one thread writes it.
    a.truckTakenM[e] += take;
    const b = (((i / k.nx) | 0) / BLOCK_ROWS) | 0;
    a.blockQ[b * NQ + Q_TRUCK] += take;
    if (lv === null) a.blockQ[b * NQ + Q_STORED] -= take;
  }
}

/**
 * Pass 2 over band rows [r0, r1): h += dt/dx·(q_w − q_e + q_n − q_s) + rain − infiltration − inlets; river cells
 * are reset to the stage and their exchange booked as boundary flow. Writes the rows' wet spans into the next
 * range buffer and the band's block partials (depth sums in metres; the caller multiplies by the cell area).
 */
export function updatePass(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, cur: number): void {
  const nx = k.nx;
  const ny = k.ny;
  const nxf = nx + 1;
  const nxt = 1 - cur;
  const qx = a.qx[nxt];
  const qy = a.qy[nxt];
  const range = a.range[cur];
  const rangeNext = a.range[nxt];
  const blockQ = a.blockQ;
  const blockCatch = a.blockCatch;
  const slots = k.catchSlots;
  const dt = s.dtS;
  const dtOverDx = dt / k.dxM;
  const tNext = s.tNextS;
  const thr = k.depthThresholdM;
  const wetDepth = k.wetDepthM;
  const rainMode = s.rainMode;
  const rainUniform = s.rainDepthM;
  const wA = s.rainWeightA;
  const wB = s.rainWeightB;
  const sinks = k.hasSinks;
  const speed = k.trackMaxSpeed;
  const riverNext = s.riverStageNextM;
  const ek = k.edgeKind;
  const { r0, r1 } = band;

  // 1. Clear the band's block partials.
  const b0 = (r0 / BLOCK_ROWS) | 0;
  const b1 = ((r1 - 1) / BLOCK_ROWS) | 0;
  blockQ.fill(0, b0 * NQ, (b1 + 1) * NQ);
  if (sinks) blockCatch.fill(0, b0 * slots, (b1 + 1) * slots);

  // Where the WebAssembly kernel that makes the cell updates (3.) finds its arrays (assembly/faces.ts, updateRow).
  const ptr = band.updatePointers;
  const sums = band.updateSums;
  ptr[0] = qx.byteOffset;
  ptr[1] = qy.byteOffset;
  ptr[2] = a.h.byteOffset;
  ptr[3] = a.hInv73.byteOffset;
  ptr[4] = a.hRoot.byteOffset;
  ptr[5] = a.kind.byteOffset;
  ptr[6] = a.z.byteOffset;
  ptr[7] = a.maxDepthM.byteOffset;
  ptr[8] = a.firstWetS.byteOffset;
  ptr[9] = a.maxSpeedMPerS.byteOffset;
  ptr[10] = a.rainMmPerH[s.rainBufferA].byteOffset;
  ptr[11] = a.rainMmPerH[1 - s.rainBufferA].byteOffset;
  ptr[12] = a.infilClass.byteOffset;
  ptr[13] = s.infilDepthM.byteOffset;
  ptr[14] = a.drainMPerS.byteOffset;
  ptr[15] = a.catchSlot.byteOffset;
  ptr[16] = s.catchFactor.byteOffset;
  ptr[17] = a.blockCatch.byteOffset;
  const kernel = a.kernel;
  const n = nx * ny;
  for (let r = r0; r < r1; r++) {
    // 2. Columns that can change: the whole row under rain, else those next to water.
    let cLo = 0;
    let cHi = nx - 1;
    if (rainMode === 0) {
      activeColumns(a, k, range, r, span);
      cLo = span[0];
      cHi = span[1];
    }
    const blk = ((r / BLOCK_ROWS) | 0) * NQ;
    const catchBase = ((r / BLOCK_ROWS) | 0) * slots;
    kernel.updateRow(
      ptr.byteOffset,
      sums.byteOffset,
      r,
      cLo,
      cHi,
      nx,
      n,
      catchBase,
      rainMode,
      sinks ? 1 : 0,
      speed ? 1 : 0,
      dt,
      dtOverDx,
      riverNext,
      rainUniform,
      wA,
      wB,
      tNext,
      thr,
      wetDepth,
      blockQ[blk + Q_HMAX],
    ); // 3. The cell updates.
    const stored = sums[0];
    const rain = sums[1];
    const infilled = sums[2];
    const drained = sums[3];
    let bin = sums[4];
    let bout = sums[5];
    const hmax = sums[6];
    const lo = sums[7];
    const hi = sums[8];
    const xb = r * nxf;
    // 4. Edge faces of this row: inflow positive, outflow negative.
    if (ek[3] !== 0) {
      const v = qx[xb] * dtOverDx;
      if (v > 0) bin += v;
      else bout -= v;
    }
    if (ek[1] !== 0) {
      const v = qx[xb + nx] * dtOverDx;
      if (v > 0) bout += v;
      else bin -= v;
    }
    if (r === 0 && ek[0] !== 0)
      for (let c = 0; c < nx; c++) {
        const v = qy[c] * dtOverDx;
        if (v > 0) bin += v;
        else bout -= v;
      }
    if (r === ny - 1 && ek[2] !== 0)
      for (let c = 0; c < nx; c++) {
        const v = qy[ny * nx + c] * dtOverDx;
        if (v > 0) bout += v;
        else bin -= v;
      }
    rangeNext[2 * r] = lo;
    rangeNext[2 * r + 1] = hi;
    blockQ[blk + Q_STORED] += stored;
    blockQ[blk + Q_RAIN] += rain;
    blockQ[blk + Q_INFIL] += infilled;
    blockQ[blk + Q_DRAIN] += drained;
    blockQ[blk + Q_BIN] += bin;
    blockQ[blk + Q_BOUT] += bout;
    blockQ[blk + Q_HMAX] = hmax;
    blockQ[blk + Q_CELLS] += cHi >= cLo ? cHi - cLo + 1 : 0;
  }

  // 5. Point and line inflows, then pump trucks.
  applyInflows(a, k, s, band, rangeNext);
  applyTrucks(a, k, s, band);
}
