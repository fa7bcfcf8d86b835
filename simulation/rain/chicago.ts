// The Chicago design storm 芝加哥雨型 (Keifer & Chu 1957): a hyetograph whose every window around the peak holds
// the IDF depth for that window's length. Blocks are exact integrals of the continuous curve, so totals match the IDF.
import { SimulationError } from '../errors.ts';
import { createHyetograph, type Hyetograph } from './hyetograph.ts';
import { checkIdf, MM_PER_H_PER_L_PER_S_HA, SHANGHAI_IDF, type IdfFormula } from './idf.ts';

/** Peak position r fitted to 80 Shanghai storms (drainage software documentation; 0.4–0.405 is also used). */
export const SHANGHAI_PEAK_POSITION = 0.367;

/** Parameters of a Chicago design storm. */
export interface ChicagoOptions {
  /** Return period P (years), within the IDF formula's validated range (1–100 for Shanghai). */
  returnPeriodYears: number;
  /** Storm duration (min), > 0. */
  durationMin: number;
  /** Peak position r in [0, 1]: the peak falls at r × duration. Default 0.367. */
  peakPosition?: number;
  /** Block length (min) of the discretised hyetograph, usually 1 or 5. Default 5. The last block may be shorter. */
  stepMin?: number;
  /** Storm formula; Shanghai's by default. */
  idf?: IdfFormula;
  /** Scenario time (s) at which the storm starts. Default 0. */
  startS?: number;
}

/** A validated Chicago storm with its continuous cumulative curve, for building blocks and checking properties. */
export interface ChicagoCurve {
  readonly durationMin: number;
  readonly peakPosition: number;
  /** Peak time (min from storm start) = r × duration. */
  readonly peakMin: number;
  /** a' = A (1 + C lg P) × 0.36 / 60: the IDF depth is a' t / (t + b)^n mm with t in min. */
  readonly depthCoefficient: number;
  readonly bMin: number;
  readonly n: number;
}

/**
 * Validates the options and returns the continuous Chicago curve.
 * @throws SimulationError for a return period outside the formula's range, a non-positive duration or step,
 *   or a peak position outside [0, 1].
 */
export function chicagoCurve(opts: ChicagoOptions, input = 'chicago storm'): ChicagoCurve {
  const idf = opts.idf ?? SHANGHAI_IDF;
  checkIdf(idf, opts.returnPeriodYears, input);
  const r = opts.peakPosition ?? SHANGHAI_PEAK_POSITION;
  if (!Number.isFinite(opts.durationMin) || !(opts.durationMin > 0))
    throw new SimulationError(
      `duration ${opts.durationMin} min must be positive`,
      { input, field: 'durationMin' },
      'design storms usually last 60–180 min',
    );
  if (!(r >= 0 && r <= 1))
    throw new SimulationError(
      `peak position ${r} must lie between 0 and 1`,
      { input, field: 'peakPosition' },
      `use ${SHANGHAI_PEAK_POSITION} (fitted to Shanghai storms) or 0.4`,
    );
  const depthCoefficient = (idf.a * (1 + idf.c * Math.log10(opts.returnPeriodYears)) * MM_PER_H_PER_L_PER_S_HA) / 60;
  return {
    durationMin: opts.durationMin,
    peakPosition: r,
    peakMin: r * opts.durationMin,
    depthCoefficient,
    bMin: idf.bMin,
    n: idf.n,
  };
}

/** IDF depth (mm) for a storm of `tMin` minutes on this curve's formula and return period. */
export function curveIdfDepthMm(c: ChicagoCurve, tMin: number): number {
  return tMin <= 0 ? 0 : (c.depthCoefficient * tMin) / Math.pow(tMin + c.bMin, c.n);
}

/**
 * Depth (mm) fallen from the storm's start until `tMin` on the continuous curve. Before the peak the rain still to
 * come until the peak is r·G(tb/r), after it the rain since the peak is (1−r)·G(ta/(1−r)), G being the IDF depth:
 * differentiating gives Keifer & Chu's intensities i(t) = a'[(1−n)τ + b]/(τ + b)^(1+n) with τ = tb/r or ta/(1−r).
 */
export function chicagoCumulativeMm(c: ChicagoCurve, tMin: number): number {
  const D = c.durationMin;
  const r = c.peakPosition;
  const t = Math.min(Math.max(tMin, 0), D);
  const beforePeakMm = r * curveIdfDepthMm(c, D);
  if (t < c.peakMin) return beforePeakMm - r * curveIdfDepthMm(c, (c.peakMin - t) / r);
  if (r === 1) return beforePeakMm;
  return beforePeakMm + (1 - r) * curveIdfDepthMm(c, (t - c.peakMin) / (1 - r));
}

/** Instantaneous intensity (mm/h) of the continuous curve at `tMin` (Keifer & Chu 1957). */
export function chicagoIntensityMmPerH(c: ChicagoCurve, tMin: number): number {
  if (tMin < 0 || tMin > c.durationMin) return 0;
  // τ is the time from the peak stretched by r (before) or 1 − r (after); at r = 0 or 1 that side is empty.
  let tau = 0;
  if (tMin < c.peakMin) tau = (c.peakMin - tMin) / c.peakPosition;
  else if (tMin > c.peakMin) tau = (tMin - c.peakMin) / (1 - c.peakPosition);
  // d/dτ of a' τ / (τ + b)^n, per minute; × 60 for mm/h.
  return (60 * c.depthCoefficient * ((1 - c.n) * tau + c.bMin)) / Math.pow(tau + c.bMin, 1 + c.n);
}

/**
 * The Chicago design storm as blocks of `stepMin` minutes, each block's depth the exact integral of the continuous
 * curve over it. Its total depth equals the IDF depth for the whole duration.
 */
export function chicagoHyetograph(opts: ChicagoOptions, input = 'chicago storm'): Hyetograph {
  const c = chicagoCurve(opts, input);
  const stepMin = opts.stepMin ?? 5;
  if (!Number.isFinite(stepMin) || !(stepMin > 0) || stepMin > c.durationMin)
    throw new SimulationError(
      `block length ${stepMin} min must be positive and no longer than the storm (${c.durationMin} min)`,
      { input, field: 'stepMin' },
      'use 1 or 5 min blocks',
    );
  const startS = opts.startS ?? 0;
  const blocks = Math.ceil(c.durationMin / stepMin - 1e-9);
  const rates = new Float64Array(blocks);
  // 1. Block depths as differences of the cumulative curve at block edges (the last block may be shorter).
  let prevMm = 0;
  for (let k = 0; k < blocks; k++) {
    const endMin = k === blocks - 1 ? c.durationMin : (k + 1) * stepMin;
    const cumMm = chicagoCumulativeMm(c, endMin);
    rates[k] = ((cumMm - prevMm) * 60) / (endMin - k * stepMin);
    prevMm = cumMm;
  }
  // 2. Block start times; the end is the storm's end, so a shorter last block keeps its own length.
  const starts = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) starts[k] = startS + k * stepMin * 60;
  return createHyetograph(starts, rates, startS + c.durationMin * 60, { input });
}
