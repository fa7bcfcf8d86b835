// Distributions over members: quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy), and the summary every ensemble table reports. Values that are not numbers are left out.

/** A distribution over members; `n` counts the members with a number. Fields are null when `n` is 0. */
export interface Distribution {
  n: number;
  min: number | null;
  p10: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  mean: number | null;
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted` values (type 7); NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite values of `values`, ascending. */
export function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

/** Rounds for tables (6 significant digits): the numbers stay honest and the JSON stays readable. */
export function tidy(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : null;
}

/** Count, min, 10th percentile, median, 90th percentile, max and mean of the finite values. */
export function distribution(values: readonly (number | null | undefined)[]): Distribution {
  const s = finiteSorted(values);
  if (!s.length) return { n: 0, min: null, p10: null, median: null, p90: null, max: null, mean: null };
  let sum = 0;
  for (const v of s) sum += v;
  return {
    n: s.length,
    min: tidy(s[0]),
    p10: tidy(quantileSorted(s, 0.1)),
    median: tidy(quantileSorted(s, 0.5)),
    p90: tidy(quantileSorted(s, 0.9)),
    max: tidy(s[s.length - 1]),
    mean: tidy(sum / s.length),
  };
}
