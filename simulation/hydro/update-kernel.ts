// Pass 2 of a step over one row band: new depths from the face discharges, rain, infiltration, sewer inlets,
// inflows and pump trucks; maxima and first-wetting times; per-block partial sums for the mass ledger.
import { activeColumns } from './flux-kernel.ts';
import type { Band, KernelConfig, StepVars } from './kernel-config.ts';
import {
  BLOCK_ROWS,
  invDepth73,
  invRoot,
  C_TRUCK_COUNT,
  CLOSED,
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
  RIVER,
} from './layout.ts';
import type { HydroArrays } from './layout.ts';
import { cbrtPortable, invCbrtNear, pow7 } from './portable-math.ts';

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
  const h = a.h;
  const hInv = a.hInv73;
  const root = a.hRoot;
  const kind = a.kind;
  const maxDepth = a.maxDepthM;
  const firstWet = a.firstWetS;
  const maxSpeed = a.maxSpeedMPerS;
  const rainA = a.rainMmPerH[s.rainBufferA];
  const rainB = a.rainMmPerH[1 - s.rainBufferA];
  const infilClass = a.infilClass;
  const drain = a.drainMPerS;
  const catchSlot = a.catchSlot;
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
  const infil = s.infilDepthM;
  const catchFactor = s.catchFactor;
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
    let stored = 0;
    let rain = 0;
    let infilled = 0;
    let drained = 0;
    let bin = 0;
    let bout = 0;
    let hmax = blockQ[blk + Q_HMAX];
    let lo = nx;
    let hi = -1;
    const base = r * nx;
    const xb = r * nxf;
    const yb = r * nx;
    // 3. Cell updates.
    for (let c = cLo; c <= cHi; c++) {
      const i = base + c;
      const kd = kind[i];
      if (kd === CLOSED) continue;
      const qw = qx[xb + c];
      const qe = qx[xb + c + 1];
      const qn = qy[yb + c];
      const qs = qy[yb + nx + c];
      const div = dtOverDx * (qw - qe + qn - qs);
      if (kd === RIVER) {
        if (div > 0) bout += div;
        else bin -= div;
        const hr = riverNext - a.z[i];
        const hn = hr > 0 ? hr : 0;
        h[i] = hn;
        // The stage moves slowly: the last step's root is the guess.
        const y = hn > 0 ? invCbrtNear(hn, root[i]) : 0;
        root[i] = y;
        hInv[i] = pow7(y);
        if (hn > 0) {
          if (c < lo) lo = c;
          hi = c;
          const fd = riverFlowDepth(a, k, i, riverNext);
          if (fd > hmax) hmax = fd;
        }
        continue;
      }
      let hn = h[i] + div;
      if (rainMode !== 0) {
        const rd = rainMode === 1 ? rainUniform : rainA[i] * wA + rainB[i] * wB;
        hn += rd;
        rain += rd;
      }
      if (sinks && hn > 0) {
        const fi = infil[infilClass[i]];
        const ti = fi < hn ? fi : hn;
        hn -= ti;
        infilled += ti;
        const slot = catchSlot[i];
        const fd = drain[i] * catchFactor[slot] * dt;
        const td = fd < hn ? fd : hn;
        if (td > 0) {
          hn -= td;
          drained += td;
          blockCatch[catchBase + slot] += td;
        }
      }
      if (hn <= 0) {
        h[i] = 0;
        hInv[i] = 0;
        root[i] = 0;
        continue;
      }
      h[i] = hn;
      // h^(−1/3) by one Newton step from the last step's value while h changed by under 1 % (relative error
      // below 1e-5 that does not accumulate: each step refines the last value), else exactly. No division.
      let y = root[i];
      const x = hn * y * y * y;
      y = x < 1.01 && x > 0.99 ? y * (1.3333333333333333 - x * 0.3333333333333333) : 1 / cbrtPortable(hn);
      root[i] = y;
      hInv[i] = pow7(y);
      stored += hn;
      if (c < lo) lo = c;
      hi = c;
      if (hn > hmax) hmax = hn;
      if (hn > maxDepth[i]) maxDepth[i] = hn;
      if (hn > wetDepth && firstWet[i] < 0) firstWet[i] = tNext;
      if (speed && hn > thr) {
        const u = (qw + qe) / (2 * hn);
        const v = (qn + qs) / (2 * hn);
        const sp = Math.sqrt(u * u + v * v);
        if (sp > maxSpeed[i]) maxSpeed[i] = sp;
      }
    }
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
