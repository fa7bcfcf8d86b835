// The storm intensity (IDF) formula 暴雨强度公式: mean rain intensity for a duration and a return period.
// Chinese form q = A(1 + C lg P) / (t + b)^n in L/(s·ha), t in minutes; Shanghai constants by default, configurable.
import { SimulationError } from '../errors.ts';

/** 1 L/(s·ha) of rain is 0.36 mm/h (1 L over 10,000 m² is 0.1 mm; × 3600 s/h). */
export const MM_PER_H_PER_L_PER_S_HA = 0.36;

/**
 * Constants of q = a (1 + c lg P) / (t + bMin)^n, with q in L/(s·ha), t in minutes and P the return period in years.
 * `a` is in L/(s·ha)·min^n; `c` and `n` are dimensionless; `bMin` is in minutes.
 */
export interface IdfFormula {
  a: number;
  c: number;
  bMin: number;
  n: number;
  /** Where the constants come from, shown with results. */
  label?: string;
  /** Return periods (years) the formula is validated for; 1–100 if not given. */
  minReturnPeriodYears?: number;
  maxReturnPeriodYears?: number;
}

/**
 * Shanghai's storm intensity formula as published in public code under the label DB31/T 1043-2017: A = 1600,
 * C = 0.846, b = 7.0 min, n = 0.656. Confidence low–medium (SHANGHAI-FACTS.md): the standard's own text was not
 * found and other public versions disagree. It gives 36.5 mm/h for 1 h at P = 1, 58.1 at P = 5, 98.3 at P = 100.
 */
export const SHANGHAI_IDF: Readonly<IdfFormula> = Object.freeze({
  a: 1600,
  c: 0.846,
  bMin: 7.0,
  n: 0.656,
  label: 'Shanghai DB31/T 1043-2017 (as published in public code; confidence low–medium)',
  minReturnPeriodYears: 1,
  maxReturnPeriodYears: 100,
});

/**
 * Checks an IDF formula's constants and a return period against it.
 * @throws SimulationError naming the field at fault.
 */
export function checkIdf(idf: IdfFormula, returnPeriodYears: number, input = 'storm formula'): void {
  for (const field of ['a', 'c', 'bMin', 'n'] as const) {
    if (typeof idf[field] !== 'number' || !Number.isFinite(idf[field]))
      throw new SimulationError(`constant ${field} = ${String(idf[field])} is not a finite number`, {
        input,
        field: `idf.${field}`,
      });
  }
  if (!(idf.a > 0)) throw new SimulationError(`a = ${idf.a} must be positive`, { input, field: 'idf.a' });
  if (!(idf.bMin >= 0)) throw new SimulationError(`b = ${idf.bMin} min must be ≥ 0`, { input, field: 'idf.bMin' });
  if (!(idf.n > 0 && idf.n < 1))
    throw new SimulationError(
      `n = ${idf.n} must lie strictly between 0 and 1`,
      { input, field: 'idf.n' },
      'storm formulae have 0 < n < 1; otherwise intensity would not fall with duration the way the formula assumes',
    );
  const lo = idf.minReturnPeriodYears ?? 1;
  const hi = idf.maxReturnPeriodYears ?? 100;
  if (!Number.isFinite(returnPeriodYears) || returnPeriodYears < lo || returnPeriodYears > hi)
    throw new SimulationError(
      `return period ${returnPeriodYears} years is outside the ${lo}–${hi} years the storm formula is validated for`,
      { input, field: 'returnPeriodYears' },
      `choose a return period between ${lo} and ${hi} years`,
    );
  if (!(1 + idf.c * Math.log10(returnPeriodYears) > 0))
    throw new SimulationError(`1 + c lg P is not positive for P = ${returnPeriodYears}`, { input, field: 'idf.c' });
}

/** Mean intensity q in L/(s·ha) over a storm of `durationMin` minutes (≥ 0) with the given return period. */
export function idfIntensityLPerSHa(
  returnPeriodYears: number,
  durationMin: number,
  idf: IdfFormula = SHANGHAI_IDF,
): number {
  checkIdf(idf, returnPeriodYears);
  checkDuration(durationMin);
  return (idf.a * (1 + idf.c * Math.log10(returnPeriodYears))) / Math.pow(durationMin + idf.bMin, idf.n);
}

/** Mean intensity (mm/h) over a storm of `durationMin` minutes (≥ 0) with the given return period (years). */
export function idfIntensityMmPerH(
  returnPeriodYears: number,
  durationMin: number,
  idf: IdfFormula = SHANGHAI_IDF,
): number {
  return idfIntensityLPerSHa(returnPeriodYears, durationMin, idf) * MM_PER_H_PER_L_PER_S_HA;
}

/** Depth (mm) of the storm of `durationMin` minutes with the given return period: mean intensity × duration. */
export function idfDepthMm(returnPeriodYears: number, durationMin: number, idf: IdfFormula = SHANGHAI_IDF): number {
  return (idfIntensityMmPerH(returnPeriodYears, durationMin, idf) * durationMin) / 60;
}

function checkDuration(durationMin: number): void {
  if (!Number.isFinite(durationMin) || durationMin < 0)
    throw new SimulationError(`duration ${durationMin} min must be finite and ≥ 0`, {
      input: 'storm formula',
      field: 'durationMin',
    });
}
