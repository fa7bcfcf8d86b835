// The local inertial discharge on one row of faces (Bates et al. 2010; de Almeida et al. 2012 when θ < 1) and
// on the domain edges (free outflow as LISFLOOD-FP's FREE, or a held stage). Pure over typed arrays.
import { EDGE_FREE, EDGE_STAGE } from './kernel-config.ts';
import { RIVER } from './layout.ts';
import type { KernelConfig, StepVars } from './kernel-config.ts';
import type { HydroArrays } from './layout.ts';
import { invCbrtNear, pow7 } from './portable-math.ts';

/**
 * Discharge on x faces c in [cLo, cHi] (1 ≤ c ≤ nx − 1) of row r, written to out[outOff + c].
 * q = (q0 − g·dt·hflow·∂η/∂x) / (1 + g·dt·n²·|q0| / hflow^(7/3)), hflow = max(η) − max(z) (Bates et al. 2010);
 * with θ < 1 the q-centred average of de Almeida et al. (2012), falling back to Bates when it opposes the slope.
 * With `friction2D` (LISFLOOD-FP's default) |q0| in the friction term is the magnitude of (q0, mean of the four
 * neighbouring y-face discharges).
 */
export function xFaces(
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
  const kind = a.kind;
  const h = a.h;
  const hInv = a.hInv73;
  const root = a.hRoot;
  const z = a.z;
  const gn2 = a.gn2x;
  const nx = k.nx;
  const thr = k.depthThresholdM;
  const lv = s.levels;
  const jf = s.jFace;
  let dt = s.dtS;
  let gdtInvDx = (k.gravity * dt) / k.dxM;
  const theta = k.theta;
  const cellBase = r * nx;
  const faceBase = r * (nx + 1);
  for (let c = cLo; c <= cHi; c++) {
    const iw = cellBase + c - 1;
    if (lv !== null) {
      // Local time stepping: only faces of level ≤ jFace are due, each with its level's step.
      const l = lv[iw] < lv[iw + 1] ? lv[iw] : lv[iw + 1];
      if (l > jf) continue;
      // River cells of different levels hold the stage of different times: no exchange between river cells.
      if (kind[iw] === RIVER && kind[iw + 1] === RIVER) {
        out[outOff + c] = 0;
        continue;
      }
      dt = s.dtLevel[l];
      gdtInvDx = s.gdtLevel[l];
    }
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
        // hflow^(−7/3): the cached value of the cell that sets hflow when it also has the higher bed; else hflow is
        // the other cell's depth plus the surface step, so its cached root is the guess (water over a ledge, ponds).
        let inv = 0;
        if (qv !== 0)
          inv =
            ew >= ee
              ? zw >= ze
                ? hInv[iw]
                : pow7(invCbrtNear(hf, root[iw + 1]))
              : ze >= zw
                ? hInv[iw + 1]
                : pow7(invCbrtNear(hf, root[iw]));
        const den = 1 + dt * gn2[f] * qv * inv;
        if (theta === 1) q = (q0 - drive) / den;
        else {
          q = (theta * q0 + 0.5 * (1 - theta) * (qOld[f - 1] + qOld[f + 1]) - drive) / den;
          if (q * (ew - ee) < 0) q = (q0 - drive) / den;
          // Two river cells are both held at the stage: the average would invent an exchange between them.
          if (kind[iw] === RIVER && kind[iw + 1] === RIVER) q = 0;
        }
      }
    }
    out[outOff + c] = q;
  }
}

/** Discharge on y face row f (between rows f − 1 and f, 1 ≤ f ≤ ny − 1), columns [cLo, cHi]; positive south. */
export function yFaces(
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
  const kind = a.kind;
  const h = a.h;
  const hInv = a.hInv73;
  const root = a.hRoot;
  const z = a.z;
  const gn2 = a.gn2y;
  const nx = k.nx;
  const thr = k.depthThresholdM;
  const lv = s.levels;
  const jf = s.jFace;
  let dt = s.dtS;
  let gdtInvDx = (k.gravity * dt) / k.dxM;
  const theta = k.theta;
  const northBase = (f - 1) * nx;
  const faceBase = f * nx;
  for (let c = cLo; c <= cHi; c++) {
    const iN = northBase + c;
    if (lv !== null) {
      const l = lv[iN] < lv[iN + nx] ? lv[iN] : lv[iN + nx];
      if (l > jf) continue;
      if (kind[iN] === RIVER && kind[iN + nx] === RIVER) {
        out[outOff + c] = 0;
        continue;
      }
      dt = s.dtLevel[l];
      gdtInvDx = s.gdtLevel[l];
    }
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
                : pow7(invCbrtNear(hf, root[iN + nx]))
              : zs >= zn
                ? hInv[iN + nx]
                : pow7(invCbrtNear(hf, root[iN]));
        const den = 1 + dt * gn2[fi] * qv * inv;
        if (theta === 1) q = (q0 - drive) / den;
        else {
          q = (theta * q0 + 0.5 * (1 - theta) * (qOld[fi - nx] + qOld[fi + nx]) - drive) / den;
          if (q * (en - es) < 0) q = (q0 - drive) / den;
          if (kind[iN] === RIVER && kind[iN + nx] === RIVER) q = 0;
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
export function edgeFace(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  edge: number,
  q0: number,
  gn2: number,
  i: number,
  j: number,
  outward: number,
  dt: number,
): number {
  const kind = k.edgeKind[edge];
  const h0 = a.h[i];
  const thr = k.depthThresholdM;
  const g = k.gravity;
  if (kind === EDGE_FREE) {
    if (!(h0 > thr)) return 0;
    const slope = k.edgeSlope[edge];
    const sf = slope >= 0 ? slope : Math.abs((a.z[i] + h0 - a.z[j] - a.h[j]) / k.dxM);
    const aq0 = Math.abs(q0);
    return (outward * (aq0 + g * dt * h0 * sf)) / (1 + dt * gn2 * aq0 * a.hInv73[i]);
  }
  if (kind === EDGE_STAGE) {
    const stage = s.edgeStageM[edge];
    const eta = a.z[i] + h0;
    const hf = Math.max(h0, stage - a.z[i]);
    if (!(hf > thr)) return 0;
    // Slope along the positive axis: the outside is downstream of the cell for an outward-positive edge.
    const sf = outward > 0 ? (stage - eta) / k.dxM : (eta - stage) / k.dxM;
    const den = 1 + dt * gn2 * Math.abs(q0) * pow7(invCbrtNear(hf, a.hRoot[i]));
    return (q0 - g * dt * hf * sf) / den;
  }
  return 0;
}
