// Pass 1 of a step over one row band: face discharges by the local inertial equation, then the outflow limiter
// that keeps every depth non-negative. Pure over typed arrays; the same function runs in any thread or Worker.
import { EDGE_FREE, EDGE_STAGE } from './kernel-config.ts';
import type { Band, KernelConfig, StepVars } from './kernel-config.ts';
import { RIVER } from './layout.ts';
import type { HydroArrays } from './layout.ts';

/**
 * Discharge on x faces c in [cLo, cHi] (1 ≤ c ≤ nx − 1) of row r, written to out[outOff + c].
 * q = (q0 − g·dt·hflow·∂η/∂x) / (1 + g·dt·n²·|q0| / hflow^(7/3)), hflow = max(η) − max(z) (Bates et al. 2010);
 * with θ < 1 the q-centred average of de Almeida et al. (2012), falling back to Bates when it opposes the slope.
 * With `friction2D` (LISFLOOD-FP's default) |q0| in the friction term is the magnitude of (q0, mean of the four
 * neighbouring y-face discharges).
 */
function xFaces(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  qOld: Float64Array,
  qyOld: Float64Array,
  out: Float64Array,
  outOff: number,
  r: number,
  cLo: number,
  cHi: number,
): void {
  const fric2d = k.friction2D;
  const h = a.h;
  const hInv = a.hInv73;
  const z = a.z;
  const gn2 = a.gn2x;
  const nx = k.nx;
  const thr = k.depthThresholdM;
  const dt = s.dtS;
  const gdtInvDx = (k.gravity * dt) / k.dxM;
  const theta = k.theta;
  const cellBase = r * nx;
  const faceBase = r * (nx + 1);
  for (let c = cLo; c <= cHi; c++) {
    const iw = cellBase + c - 1;
    const hw = h[iw];
    const he = h[iw + 1];
    let q = 0;
    if (hw > thr || he > thr) {
      const zw = z[iw];
      const ze = z[iw + 1];
      const ew = zw + hw;
      const ee = ze + he;
      const hf = (ew > ee ? ew : ee) - (zw > ze ? zw : ze);
      if (hf > thr) {
        const f = faceBase + c;
        const q0 = qOld[f];
        const drive = gdtInvDx * hf * (ee - ew);
        let qv = q0 < 0 ? -q0 : q0;
        if (fric2d) {
          const yi = cellBase + c;
          const qt = 0.25 * (qyOld[yi - 1] + qyOld[yi] + qyOld[yi + nx - 1] + qyOld[yi + nx]);
          qv = Math.sqrt(q0 * q0 + qt * qt);
        }
        // hflow^(−7/3): the cached value of the cell that sets hflow when it also has the higher bed.
        let inv = 0;
        if (qv !== 0)
          inv =
            ew >= ee
              ? zw >= ze
                ? hInv[iw]
                : 1 / (hf * hf * Math.cbrt(hf))
              : ze >= zw
                ? hInv[iw + 1]
                : 1 / (hf * hf * Math.cbrt(hf));
        const den = 1 + dt * gn2[f] * qv * inv;
        if (theta === 1) q = (q0 - drive) / den;
        else {
          q = (theta * q0 + 0.5 * (1 - theta) * (qOld[f - 1] + qOld[f + 1]) - drive) / den;
          if (q * (ew - ee) < 0) q = (q0 - drive) / den;
        }
      }
    }
    out[outOff + c] = q;
  }
}

/** Discharge on y face row f (between rows f − 1 and f, 1 ≤ f ≤ ny − 1), columns [cLo, cHi]; positive south. */
function yFaces(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  qOld: Float64Array,
  qxOld: Float64Array,
  out: Float64Array,
  outOff: number,
  f: number,
  cLo: number,
  cHi: number,
): void {
  const fric2d = k.friction2D;
  const h = a.h;
  const hInv = a.hInv73;
  const z = a.z;
  const gn2 = a.gn2y;
  const nx = k.nx;
  const thr = k.depthThresholdM;
  const dt = s.dtS;
  const gdtInvDx = (k.gravity * dt) / k.dxM;
  const theta = k.theta;
  const northBase = (f - 1) * nx;
  const faceBase = f * nx;
  for (let c = cLo; c <= cHi; c++) {
    const iN = northBase + c;
    const hn = h[iN];
    const hs = h[iN + nx];
    let q = 0;
    if (hn > thr || hs > thr) {
      const zn = z[iN];
      const zs = z[iN + nx];
      const en = zn + hn;
      const es = zs + hs;
      const hf = (en > es ? en : es) - (zn > zs ? zn : zs);
      if (hf > thr) {
        const fi = faceBase + c;
        const q0 = qOld[fi];
        const drive = gdtInvDx * hf * (es - en);
        let qv = q0 < 0 ? -q0 : q0;
        if (fric2d) {
          const xi = (f - 1) * (nx + 1) + c;
          const qt = 0.25 * (qxOld[xi] + qxOld[xi + 1] + qxOld[xi + nx + 1] + qxOld[xi + nx + 2]);
          qv = Math.sqrt(q0 * q0 + qt * qt);
        }
        let inv = 0;
        if (qv !== 0)
          inv =
            en >= es
              ? zn >= zs
                ? hInv[iN]
                : 1 / (hf * hf * Math.cbrt(hf))
              : zs >= zn
                ? hInv[iN + nx]
                : 1 / (hf * hf * Math.cbrt(hf));
        const den = 1 + dt * gn2[fi] * qv * inv;
        if (theta === 1) q = (q0 - drive) / den;
        else {
          q = (theta * q0 + 0.5 * (1 - theta) * (qOld[fi - nx] + qOld[fi + nx]) - drive) / den;
          if (q * (en - es) < 0) q = (q0 - drive) / den;
        }
      }
    }
    out[outOff + c] = q;
  }
}

/**
 * Discharge through a domain-edge face next to cell i (inner neighbour j); `outward` is the sign an outflow has
 * on the face's axis (−1 west and north, +1 east and south). Free edges follow LISFLOOD-FP's FREE boundary:
 * always outward, q = (|q0| + g·dt·h·|S|) / (1 + g·dt·n²·|q0| / h^(7/3)).
 */
function edgeFace(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  edge: number,
  q0: number,
  gn2: number,
  i: number,
  j: number,
  outward: number,
): number {
  const kind = k.edgeKind[edge];
  const h0 = a.h[i];
  const thr = k.depthThresholdM;
  const dt = s.dtS;
  const g = k.gravity;
  if (kind === EDGE_FREE) {
    if (!(h0 > thr)) return 0;
    const slope = k.edgeSlope[edge];
    const sf = slope >= 0 ? slope : Math.abs((a.z[i] + h0 - a.z[j] - a.h[j]) / k.dxM);
    const aq0 = Math.abs(q0);
    return (outward * (aq0 + g * dt * h0 * sf)) / (1 + (dt * gn2 * aq0) / (h0 * h0 * Math.cbrt(h0)));
  }
  if (kind === EDGE_STAGE) {
    const stage = s.edgeStageM[edge];
    const eta = a.z[i] + h0;
    const hf = Math.max(h0, stage - a.z[i]);
    if (!(hf > thr)) return 0;
    // Slope along the positive axis: the outside is downstream of the cell for an outward-positive edge.
    const sf = outward > 0 ? (stage - eta) / k.dxM : (eta - stage) / k.dxM;
    const den = 1 + (dt * gn2 * Math.abs(q0)) / (hf * hf * Math.cbrt(hf));
    return (q0 - g * dt * hf * sf) / den;
  }
  return 0;
}

/** First and last columns of row r whose cells may see flow this step (lo > hi when none). */
export function activeColumns(a: HydroArrays, k: KernelConfig, range: Int32Array, r: number, out: Int32Array): void {
  const nx = k.nx;
  let lo = nx;
  let hi = -1;
  const lr = range[2 * r];
  const hr = range[2 * r + 1];
  if (lr <= hr) {
    lo = lr - 1;
    hi = hr + 1;
  }
  if (r > 0 && range[2 * r - 2] < lo) lo = range[2 * r - 2];
  if (r > 0 && range[2 * r - 1] > hi) hi = range[2 * r - 1];
  if (r + 1 < k.ny && range[2 * r + 2] < lo) lo = range[2 * r + 2];
  if (r + 1 < k.ny && range[2 * r + 3] > hi) hi = range[2 * r + 3];
  const ek = k.edgeKind;
  if (ek[3] === EDGE_STAGE) {
    lo = 0;
    if (hi < 0) hi = 0;
  }
  if (ek[1] === EDGE_STAGE) {
    hi = nx - 1;
    if (lo > nx - 1) lo = nx - 1;
  }
  if ((r === 0 && ek[0] === EDGE_STAGE) || (r === k.ny - 1 && ek[2] === EDGE_STAGE)) {
    lo = 0;
    hi = nx - 1;
  }
  out[0] = lo < 0 ? 0 : lo;
  out[1] = hi > nx - 1 ? nx - 1 : hi;
}

/** Zeroes [oldLo, oldHi] outside [lo, hi] in arr at base, and records [lo, hi] as the row's possibly non-zero span. */
function retireDirty(arr: Float64Array, base: number, dirty: Int32Array, slot: number, lo: number, hi: number): void {
  const dl = dirty[2 * slot];
  const dh = dirty[2 * slot + 1];
  if (dl <= dh) {
    if (lo > hi) arr.fill(0, base + dl, base + dh + 1);
    else {
      if (dl < lo) arr.fill(0, base + dl, base + Math.min(dh, lo - 1) + 1);
      if (dh > hi) arr.fill(0, base + Math.max(dl, hi + 1), base + dh + 1);
    }
  }
  dirty[2 * slot] = lo;
  dirty[2 * slot + 1] = hi;
}

const span = new Int32Array(2);

/** Where x-face row r lives for this band: its own q buffer or its halo scratch (offset in `xOff`). */
function xTarget(a: HydroArrays, k: KernelConfig, band: Band, nxt: number, r: number): Float64Array {
  const own = r >= band.r0 && r < band.r1;
  xOff = own ? r * (k.nx + 1) : r < band.r0 ? 0 : k.nx + 1;
  return own ? a.qx[nxt] : band.haloX;
}

/** Where y-face row f lives for this band (the band owns the south face of each of its rows, and row 0's north). */
function yTarget(a: HydroArrays, k: KernelConfig, band: Band, nxt: number, f: number): Float64Array {
  const { r0, r1 } = band;
  const own = f === 0 ? r0 === 0 : f - 1 >= r0 && f - 1 < r1;
  yOff = own ? f * k.nx : f === r0 - 1 ? 0 : f === r0 ? k.nx : 2 * k.nx;
  return own ? a.qy[nxt] : band.haloY;
}
let xOff = 0;
let yOff = 0;

/** x faces of row r: interior faces next to water, then the west and east edge faces. */
function xRow(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, cur: number, r: number): void {
  const nx = k.nx;
  const nxt = 1 - cur;
  const qxOld = a.qx[cur];
  const out = xTarget(a, k, band, nxt, r);
  const off = xOff;
  const range = a.range[cur];
  const lr = range[2 * r];
  const hr = range[2 * r + 1];
  const cLo = lr < 1 ? 1 : lr;
  const cHi = hr + 1 > nx - 1 ? nx - 1 : hr + 1;
  if (out === a.qx[nxt]) retireDirty(out, off, a.qxDirty[nxt], r, cLo, cHi);
  else out.fill(0, off, off + nx + 1);
  if (cLo <= cHi) xFaces(a, k, s, qxOld, a.qy[cur], out, off, r, cLo, cHi);
  const fw = r * (nx + 1);
  const ek = k.edgeKind;
  if (ek[3] !== 0) out[off] = edgeFace(a, k, s, 3, qxOld[fw], a.gn2x[fw], r * nx, r * nx + (nx > 1 ? 1 : 0), -1);
  if (ek[1] !== 0) {
    const i = r * nx + nx - 1;
    out[off + nx] = edgeFace(a, k, s, 1, qxOld[fw + nx], a.gn2x[fw + nx], i, nx > 1 ? i - 1 : i, 1);
  }
}

/** y face row f (between rows f − 1 and f): interior faces next to water, or the north/south edge faces. */
function yRow(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, cur: number, f: number): void {
  const nx = k.nx;
  const ny = k.ny;
  const nxt = 1 - cur;
  const qyOld = a.qy[cur];
  const out = yTarget(a, k, band, nxt, f);
  const off = yOff;
  const own = out === a.qy[nxt];
  if (f === 0 || f === ny) {
    if (!own) out.fill(0, off, off + nx);
    const edge = f === 0 ? 0 : 2;
    if (k.edgeKind[edge] === 0) return;
    const rowBase = f === 0 ? 0 : (ny - 1) * nx;
    const inner = ny > 1 ? (f === 0 ? nx : -nx) : 0;
    const outward = f === 0 ? -1 : 1;
    for (let c = 0; c < nx; c++)
      out[off + c] = edgeFace(
        a,
        k,
        s,
        edge,
        qyOld[f * nx + c],
        a.gn2y[f * nx + c],
        rowBase + c,
        rowBase + c + inner,
        outward,
      );
    return;
  }
  const range = a.range[cur];
  const ln = range[2 * f - 2];
  const hn = range[2 * f - 1];
  const ls = range[2 * f];
  const hs = range[2 * f + 1];
  const cLo = ln < ls ? ln : ls;
  const cHi = hn > hs ? hn : hs;
  if (own) retireDirty(out, off, a.qyDirty[nxt], f, cLo, cHi);
  else out.fill(0, off, off + nx);
  if (cLo <= cHi) yFaces(a, k, s, qyOld, a.qx[cur], out, off, f, cLo, cHi);
}

/** Scales the outflows of row r's cells that would take more water than the cell holds over the step. */
function limitRow(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, cur: number, r: number): void {
  activeColumns(a, k, a.range[cur], r, span);
  if (span[0] > span[1]) return;
  const nxt = 1 - cur;
  const X = xTarget(a, k, band, nxt, r);
  const xo = xOff;
  const N = yTarget(a, k, band, nxt, r);
  const no = yOff;
  const S = yTarget(a, k, band, nxt, r + 1);
  const so = yOff;
  const h = a.h;
  const kind = a.kind;
  const dt = s.dtS;
  const dx = k.dxM;
  const base = r * k.nx;
  for (let c = span[0]; c <= span[1]; c++) {
    const qw = X[xo + c];
    const qe = X[xo + c + 1];
    const qn = N[no + c];
    const qs = S[so + c];
    const out = (qe > 0 ? qe : 0) - (qw < 0 ? qw : 0) + (qs > 0 ? qs : 0) - (qn < 0 ? qn : 0);
    if (out > 0) {
      const need = out * dt;
      const have = h[base + c] * dx;
      if (need > have && kind[base + c] !== RIVER) {
        const w = have / need;
        if (qe > 0) X[xo + c + 1] = qe * w;
        if (qw < 0) X[xo + c] = qw * w;
        if (qs > 0) S[so + c] = qs * w;
        if (qn < 0) N[no + c] = qn * w;
      }
    }
  }
}

/**
 * Pass 1 over band rows [r0, r1): writes the band's own faces into the new q buffers (x faces of its rows and the
 * south face of each row, plus the north edge for row 0), recomputes the faces just outside the band into its
 * private halo rows, and scales every outflow a cell cannot supply from its water (exact and conservative: each
 * face is scaled once, by its upstream cell, and every thread scales it by the same factor). Row by row, so a
 * row's faces are limited while still in cache.
 */
export function fluxPass(a: HydroArrays, k: KernelConfig, s: StepVars, band: Band, cur: number): void {
  const ra = band.r0 > 0 ? band.r0 - 1 : 0;
  const rb = band.r1 < k.ny ? band.r1 : k.ny - 1;
  yRow(a, k, s, band, cur, ra);
  for (let r = ra; r <= rb; r++) {
    xRow(a, k, s, band, cur, r);
    yRow(a, k, s, band, cur, r + 1);
    limitRow(a, k, s, band, cur, r);
  }
}
