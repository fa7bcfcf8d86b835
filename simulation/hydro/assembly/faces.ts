// AssemblyScript source of the engine's row kernels (built by `npm run build:wasm` into face-kernel.wasm.ts): the
// local inertial discharge on one row of x or y faces (flux-faces.ts), the outflow limiter under one global step and
// under local time stepping (flux-kernel.ts, lts-kernel.ts) and the global step's cell updates (update-kernel.ts),
// over the engine's arrays in one WebAssembly memory. The same operations in the same order as the TypeScript they
// replaced, so the same bits; WebAssembly has no fused multiply-add and rounds every basic operation as JavaScript
// does, in Node, a Worker and the browser alike. The common cases go two faces or cells at a time in f64x2 lanes
// (SIMD), every branch a lane-wise select; the rest one at a time. Every pointer is a byte offset into the memory;
// arrays are Float64 unless named otherwise.

const RIVER: u8 = 2;
const B1: u32 = 715094163;
const B2: u32 = 696219795;
const P0: f64 = 1.87595182427177009643;
const P1: f64 = -1.88497979543377169875;
const P2: f64 = 1.62142972010535446614;
const P3: f64 = -0.758397934778766047437;
const P4: f64 = 0.145996192886612446982;

/** ∛x as portable-math.ts's cbrtPortable (fdlibm): the same bits (exported for the test that says so). */
export function cbrtPortable(x: f64): f64 {
  let hx = <u32>(reinterpret<u64>(x) >> 32);
  const low = <u32>reinterpret<u64>(x);
  const sign = hx & 0x80000000;
  hx = hx ^ sign;
  if (hx >= 0x7ff00000) return x + x;
  let t: f64;
  if (hx < 0x00100000) {
    if ((hx | low) == 0) return x;
    const s = 18014398509481984.0 * x;
    const sh = <u32>(reinterpret<u64>(s) >> 32);
    t = reinterpret<f64>(<u64>(sign | ((sh & 0x7fffffff) / 3 + B2)) << 32);
  } else t = reinterpret<f64>(<u64>(sign | (hx / 3 + B1)) << 32);
  let r = t * t * (t / x);
  t = t * (P0 + r * (P1 + r * P2) + r * r * r * (P3 + r * P4));
  t = reinterpret<f64>((reinterpret<u64>(t) + 0x80000000) & 0xffffffffc0000000);
  r = x / (t * t);
  r = (r - t) / (t + t + r);
  return t + t * r;
}

/** x^(−1/3) from a guess y0, as portable-math.ts's invCbrtNear. */
@inline
function invCbrtNear(x: f64, y0: f64): f64 {
  const e = x * y0 * y0 * y0;
  if (e < 1.01 && e > 0.99) {
    const y1 = y0 * (1.3333333333333333 - e * 0.3333333333333333);
    return y1 * (1.3333333333333333 - x * y1 * y1 * y1 * 0.3333333333333333);
  }
  return 1 / cbrtPortable(x);
}

@inline
function pow7(y: f64): f64 {
  const y2 = y * y;
  return y2 * y2 * y2 * y;
}

@inline
function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/**
 * The scalar face loop (see `faces`): every case, one face at a time.
 */
function facesScalar(
  kind: usize,
  h: usize,
  hInv: usize,
  root: usize,
  z: usize,
  gn2: usize,
  qOld: usize,
  cross: usize,
  out: usize,
  levels: usize,
  dtLevel: usize,
  gdtLevel: usize,
  cellBase: i32,
  cellStep: i32,
  faceBase: i32,
  faceNeighbour: i32,
  crossBase: i32,
  crossRow: i32,
  crossShift: i32,
  outOff: i32,
  cLo: i32,
  cHi: i32,
  jf: i32,
  fric2d: i32,
  thr: f64,
  dt0: f64,
  gdt0: f64,
  theta: f64,
): void {
  let dt = dt0;
  let gdtInvDx = gdt0;
  for (let c = cLo; c <= cHi; c++) {
    const iw = cellBase + c;
    const ie = iw + cellStep;
    if (levels != 0) {
      const la = load<u8>(levels + <usize>iw);
      const lb = load<u8>(levels + <usize>ie);
      const l = la < lb ? la : lb;
      if (<i32>l > jf) continue;
      if (load<u8>(kind + <usize>iw) == RIVER && load<u8>(kind + <usize>ie) == RIVER) {
        store<f64>(out + (<usize>(outOff + c) << 3), 0);
        continue;
      }
      dt = ld(dtLevel, l);
      gdtInvDx = ld(gdtLevel, l);
    }
    const hw = ld(h, iw);
    const he = ld(h, ie);
    let q: f64 = 0;
    if (hw > thr || he > thr) {
      const zw = ld(z, iw);
      const ze = ld(z, ie);
      const ew = zw + hw;
      const ee = ze + he;
      const hf = (ew > ee ? ew : ee) - (zw > ze ? zw : ze);
      if (hf > thr) {
        const f = faceBase + c;
        const q0 = ld(qOld, f);
        const drive = gdtInvDx * hf * (ee - ew);
        let qv = q0 < 0 ? -q0 : q0;
        if (fric2d != 0) {
          const j = crossBase + c;
          const qt =
            0.25 *
            (ld(cross, j + crossShift) +
              ld(cross, j + crossShift + 1) +
              ld(cross, j + crossRow + crossShift) +
              ld(cross, j + crossRow + crossShift + 1));
          qv = Math.sqrt(q0 * q0 + qt * qt);
        }
        let inv: f64 = 0;
        if (qv != 0)
          inv =
            ew >= ee
              ? zw >= ze
                ? ld(hInv, iw)
                : pow7(invCbrtNear(hf, ld(root, ie)))
              : ze >= zw
                ? ld(hInv, ie)
                : pow7(invCbrtNear(hf, ld(root, iw)));
        const den = 1 + dt * ld(gn2, f) * qv * inv;
        if (theta == 1) q = (q0 - drive) / den;
        else {
          q = (theta * q0 + 0.5 * (1 - theta) * (ld(qOld, f - faceNeighbour) + ld(qOld, f + faceNeighbour)) - drive) / den;
          if (q * (ew - ee) < 0) q = (q0 - drive) / den;
          if (load<u8>(kind + <usize>iw) == RIVER && load<u8>(kind + <usize>ie) == RIVER) q = 0;
        }
      }
    }
    store<f64>(out + (<usize>(outOff + c) << 3), q);
  }
}

/**
 * Faces i = base + c·step, c in [cLo, cHi], between cells a = cellA + c·1 and b = a + cellStep (x faces: step 1 and
 * the east neighbour; y faces: the south neighbour), written to out + (outOff + c). `cross` holds the four
 * cross-face discharges around face (crossBase + c): the mean of [j − 1, j, j + crossRow − 1, j + crossRow] for x
 * faces, [j, j + 1, j + crossRow, j + crossRow + 1] for y faces (crossShift −1 or 0). `levels` 0: one global step.
 */
export function faces(
  kind: usize,
  h: usize,
  hInv: usize,
  root: usize,
  z: usize,
  gn2: usize,
  qOld: usize,
  cross: usize,
  out: usize,
  levels: usize,
  dtLevel: usize,
  gdtLevel: usize,
  cellBase: i32,
  cellStep: i32,
  faceBase: i32,
  faceNeighbour: i32,
  crossBase: i32,
  crossRow: i32,
  crossShift: i32,
  outOff: i32,
  cLo: i32,
  cHi: i32,
  jf: i32,
  fric2d: i32,
  thr: f64,
  dt0: f64,
  gdt0: f64,
  theta: f64,
): void {
  if (levels != 0 || theta != 1 || fric2d == 0) {
    facesScalar(kind, h, hInv, root, z, gn2, qOld, cross, out, levels, dtLevel, gdtLevel, cellBase, cellStep,
      faceBase, faceNeighbour, crossBase, crossRow, crossShift, outOff, cLo, cHi, jf, fric2d, thr, dt0, gdt0, theta);
    return;
  }
  // One global step, θ = 1, 2D friction (the engine's defaults): two faces at a time in f64x2 lanes, every branch of
  // the scalar loop a lane-wise select, the same operations in the same order, so the same bits. A pair where either
  // face needs the friction root over a ledge (rare) goes through the scalar loop, as does an odd last face.
  const vThr = f64x2.splat(thr);
  const vZero = f64x2.splat(0);
  const vOne = f64x2.splat(1);
  const vQuarter = f64x2.splat(0.25);
  const vDt = f64x2.splat(dt0);
  const vGdt = f64x2.splat(gdt0);
  const step = <usize>cellStep << 3;
  const rowOff = <usize>crossRow << 3;
  let c = cLo;
  for (; c < cHi; c += 2) {
    const pw = <usize>(cellBase + c) << 3;
    const hw = v128.load(h + pw);
    const he = v128.load(h + pw + step);
    const zw = v128.load(z + pw);
    const ze = v128.load(z + pw + step);
    const ew = f64x2.add(zw, hw);
    const ee = f64x2.add(ze, he);
    const hf = f64x2.sub(v128.bitselect(ew, ee, f64x2.gt(ew, ee)), v128.bitselect(zw, ze, f64x2.gt(zw, ze)));
    const flow = v128.and(v128.or(f64x2.gt(hw, vThr), f64x2.gt(he, vThr)), f64x2.gt(hf, vThr));
    if (!v128.any_true(flow)) {
      v128.store(out + (<usize>(outOff + c) << 3), vZero);
      continue;
    }
    const pf = <usize>(faceBase + c) << 3;
    const q0 = v128.load(qOld + pf);
    const drive = f64x2.mul(f64x2.mul(vGdt, hf), f64x2.sub(ee, ew));
    const pc = <usize>(crossBase + c + crossShift) << 3;
    const qt = f64x2.mul(
      vQuarter,
      f64x2.add(
        f64x2.add(f64x2.add(v128.load(cross + pc), v128.load(cross + pc + 8)), v128.load(cross + pc + rowOff)),
        v128.load(cross + pc + rowOff + 8),
      ),
    );
    const qv = f64x2.sqrt(f64x2.add(f64x2.mul(q0, q0), f64x2.mul(qt, qt)));
    const westSets = f64x2.ge(ew, ee);
    // The cached root serves where the cell that sets hflow also has the higher bed; else the ledge path.
    const cached = v128.bitselect(f64x2.ge(zw, ze), f64x2.ge(ze, zw), westSets);
    const moving = f64x2.ne(qv, vZero);
    if (v128.any_true(v128.andnot(v128.and(flow, moving), cached))) {
      facesScalar(kind, h, hInv, root, z, gn2, qOld, cross, out, levels, dtLevel, gdtLevel, cellBase, cellStep,
        faceBase, faceNeighbour, crossBase, crossRow, crossShift, outOff, c, c + 1, jf, fric2d, thr, dt0, gdt0, theta);
      continue;
    }
    const inv = v128.and(v128.bitselect(v128.load(hInv + pw), v128.load(hInv + pw + step), westSets), moving);
    const den = f64x2.add(vOne, f64x2.mul(f64x2.mul(f64x2.mul(vDt, v128.load(gn2 + pf)), qv), inv));
    const q = f64x2.div(f64x2.sub(q0, drive), den);
    v128.store(out + (<usize>(outOff + c) << 3), v128.and(q, flow));
  }
  if (c == cHi)
    facesScalar(kind, h, hInv, root, z, gn2, qOld, cross, out, levels, dtLevel, gdtLevel, cellBase, cellStep,
      faceBase, faceNeighbour, crossBase, crossRow, crossShift, outOff, c, c, jf, fric2d, thr, dt0, gdt0, theta);
}

/** The limiter on cells c in [cLo, cHi] one at a time (see `limitRow`). */
function limitScalar(
  h: usize,
  kind: usize,
  x: usize,
  n: usize,
  s: usize,
  base: i32,
  cLo: i32,
  cHi: i32,
  dt: f64,
  dx: f64,
): void {
  for (let c = cLo; c <= cHi; c++) {
    const pc = <usize>c << 3;
    const qw = load<f64>(x + pc);
    const qe = load<f64>(x + pc + 8);
    const qn = load<f64>(n + pc);
    const qs = load<f64>(s + pc);
    const out = (qe > 0 ? qe : 0) - (qw < 0 ? qw : 0) + (qs > 0 ? qs : 0) - (qn < 0 ? qn : 0);
    if (out > 0) {
      const need = out * dt;
      const have = ld(h, base + c) * dx;
      if (need > have && load<u8>(kind + <usize>(base + c)) != RIVER) {
        const w = have / need;
        if (qe > 0) store<f64>(x + pc + 8, qe * w);
        if (qw < 0) store<f64>(x + pc, qw * w);
        if (qs > 0) store<f64>(s + pc, qs * w);
        if (qn < 0) store<f64>(n + pc, qn * w);
      }
    }
  }
}

/**
 * The outflow limiter on cells c in [cLo, cHi] of one row (flux-kernel.ts's limitRow): scales the outflows of a cell
 * that would take more water over the step than it holds. x: the row's x faces (face c west of cell c); n, s: its
 * north and south y faces; h and kind from cell `base`.
 */
export function limitRow(
  h: usize,
  kind: usize,
  x: usize,
  n: usize,
  s: usize,
  base: i32,
  cLo: i32,
  cHi: i32,
  dt: f64,
  dx: f64,
): void {
  // Two cells at a time: most cells keep their outflows, and the pair writes nothing; a pair where either cell
  // must scale goes one cell at a time (the scalar loop's order: a cell's scaled east face is its neighbour's west).
  const vZero = f64x2.splat(0);
  const vDt = f64x2.splat(dt);
  const vDx = f64x2.splat(dx);
  let c = cLo;
  for (; c < cHi; c += 2) {
    const pc = <usize>c << 3;
    const qw = v128.load(x + pc);
    const qe = v128.load(x + pc + 8);
    const qn = v128.load(n + pc);
    const qs = v128.load(s + pc);
    const out = f64x2.sub(
      f64x2.add(
        f64x2.sub(v128.and(qe, f64x2.gt(qe, vZero)), v128.and(qw, f64x2.lt(qw, vZero))),
        v128.and(qs, f64x2.gt(qs, vZero)),
      ),
      v128.and(qn, f64x2.lt(qn, vZero)),
    );
    const have = f64x2.mul(v128.load(h + (<usize>(base + c) << 3)), vDx);
    if (v128.any_true(v128.and(f64x2.gt(out, vZero), f64x2.gt(f64x2.mul(out, vDt), have))))
      limitScalar(h, kind, x, n, s, base, c, c + 1, dt, dx);
  }
  if (c == cHi) limitScalar(h, kind, x, n, s, base, c, c, dt, dx);
}

const OPEN: u8 = 0;
const CLOSED: u8 = 1;

/** Flow depth a river cell offers its land neighbours (update-kernel.ts's riverFlowDepth). */
function riverFlowDepth(z: usize, kind: usize, i: i32, nx: i32, n: i32, stage: f64): f64 {
  const c = i % nx;
  let crest: f64 = Infinity;
  if (c > 0 && load<u8>(kind + <usize>(i - 1)) == OPEN) crest = Math.min(crest, ld(z, i - 1));
  if (c < nx - 1 && load<u8>(kind + <usize>(i + 1)) == OPEN) crest = Math.min(crest, ld(z, i + 1));
  if (i >= nx && load<u8>(kind + <usize>(i - nx)) == OPEN) crest = Math.min(crest, ld(z, i - nx));
  if (i + nx < n && load<u8>(kind + <usize>(i + nx)) == OPEN) crest = Math.min(crest, ld(z, i + nx));
  return stage - Math.max(ld(z, i), crest);
}

// The update kernel's row state: its arrays, the step's values, and the row's sums (set by updateRow).
let uQx: usize = 0;
let uQy: usize = 0;
let uH: usize = 0;
let uHInv: usize = 0;
let uRoot: usize = 0;
let uKind: usize = 0;
let uZ: usize = 0;
let uMaxDepth: usize = 0;
let uFirstWet: usize = 0;
let uMaxSpeed: usize = 0;
let uRainA: usize = 0;
let uRainB: usize = 0;
let uInfilClass: usize = 0;
let uInfil: usize = 0;
let uDrain: usize = 0;
let uCatchSlot: usize = 0;
let uCatchFactor: usize = 0;
let uBlockCatch: usize = 0;
let uNx: i32 = 0;
let uN: i32 = 0;
let uCatchBase: i32 = 0;
let uRainMode: i32 = 0;
let uSinks: i32 = 0;
let uSpeed: i32 = 0;
let uDt: f64 = 0;
let uDtOverDx: f64 = 0;
let uRiverNext: f64 = 0;
let uRainUniform: f64 = 0;
let uWA: f64 = 0;
let uWB: f64 = 0;
let uTNext: f64 = 0;
let uThr: f64 = 0;
let uWetDepth: f64 = 0;
let sStored: f64 = 0;
let sRain: f64 = 0;
let sInfil: f64 = 0;
let sDrained: f64 = 0;
let sBin: f64 = 0;
let sBout: f64 = 0;
let sHmax: f64 = 0;
let sLo: i32 = 0;
let sHi: i32 = 0;

/** Cells c in [c0, c1] of row r one at a time: every case (closed, river, rain windows, sinks, speeds). */
function updateScalar(r: i32, c0: i32, c1: i32): void {
  const nx = uNx;
  const qx = uQx;
  const qy = uQy;
  const h = uH;
  const hInv = uHInv;
  const root = uRoot;
  const kind = uKind;
  const z = uZ;
  const maxDepth = uMaxDepth;
  const firstWet = uFirstWet;
  const maxSpeed = uMaxSpeed;
  const rainA = uRainA;
  const rainB = uRainB;
  const infilClass = uInfilClass;
  const infil = uInfil;
  const drain = uDrain;
  const catchSlot = uCatchSlot;
  const catchFactor = uCatchFactor;
  const blockCatch = uBlockCatch;
  const catchBase = uCatchBase;
  const rainMode = uRainMode;
  const sinks = uSinks;
  const speed = uSpeed;
  const dt = uDt;
  const dtOverDx = uDtOverDx;
  const riverNext = uRiverNext;
  const rainUniform = uRainUniform;
  const wA = uWA;
  const wB = uWB;
  const tNext = uTNext;
  const thr = uThr;
  const wetDepth = uWetDepth;
  let stored = sStored;
  let rain = sRain;
  let infilled = sInfil;
  let drained = sDrained;
  let bin = sBin;
  let bout = sBout;
  let hmax = sHmax;
  let lo = sLo;
  let hi = sHi;
  const base = r * nx;
  const xb = r * (nx + 1);
  const yb = r * nx;
  for (let c = c0; c <= c1; c++) {
    const i = base + c;
    const kd = load<u8>(kind + <usize>i);
    if (kd == CLOSED) continue;
    const qw = ld(qx, xb + c);
    const qe = ld(qx, xb + c + 1);
    const qn = ld(qy, yb + c);
    const qs = ld(qy, yb + nx + c);
    const div = dtOverDx * (qw - qe + qn - qs);
    if (kd == RIVER) {
      if (div > 0) bout += div;
      else bin -= div;
      const hr = riverNext - ld(z, i);
      const hn = hr > 0 ? hr : 0;
      store<f64>(h + (<usize>i << 3), hn);
      const y = hn > 0 ? invCbrtNear(hn, ld(root, i)) : 0;
      store<f64>(root + (<usize>i << 3), y);
      store<f64>(hInv + (<usize>i << 3), pow7(y));
      if (hn > 0) {
        if (c < lo) lo = c;
        hi = c;
        const fd = riverFlowDepth(z, kind, i, nx, uN, riverNext);
        if (fd > hmax) hmax = fd;
      }
      continue;
    }
    let hn = ld(h, i) + div;
    if (rainMode != 0) {
      const rd =
        rainMode == 1
          ? rainUniform
          : <f64>load<f32>(rainA + (<usize>i << 2)) * wA + <f64>load<f32>(rainB + (<usize>i << 2)) * wB;
      hn += rd;
      rain += rd;
    }
    if (sinks != 0 && hn > 0) {
      const fi = ld(infil, load<u8>(infilClass + <usize>i));
      const ti = fi < hn ? fi : hn;
      hn -= ti;
      infilled += ti;
      const slot = load<i32>(catchSlot + (<usize>i << 2));
      const fd = ld(drain, i) * ld(catchFactor, slot) * dt;
      const td = fd < hn ? fd : hn;
      if (td > 0) {
        hn -= td;
        drained += td;
        const pc = blockCatch + (<usize>(catchBase + slot) << 3);
        store<f64>(pc, load<f64>(pc) + td);
      }
    }
    if (hn <= 0) {
      store<f64>(h + (<usize>i << 3), 0);
      store<f64>(hInv + (<usize>i << 3), 0);
      store<f64>(root + (<usize>i << 3), 0);
      continue;
    }
    store<f64>(h + (<usize>i << 3), hn);
    let y = ld(root, i);
    const x = hn * y * y * y;
    y = x < 1.01 && x > 0.99 ? y * (1.3333333333333333 - x * 0.3333333333333333) : 1 / cbrtPortable(hn);
    store<f64>(root + (<usize>i << 3), y);
    store<f64>(hInv + (<usize>i << 3), pow7(y));
    stored += hn;
    if (c < lo) lo = c;
    hi = c;
    if (hn > hmax) hmax = hn;
    if (hn > ld(maxDepth, i)) store<f64>(maxDepth + (<usize>i << 3), hn);
    if (hn > wetDepth && ld(firstWet, i) < 0) store<f64>(firstWet + (<usize>i << 3), tNext);
    if (speed != 0 && hn > thr) {
      const u = (qw + qe) / (2 * hn);
      const v = (qn + qs) / (2 * hn);
      const sp = Math.sqrt(u * u + v * v);
      if (sp > ld(maxSpeed, i)) store<f64>(maxSpeed + (<usize>i << 3), sp);
    }
  }
  sStored = stored;
  sRain = rain;
  sInfil = infilled;
  sDrained = drained;
  sBin = bin;
  sBout = bout;
  sHmax = hmax;
  sLo = lo;
  sHi = hi;
}

/** Books one updated open cell's depth as the scalar loop does: stored, span, h_max. */
@inline
function bookWet(c: i32, hn: f64): void {
  sStored += hn;
  if (c < sLo) sLo = c;
  sHi = c;
  if (hn > sHmax) sHmax = hn;
}

/**
 * The cell updates of one row under one global step (update-kernel.ts's updatePass, step 3): new depths from the
 * face discharges, rain, infiltration and inlets; river cells to the stage; roots, maxima, first wetting and
 * speeds. The row's sums go to acc: stored, rain, infiltrated, drained, boundary in, boundary out, h_max, lo, hi.
 * Without sinks, speeds or rain windows, two open cells at a time in f64x2 lanes (the sums still added cell by
 * cell, in order, so the same bits); any other pair, and an odd last cell, one at a time.
 */
export function updateRow(
  p: usize,
  acc: usize,
  r: i32,
  cLo: i32,
  cHi: i32,
  nx: i32,
  n: i32,
  catchBase: i32,
  rainMode: i32,
  sinks: i32,
  speed: i32,
  dt: f64,
  dtOverDx: f64,
  riverNext: f64,
  rainUniform: f64,
  wA: f64,
  wB: f64,
  tNext: f64,
  thr: f64,
  wetDepth: f64,
  hmax0: f64,
): void {
  // Pointers, in this order (update-kernel.ts fills the block): qx, qy, h, hInv, root, kind, z, maxDepth,
  // firstWet, maxSpeed, rainA (f32), rainB (f32), infilClass (u8), infil, drain, catchSlot (i32), catchFactor,
  // blockCatch.
  uQx = <usize>load<u32>(p);
  uQy = <usize>load<u32>(p, 4);
  uH = <usize>load<u32>(p, 8);
  uHInv = <usize>load<u32>(p, 12);
  uRoot = <usize>load<u32>(p, 16);
  uKind = <usize>load<u32>(p, 20);
  uZ = <usize>load<u32>(p, 24);
  uMaxDepth = <usize>load<u32>(p, 28);
  uFirstWet = <usize>load<u32>(p, 32);
  uMaxSpeed = <usize>load<u32>(p, 36);
  uRainA = <usize>load<u32>(p, 40);
  uRainB = <usize>load<u32>(p, 44);
  uInfilClass = <usize>load<u32>(p, 48);
  uInfil = <usize>load<u32>(p, 52);
  uDrain = <usize>load<u32>(p, 56);
  uCatchSlot = <usize>load<u32>(p, 60);
  uCatchFactor = <usize>load<u32>(p, 64);
  uBlockCatch = <usize>load<u32>(p, 68);
  uNx = nx;
  uN = n;
  uCatchBase = catchBase;
  uRainMode = rainMode;
  uSinks = sinks;
  uSpeed = speed;
  uDt = dt;
  uDtOverDx = dtOverDx;
  uRiverNext = riverNext;
  uRainUniform = rainUniform;
  uWA = wA;
  uWB = wB;
  uTNext = tNext;
  uThr = thr;
  uWetDepth = wetDepth;
  sStored = 0;
  sRain = 0;
  sInfil = 0;
  sDrained = 0;
  sBin = 0;
  sBout = 0;
  sHmax = hmax0;
  sLo = nx;
  sHi = -1;
  let c = cLo;
  if (sinks == 0 && speed == 0 && rainMode != 2) {
    const qx = uQx;
    const qy = uQy;
    const h = uH;
    const hInv = uHInv;
    const root = uRoot;
    const kind = uKind;
    const maxDepth = uMaxDepth;
    const firstWet = uFirstWet;
    const base = r * nx;
    const xb = <usize>(r * (nx + 1)) << 3;
    const yb = <usize>(r * nx) << 3;
    const south = <usize>nx << 3;
    const vDtOverDx = f64x2.splat(dtOverDx);
    const vRain = f64x2.splat(rainUniform);
    const vZero = f64x2.splat(0);
    const vLo = f64x2.splat(0.99);
    const vHi = f64x2.splat(1.01);
    const v43 = f64x2.splat(1.3333333333333333);
    const v13 = f64x2.splat(0.3333333333333333);
    const vWet = f64x2.splat(wetDepth);
    const vT = f64x2.splat(tNext);
    for (; c < cHi; c += 2) {
      const i = base + c;
      // Both cells open (OPEN is 0): else one at a time.
      if (load<u16>(kind + <usize>i) != 0) {
        updateScalar(r, c, c + 1);
        continue;
      }
      const pc = <usize>c << 3;
      const qw = v128.load(qx + xb + pc);
      const qe = v128.load(qx + xb + pc + 8);
      const qn = v128.load(qy + yb + pc);
      const qs = v128.load(qy + yb + south + pc);
      const div = f64x2.mul(vDtOverDx, f64x2.sub(f64x2.add(f64x2.sub(qw, qe), qn), qs));
      const pi = <usize>i << 3;
      let hn = f64x2.add(v128.load(h + pi), div);
      if (rainMode == 1) {
        hn = f64x2.add(hn, vRain);
        sRain += rainUniform;
        sRain += rainUniform;
      }
      const wet = f64x2.gt(hn, vZero);
      let y = v128.load(root + pi);
      const x = f64x2.mul(f64x2.mul(f64x2.mul(hn, y), y), y);
      const near = v128.and(f64x2.lt(x, vHi), f64x2.gt(x, vLo));
      y = f64x2.mul(y, f64x2.sub(v43, f64x2.mul(x, v13)));
      // A cell whose depth moved by 1 % or more: the exact root, lane by lane.
      if (!i64x2.all_true(v128.or(near, v128.not(wet)))) {
        if (f64x2.extract_lane(hn, 0) > 0 && !(i64x2.extract_lane(near, 0) != 0))
          y = f64x2.replace_lane(y, 0, 1 / cbrtPortable(f64x2.extract_lane(hn, 0)));
        if (f64x2.extract_lane(hn, 1) > 0 && !(i64x2.extract_lane(near, 1) != 0))
          y = f64x2.replace_lane(y, 1, 1 / cbrtPortable(f64x2.extract_lane(hn, 1)));
      }
      const y2 = f64x2.mul(y, y);
      const p7 = f64x2.mul(f64x2.mul(f64x2.mul(y2, y2), y2), y);
      v128.store(h + pi, v128.and(hn, wet));
      v128.store(root + pi, v128.and(y, wet));
      v128.store(hInv + pi, v128.and(p7, wet));
      const md = v128.load(maxDepth + pi);
      v128.store(maxDepth + pi, v128.bitselect(hn, md, v128.and(f64x2.gt(hn, md), wet)));
      const fw = v128.load(firstWet + pi);
      v128.store(firstWet + pi, v128.bitselect(vT, fw, v128.and(v128.and(f64x2.gt(hn, vWet), f64x2.lt(fw, vZero)), wet)));
      if (i64x2.extract_lane(wet, 0) != 0) bookWet(c, f64x2.extract_lane(hn, 0));
      if (i64x2.extract_lane(wet, 1) != 0) bookWet(c + 1, f64x2.extract_lane(hn, 1));
    }
  }
  if (c <= cHi) updateScalar(r, c, cHi);
  store<f64>(acc, sStored);
  store<f64>(acc, sRain, 8);
  store<f64>(acc, sInfil, 16);
  store<f64>(acc, sDrained, 24);
  store<f64>(acc, sBin, 32);
  store<f64>(acc, sBout, 40);
  store<f64>(acc, sHmax, 48);
  store<f64>(acc, <f64>sLo, 56);
  store<f64>(acc, <f64>sHi, 64);
}

const INACTIVE: u8 = 255;

@inline
function minU8(a: u8, b: u8): u8 {
  return a < b ? a : b;
}

/**
 * The outflow limiter under local time stepping on cells c in [lo, hi] of row r (lts-kernel.ts's limitRowLts): the
 * due outflows of a cell, each over its own level's step, scaled to the water the cell holds now. x, n, s: the row's
 * x faces and its north and south y faces (face c at c); edges: bit k set when edge k (N, E, S, W) is open.
 */
export function limitRowLts(
  h: usize,
  kind: usize,
  levels: usize,
  touch: usize,
  dtLevel: usize,
  x: usize,
  n: usize,
  s: usize,
  edges: i32,
  r: i32,
  nx: i32,
  ny: i32,
  lo: i32,
  hi: i32,
  jf: i32,
  dx: f64,
): void {
  const base = r * nx;
  for (let c = lo; c <= hi; c++) {
    const i = base + c;
    if (<i32>load<u8>(touch + <usize>i) > jf || load<u8>(kind + <usize>i) != OPEN) continue;
    const li = load<u8>(levels + <usize>i);
    const lw: u8 = c > 0 ? minU8(li, load<u8>(levels + <usize>(i - 1))) : (edges & 8) != 0 ? li : INACTIVE;
    const le: u8 = c < nx - 1 ? minU8(li, load<u8>(levels + <usize>(i + 1))) : (edges & 2) != 0 ? li : INACTIVE;
    const ln: u8 = r > 0 ? minU8(li, load<u8>(levels + <usize>(i - nx))) : (edges & 1) != 0 ? li : INACTIVE;
    const ls: u8 = r < ny - 1 ? minU8(li, load<u8>(levels + <usize>(i + nx))) : (edges & 4) != 0 ? li : INACTIVE;
    const pc = <usize>c << 3;
    const qw: f64 = <i32>lw <= jf ? load<f64>(x + pc) : 0;
    const qe: f64 = <i32>le <= jf ? load<f64>(x + pc + 8) : 0;
    const qn: f64 = <i32>ln <= jf ? load<f64>(n + pc) : 0;
    const qs: f64 = <i32>ls <= jf ? load<f64>(s + pc) : 0;
    let need: f64 = 0;
    if (qe > 0) need += qe * ld(dtLevel, le);
    if (qw < 0) need -= qw * ld(dtLevel, lw);
    if (qs > 0) need += qs * ld(dtLevel, ls);
    if (qn < 0) need -= qn * ld(dtLevel, ln);
    if (need > 0) {
      const have = ld(h, i) * dx;
      if (need > have) {
        const w = have / need;
        if (qe > 0) store<f64>(x + pc + 8, qe * w);
        if (qw < 0) store<f64>(x + pc, qw * w);
        if (qs > 0) store<f64>(s + pc, qs * w);
        if (qn < 0) store<f64>(n + pc, qn * w);
      }
    }
  }
}

/**
 * h^(−1/3) from the cell's last root y when h has changed by more than 1 % (lts-kernel.ts's invCbrtFar): Newton
 * steps from y while x = h·y³ is within 10 %, else exactly.
 */
function invCbrtFar(hn: f64, y: f64, x: f64): f64 {
  if (!(x < 1.1 && x > 0.9)) return 1 / cbrtPortable(hn);
  y = y * (1.3333333333333333 - x * 0.3333333333333333);
  y = y * (1.3333333333333333 - hn * y * y * y * 0.3333333333333333);
  y = y * (1.3333333333333333 - hn * y * y * y * 0.3333333333333333);
  return y * (1.3333333333333333 - hn * y * y * y * 0.3333333333333333);
}

/**
 * The cell updates of one row in one sub-step of local time stepping (lts-kernel.ts's updatePassLts, steps 3 and 4)
 * on cells c in [cLo, cHi] of row r: the due faces' volumes, each over its own level's step, and the sources of the
 * cells whose period starts now; river cells to the stage; roots, maxima, first wetting and speeds. jf: the highest
 * level due; first: the macro step's first sub-step; rainAll: every cell takes its sources (rain on the first
 * sub-step); K: the macro step's top level; edges: bit k set when edge k (N, E, S, W) is open. The row's sums go to
 * acc: rain, infiltrated, drained, boundary in, boundary out, cells starting a period.
 */
export function updateRowLts(
  p: usize,
  acc: usize,
  r: i32,
  cLo: i32,
  cHi: i32,
  nx: i32,
  ny: i32,
  jf: i32,
  first: i32,
  rainAll: i32,
  K: i32,
  rainMode: i32,
  nClass: i32,
  sinks: i32,
  speed: i32,
  edges: i32,
  catchBase: i32,
  invDx: f64,
  tApply: f64,
  thr: f64,
  wetDepth: f64,
): void {
  // Pointers, in this order (lts-kernel.ts fills the block): qx, qy (this sub-step's faces), qxC, qyC (the current
  // ones), h, hInv, root, kind (u8), z, levels (u8), touch (u8), maxDepth, firstWet, maxSpeed, rainA (f32), rainB
  // (f32), infilClass (u8), drain, catchSlot (i32), catchFactor, blockCatch, dtLevel, rainLevelA, rainLevelB,
  // rainLevelDepthM, infilLevelM, riverStageLevelM.
  const qx = <usize>load<u32>(p);
  const qy = <usize>load<u32>(p, 4);
  const qxC = <usize>load<u32>(p, 8);
  const qyC = <usize>load<u32>(p, 12);
  const h = <usize>load<u32>(p, 16);
  const hInv = <usize>load<u32>(p, 20);
  const root = <usize>load<u32>(p, 24);
  const kind = <usize>load<u32>(p, 28);
  const z = <usize>load<u32>(p, 32);
  const lv = <usize>load<u32>(p, 36);
  const touch = <usize>load<u32>(p, 40);
  const maxDepth = <usize>load<u32>(p, 44);
  const firstWet = <usize>load<u32>(p, 48);
  const maxSpeed = <usize>load<u32>(p, 52);
  const rainA = <usize>load<u32>(p, 56);
  const rainB = <usize>load<u32>(p, 60);
  const infilClass = <usize>load<u32>(p, 64);
  const drain = <usize>load<u32>(p, 68);
  const catchSlot = <usize>load<u32>(p, 72);
  const catchFactor = <usize>load<u32>(p, 76);
  const blockCatch = <usize>load<u32>(p, 80);
  const dtL = <usize>load<u32>(p, 84);
  const rLA = <usize>load<u32>(p, 88);
  const rLB = <usize>load<u32>(p, 92);
  const rLU = <usize>load<u32>(p, 96);
  const infil = <usize>load<u32>(p, 100);
  const stageL = <usize>load<u32>(p, 104);
  let rain: f64 = 0;
  let infilled: f64 = 0;
  let drained: f64 = 0;
  let bin: f64 = 0;
  let bout: f64 = 0;
  let cells: i32 = 0;
  const base = r * nx;
  const xb = r * (nx + 1);
  const yb = r * nx;
  for (let c = cLo; c <= cHi; c++) {
    const i = base + c;
    const li = load<u8>(lv + <usize>i);
    const start = <i32>li <= jf || (first != 0 && li == INACTIVE);
    if (<i32>load<u8>(touch + <usize>i) > jf && !(start && rainAll != 0)) continue;
    const kd = load<u8>(kind + <usize>i);
    if (kd == CLOSED) continue;
    // The due faces' volumes (per metre of width), moved now.
    const lw: i32 = c > 0 ? <i32>minU8(li, load<u8>(lv + <usize>(i - 1))) : (edges & 8) != 0 ? <i32>li : <i32>INACTIVE;
    const le: i32 = c < nx - 1 ? <i32>minU8(li, load<u8>(lv + <usize>(i + 1))) : (edges & 2) != 0 ? <i32>li : <i32>INACTIVE;
    const ln: i32 = r > 0 ? <i32>minU8(li, load<u8>(lv + <usize>(i - nx))) : (edges & 1) != 0 ? <i32>li : <i32>INACTIVE;
    const ls: i32 = r < ny - 1 ? <i32>minU8(li, load<u8>(lv + <usize>(i + nx))) : (edges & 4) != 0 ? <i32>li : <i32>INACTIVE;
    let vol: f64 = 0;
    if (lw <= jf) vol += ld(qx, xb + c) * ld(dtL, lw);
    if (le <= jf) vol -= ld(qx, xb + c + 1) * ld(dtL, le);
    if (ln <= jf) vol += ld(qy, yb + c) * ld(dtL, ln);
    if (ls <= jf) vol -= ld(qy, yb + nx + c) * ld(dtL, ls);
    const div = vol * invDx;
    if (!start && div == 0) continue;
    const la: i32 = <i32>li > K ? K : <i32>li;
    if (start) cells++;
    const pi = <usize>i << 3;
    if (kd == RIVER) {
      if (div > 0) bout += div;
      else bin -= div;
      if (!start) continue;
      const hr = ld(stageL, la) - ld(z, i);
      const hn = hr > 0 ? hr : 0;
      store<f64>(h + pi, hn);
      const y = hn > 0 ? invCbrtNear(hn, ld(root, i)) : 0;
      store<f64>(root + pi, y);
      store<f64>(hInv + pi, pow7(y));
      continue;
    }
    let hn = ld(h, i) + div;
    if (start) {
      // The cell's own sources over the period it starts.
      if (rainMode != 0) {
        const rd =
          rainMode == 1
            ? ld(rLU, la)
            : <f64>load<f32>(rainA + (<usize>i << 2)) * ld(rLA, la) +
              <f64>load<f32>(rainB + (<usize>i << 2)) * ld(rLB, la);
        hn += rd;
        rain += rd;
      }
      if (sinks != 0 && hn > 0) {
        const fi = ld(infil, la * nClass + <i32>load<u8>(infilClass + <usize>i));
        const ti = fi < hn ? fi : hn;
        hn -= ti;
        infilled += ti;
        const slot = load<i32>(catchSlot + (<usize>i << 2));
        const fd = ld(drain, i) * ld(catchFactor, slot) * ld(dtL, la);
        const td = fd < hn ? fd : hn;
        if (td > 0) {
          hn -= td;
          drained += td;
          const pc = blockCatch + (<usize>(catchBase + slot) << 3);
          store<f64>(pc, load<f64>(pc) + td);
        }
      }
    }
    if (hn <= 0) {
      store<f64>(h + pi, 0);
      store<f64>(hInv + pi, 0);
      store<f64>(root + pi, 0);
      continue;
    }
    store<f64>(h + pi, hn);
    let y = ld(root, i);
    const x = hn * y * y * y;
    y = x < 1.01 && x > 0.99 ? y * (1.3333333333333333 - x * 0.3333333333333333) : invCbrtFar(hn, y, x);
    store<f64>(root + pi, y);
    store<f64>(hInv + pi, pow7(y));
    if (hn > ld(maxDepth, i)) store<f64>(maxDepth + pi, hn);
    if (hn > wetDepth && ld(firstWet, i) < 0) store<f64>(firstWet + pi, tApply);
    if (speed != 0 && hn > thr) {
      const qW = lw <= jf ? ld(qx, xb + c) : ld(qxC, xb + c);
      const qE = le <= jf ? ld(qx, xb + c + 1) : ld(qxC, xb + c + 1);
      const qN = ln <= jf ? ld(qy, yb + c) : ld(qyC, yb + c);
      const qS = ls <= jf ? ld(qy, yb + nx + c) : ld(qyC, yb + nx + c);
      const u = (qW + qE) / (2 * hn);
      const v = (qN + qS) / (2 * hn);
      const sp = Math.sqrt(u * u + v * v);
      if (sp > ld(maxSpeed, i)) store<f64>(maxSpeed + pi, sp);
    }
  }
  store<f64>(acc, rain);
  store<f64>(acc, infilled, 8);
  store<f64>(acc, drained, 16);
  store<f64>(acc, bin, 24);
  store<f64>(acc, bout, 32);
  store<f64>(acc, <f64>cells, 40);
}

/**
 * Local time stepping's raw levels over rows [a0, a1) (lts-kernel.ts's computeLevels, step 2): from the deepest CFL
 * depth of a cell and its four neighbours (d, f64), the coarsest level k ≤ K whose limit hLimit[k] that depth is
 * within; INACTIVE for closed cells and dry land with dry neighbours.
 */
export function levelsRaw(
  d: usize,
  kind: usize,
  raw: usize,
  hLimit: usize,
  nx: i32,
  ny: i32,
  a0: i32,
  a1: i32,
  K: i32,
): void {
  for (let r = a0; r < a1; r++) {
    const up = r > 0 ? nx : 0;
    const dn = r < ny - 1 ? nx : 0;
    const base = r * nx;
    for (let c = 0; c < nx; c++) {
      const i = base + c;
      const kd = load<u8>(kind + <usize>i);
      let m = ld(d, i);
      if (c > 0 && ld(d, i - 1) > m) m = ld(d, i - 1);
      if (c < nx - 1 && ld(d, i + 1) > m) m = ld(d, i + 1);
      if (ld(d, i - up) > m) m = ld(d, i - up);
      if (ld(d, i + dn) > m) m = ld(d, i + dn);
      if (kd == CLOSED || (m == 0 && kd != RIVER)) {
        store<u8>(raw + <usize>i, INACTIVE);
        continue;
      }
      let l: i32 = 0;
      while (l < K && m <= ld(hLimit, l + 1)) l++;
      store<u8>(raw + <usize>i, <u8>l);
    }
  }
}

/** Over rows [f0, f1) a cell's level: the finest raw level of itself and its neighbours (computeLevels, step 3). */
export function levelsRing(raw: usize, lv: usize, nx: i32, ny: i32, f0: i32, f1: i32): void {
  for (let r = f0; r < f1; r++) {
    const up = r > 0 ? nx : 0;
    const dn = r < ny - 1 ? nx : 0;
    const base = r * nx;
    for (let c = 0; c < nx; c++) {
      const i = base + c;
      let l = load<u8>(raw + <usize>i);
      if (l != INACTIVE) {
        if (c > 0) l = minU8(l, load<u8>(raw + <usize>(i - 1)));
        if (c < nx - 1) l = minU8(l, load<u8>(raw + <usize>(i + 1)));
        l = minU8(l, load<u8>(raw + <usize>(i - up)));
        l = minU8(l, load<u8>(raw + <usize>(i + dn)));
      }
      store<u8>(lv + <usize>i, l);
    }
  }
}

/**
 * Per row of [f0, f1) and level j ≤ K (lts-kernel.ts's levelSpans): the touch level of each cell (the finest of
 * itself and its neighbours within the rows), [lo, hi] of cells of level ≤ j (cs, i32) and of cells touching one
 * (ts, i32), at j·2·ny + 2·r.
 */
export function levelSpans(
  lv: usize,
  touch: usize,
  cs: usize,
  ts: usize,
  nx: i32,
  ny: i32,
  f0: i32,
  f1: i32,
  K: i32,
): void {
  const stride = 2 * ny;
  for (let r = f0; r < f1; r++) {
    for (let j = 0; j <= K; j++) {
      const o = <usize>(j * stride + 2 * r) << 2;
      store<i32>(cs + o, nx);
      store<i32>(cs + o, -1, 4);
      store<i32>(ts + o, nx);
      store<i32>(ts + o, -1, 4);
    }
    const base = r * nx;
    for (let c = 0; c < nx; c++) {
      const i = base + c;
      const l = load<u8>(lv + <usize>i);
      let t = l;
      if (c > 0) t = minU8(t, load<u8>(lv + <usize>(i - 1)));
      if (c < nx - 1) t = minU8(t, load<u8>(lv + <usize>(i + 1)));
      if (r > f0) t = minU8(t, load<u8>(lv + <usize>(i - nx)));
      if (r < f1 - 1) t = minU8(t, load<u8>(lv + <usize>(i + nx)));
      store<u8>(touch + <usize>i, t);
      if (<i32>l <= K) {
        const o = cs + (<usize>(<i32>l * stride + 2 * r) << 2);
        if (c < load<i32>(o)) store<i32>(o, c);
        store<i32>(o, c, 4);
      }
      if (<i32>t <= K) {
        const o = ts + (<usize>(<i32>t * stride + 2 * r) << 2);
        if (c < load<i32>(o)) store<i32>(o, c);
        store<i32>(o, c, 4);
      }
    }
    // A span of level j holds every cell of level ≤ j.
    for (let j = 1; j <= K; j++) {
      const o = cs + (<usize>(j * stride + 2 * r) << 2);
      const p = o - (<usize>stride << 2);
      if (load<i32>(p) < load<i32>(o)) store<i32>(o, load<i32>(p));
      if (load<i32>(p, 4) > load<i32>(o, 4)) store<i32>(o, load<i32>(p, 4), 4);
      const o2 = ts + (<usize>(j * stride + 2 * r) << 2);
      const p2 = o2 - (<usize>stride << 2);
      if (load<i32>(p2) < load<i32>(o2)) store<i32>(o2, load<i32>(p2));
      if (load<i32>(p2, 4) > load<i32>(o2, 4)) store<i32>(o2, load<i32>(p2, 4), 4);
    }
  }
}

/**
 * Due faces of one row of faces [lo, hi] become the current ones (lts-kernel.ts's commitFaces and commitY): face
 * face + c lies between cells cellA + c and cellB + c; it is due when the finer of their levels is ≤ jf, and on the
 * macro step's first sub-step a face between inactive cells is zeroed.
 */
export function commitSpan(
  lv: usize,
  qN: usize,
  qC: usize,
  cellA: i32,
  cellB: i32,
  face: i32,
  lo: i32,
  hi: i32,
  jf: i32,
  first: i32,
): void {
  for (let c = lo; c <= hi; c++) {
    const l = <i32>minU8(load<u8>(lv + <usize>(cellA + c)), load<u8>(lv + <usize>(cellB + c)));
    const pf = <usize>(face + c) << 3;
    if (l <= jf) store<f64>(qC + pf, load<f64>(qN + pf));
    else if (first != 0 && l == <i32>INACTIVE) store<f64>(qC + pf, 0);
  }
}

/**
 * Stored depth and h_max of row r after the last sub-step (lts-kernel.ts's storedAndDeepest): open cells by their
 * depth, wet river cells by their flow depth at `stage`. acc: stored, h_max (from hmax0).
 */
export function storedRow(h: usize, kind: usize, z: usize, acc: usize, r: i32, nx: i32, n: i32, stage: f64, hmax0: f64): void {
  let stored: f64 = 0;
  let hmax = hmax0;
  const base = r * nx;
  for (let i = base; i < base + nx; i++) {
    const kd = load<u8>(kind + <usize>i);
    const d = ld(h, i);
    if (kd == OPEN) {
      stored += d;
      if (d > hmax) hmax = d;
    } else if (kd == RIVER && d > 0) {
      const fd = riverFlowDepth(z, kind, i, nx, n, stage);
      if (fd > hmax) hmax = fd;
    }
  }
  store<f64>(acc, stored);
  store<f64>(acc, hmax, 8);
}
