// Hydrographs: (time, value) series for inflows and stages, checked once and integrated exactly per step.
import { SimulationError } from '../errors.ts';
import type { Hydrograph, StageSource } from './types.ts';

/**
 * Builds a hydrograph from (time s, value) pairs, checking that times are finite and strictly increasing and
 * values finite (and not negative when `nonNegative`).
 * @param input where the pairs came from, for error messages (file or option name)
 */
export function hydrographFromPairs(
  pairs: readonly (readonly [number, number])[],
  input: string,
  opts: { nonNegative?: boolean; valueName?: string } = {},
): Hydrograph {
  const valueName = opts.valueName ?? 'value';
  if (pairs.length === 0) throw new SimulationError('has no rows', { input }, 'give at least one time,value row');
  const timesS = new Float64Array(pairs.length);
  const values = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [t, v] = pairs[i];
    if (!Number.isFinite(t))
      throw new SimulationError(`time ${t} is not a number`, { input, item: i + 1, field: 'time_s' });
    if (!Number.isFinite(v))
      throw new SimulationError(`${valueName} ${v} is not a number`, { input, item: i + 1, field: valueName });
    if (opts.nonNegative && v < 0)
      throw new SimulationError(
        `${valueName} ${v} is negative`,
        { input, item: i + 1, field: valueName },
        'use 0 or more',
      );
    if (i > 0 && !(t > timesS[i - 1]))
      throw new SimulationError(
        `time ${t} s is not after the previous row's ${timesS[i - 1]} s: times out of order`,
        { input, item: i + 1, field: 'time_s' },
        'sort the rows by time and remove duplicate times',
      );
    timesS[i] = t;
    values[i] = v;
  }
  return { timesS, values };
}

/** Index of the last point with time ≤ tS (−1 before the first). */
function segmentAt(h: Hydrograph, tS: number): number {
  const ts = h.timesS;
  let lo = -1;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid] <= tS) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Value at time tS: linear between points, the first/last value before/after the series. */
export function hydrographValueAt(h: Hydrograph, tS: number): number {
  const n = h.timesS.length;
  const k = segmentAt(h, tS);
  if (k < 0) return h.values[0];
  if (k >= n - 1) return h.values[n - 1];
  const t0 = h.timesS[k];
  const t1 = h.timesS[k + 1];
  return h.values[k] + ((h.values[k + 1] - h.values[k]) * (tS - t0)) / (t1 - t0);
}

/** Integral of the value over [t0S, t1S] (value·s), exact for the piecewise-linear series. */
export function hydrographIntegral(h: Hydrograph, t0S: number, t1S: number): number {
  if (!(t1S > t0S)) return 0;
  const ts = h.timesS;
  let sum = 0;
  let a = t0S;
  let va = hydrographValueAt(h, a);
  let k = segmentAt(h, a) + 1;
  while (k < ts.length && ts[k] < t1S) {
    const vb = h.values[k];
    sum += 0.5 * (va + vb) * (ts[k] - a);
    a = ts[k];
    va = vb;
    k++;
  }
  const vEnd = hydrographValueAt(h, t1S);
  return sum + 0.5 * (va + vEnd) * (t1S - a);
}

/** Stage (m) at time tS from a constant or a hydrograph. */
export function stageAt(s: StageSource, tS: number): number {
  return typeof s === 'number' ? s : hydrographValueAt(s, tS);
}

/** Highest stage the source reaches (m). */
export function stageMax(s: StageSource): number {
  if (typeof s === 'number') return s;
  let m = -Infinity;
  for (let i = 0; i < s.values.length; i++) m = Math.max(m, s.values[i]);
  return m;
}
