// AssemblyScript source of the face kernel (simulation/hydro/flux-faces.ts calls it): the local inertial discharge
// on one row of x or y faces, over the engine's arrays in one WebAssembly memory. The same operations in the same
// order as the TypeScript it replaced, so the same bits; WebAssembly has no fused multiply-add and rounds every
// basic operation as JavaScript does, in Node, a Worker and the browser alike. Build: `npm run build:wasm`.
// Every pointer is a byte offset into the memory; arrays are Float64 unless named otherwise.

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

/**
 * The cell updates of one row under one global step (update-kernel.ts's updatePass, step 3): new depths from the
 * face discharges, rain, infiltration and inlets; river cells to the stage; roots, maxima, first wetting and
 * speeds. The row's sums go to acc: stored, rain, infiltrated, drained, boundary in, boundary out, h_max, lo, hi.
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
  const qx = <usize>load<u32>(p);
  const qy = <usize>load<u32>(p, 4);
  const h = <usize>load<u32>(p, 8);
  const hInv = <usize>load<u32>(p, 12);
  const root = <usize>load<u32>(p, 16);
  const kind = <usize>load<u32>(p, 20);
  const z = <usize>load<u32>(p, 24);
  const maxDepth = <usize>load<u32>(p, 28);
  const firstWet = <usize>load<u32>(p, 32);
  const maxSpeed = <usize>load<u32>(p, 36);
  const rainA = <usize>load<u32>(p, 40);
  const rainB = <usize>load<u32>(p, 44);
  const infilClass = <usize>load<u32>(p, 48);
  const infil = <usize>load<u32>(p, 52);
  const drain = <usize>load<u32>(p, 56);
  const catchSlot = <usize>load<u32>(p, 60);
  const catchFactor = <usize>load<u32>(p, 64);
  const blockCatch = <usize>load<u32>(p, 68);
  let stored: f64 = 0;
  let rain: f64 = 0;
  let infilled: f64 = 0;
  let drained: f64 = 0;
  let bin: f64 = 0;
  let bout: f64 = 0;
  let hmax = hmax0;
  let lo = nx;
  let hi = -1;
  const base = r * nx;
  const xb = r * (nx + 1);
  const yb = r * nx;
  for (let c = cLo; c <= cHi; c++) {
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
        const fd = riverFlowDepth(z, kind, i, nx, n, riverNext);
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
  store<f64>(acc, stored);
  store<f64>(acc, rain, 8);
  store<f64>(acc, infilled, 16);
  store<f64>(acc, drained, 24);
  store<f64>(acc, bin, 32);
  store<f64>(acc, bout, 40);
  store<f64>(acc, hmax, 48);
  store<f64>(acc, <f64>lo, 56);
  store<f64>(acc, <f64>hi, 64);
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
