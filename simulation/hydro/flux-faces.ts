// The local inertial discharge on one row of faces (Bates et al. 2010; de Almeida et al. 2012 when θ < 1) and
// on the domain edges (free outflow as LISFLOOD-FP's FREE, or a held stage). Pure over typed arrays.
import { EDGE_FREE, EDGE_STAGE } from './kernel-config.ts';
import type { KernelConfig, StepVars } from './kernel-config.ts';
import type { HydroArrays } from './layout.ts';
import { invCbrtNear, pow7 } from './portable-math.ts';

/**
 * Discharge on x faces c in [cLo, cHi] (1 ≤ c ≤ nx − 1) of row r, written to out[outOff + c].
 * q = (q0 − g·dt·hflow·∂η/∂x) / (1 + g·dt·n²·|q0| / hflow^(7/3)), hflow = max(η) − max(z) (Bates et al. 2010);
 * with θ < 1 the q-centred average of de Almeida et al. (2012), falling back to Bates when it opposes the slope.
 * With `friction2D` (LISFLOOD-FP's default) |q0| in the friction term is the magnitude of (q0, mean of the four
 * neighbouring y-face discharges). Under local time stepping only faces of level ≤ jFace are due, each with its
 * level's step, and two river cells exchange nothing. Computed by the WebAssembly kernel (assembly/faces.ts); every
 * array passed lies in the engine's memory.
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
  const nx = k.nx;
  faces(a, k, s, a.ptr.gn2x, qOld, qyOld, out, outOff, cLo, cHi, r * nx - 1, 1, r * (nx + 1), 1, r * nx, nx, -1);
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
  const nx = k.nx;
  faces(
    a,
    k,
    s,
    a.ptr.gn2y,
    qOld,
    qxOld,
    out,
    outOff,
    cLo,
    cHi,
    (f - 1) * nx,
    nx,
    f * nx,
    nx,
    (f - 1) * (nx + 1),
    nx + 1,
    0,
  );
}

function faces(
  a: HydroArrays,
  k: KernelConfig,
  s: StepVars,
  gn2: number,
  qOld: Float64Array,
  cross: Float64Array,
  out: Float64Array,
  outOff: number,
  cLo: number,
  cHi: number,
  cellBase: number,
  cellStep: number,
  faceBase: number,
  faceNeighbour: number,
  crossBase: number,
  crossRow: number,
  crossShift: number,
): void {
  const dt = s.dtS;
  const p = a.ptr;
  a.kernel.faces(
    p.kind,
    p.h,
    p.hInv73,
    p.hRoot,
    p.z,
    gn2,
    qOld.byteOffset,
    cross.byteOffset,
    out.byteOffset,
    s.levelsAt,
    s.dtLevelAt,
    s.gdtLevelAt,
    cellBase,
    cellStep,
    faceBase,
    faceNeighbour,
    crossBase,
    crossRow,
    crossShift,
    outOff,
    cLo,
    cHi,
    s.jFace,
    k.friction2D ? 1 : 0,
    k.depthThresholdM,
    dt,
    (k.gravity * dt) / k.dxM,
    k.theta,
  );
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
