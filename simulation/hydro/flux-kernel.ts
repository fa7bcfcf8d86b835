// Pass 1 of a step over one row band: face discharges row by row, then the outflow limiter that keeps every
// depth non-negative. Pure over typed arrays; the same function runs in any thread or Worker.
import { edgeFace, xFaces, yFaces } from './flux-faces.ts';
import { EDGE_STAGE } from './kernel-config.ts';
import type { Band, KernelConfig, StepVars } from './kernel-config.ts';
import type { HydroArrays } from './layout.ts';

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
export function retireDirty(
  arr: Float64Array,
  base: number,
  dirty: Int32Array,
  slot: number,
  lo: number,
  hi: number,
): void {
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
export function xTarget(a: HydroArrays, k: KernelConfig, band: Band, nxt: number, r: number): Float64Array {
  const own = r >= band.r0 && r < band.r1;
  xOff = own ? r * (k.nx + 1) : r < band.r0 ? 0 : k.nx + 1;
  return own ? a.qx[nxt] : band.haloX;
}

/** Where y-face row f lives for this band (the band owns the south face of each of its rows, and row 0's north). */
export function yTarget(a: HydroArrays, k: KernelConfig, band: Band, nxt: number, f: number): Float64Array {
  const { r0, r1 } = band;
  const own = f === 0 ? r0 === 0 : f - 1 >= r0 && f - 1 < r1;
  yOff = own ? f * k.nx : f === r0 - 1 ? 0 : f === r0 ? k.nx : 2 * k.nx;
  return own ? a.qy[nxt] : band.haloY;
}
let xOff = 0;
let yOff = 0;

/** The offset the last `xTarget` / `yTarget` call set (where the face row starts in the array it returned). */
export function xTargetOffset(): number {
  return xOff;
}
export function yTargetOffset(): number {
  return yOff;
}

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
  if (ek[3] !== 0) out[off] = edgeFace(a, k, s, 3, qxOld[fw], a.gn2x[fw], r * nx, r * nx + (nx > 1 ? 1 : 0), -1, s.dtS);
  if (ek[1] !== 0) {
    const i = r * nx + nx - 1;
    out[off + nx] = edgeFace(a, k, s, 1, qxOld[fw + nx], a.gn2x[fw + nx], i, nx > 1 ? i - 1 : i, 1, s.dtS);
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
        s.dtS,
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

/**
 * Scales the outflows of row r's cells that would take more water than the cell holds over the step (in the
 * WebAssembly kernel: assembly/faces.ts).
 */
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
  a.kernel.limitRow(
    a.h.byteOffset,
    a.kind.byteOffset,
    X.byteOffset + 8 * xo,
    N.byteOffset + 8 * no,
    S.byteOffset + 8 * so,
    r * k.nx,
    span[0],
    span[1],
    s.dtS,
    k.dxM,
  );
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
