// Hyetographs: rain rate over time at one place, as piecewise-constant blocks with exact integrals.
// Every rain source (design storm, gauge record, preset) ends up as one of these, so depth over any interval is exact.
import { SimulationError } from '../errors.ts';

/**
 * A piecewise-constant rain rate series. Block i holds `rateMmPerH[i]` from `startS[i]` until `startS[i + 1]`
 * (the last block until `endS`). No rain falls before `startS[0]` or after `endS`.
 */
export interface Hyetograph {
  /** Block start times (s from scenario start), strictly increasing. */
  readonly startS: Float64Array;
  /** Rain rate (mm/h) in each block, finite and ≥ 0. */
  readonly rateMmPerH: Float64Array;
  /** End of the last block (s). */
  readonly endS: number;
  /** Depth (mm) fallen by `startS[i]`; one longer than the blocks, the last entry being the total at `endS`. */
  readonly cumulativeMm: Float64Array;
}

/** Where a hyetograph's numbers came from, for error messages. */
export interface HyetographSource {
  /** The input named in errors, e.g. 'rain.csv' or 'scenario rain'. */
  input?: string;
}

/**
 * Builds a hyetograph from block start times (s), rates (mm/h) and the end time (s), validating them.
 * @throws SimulationError on mismatched lengths, non-increasing or non-finite times, negative or NaN rates.
 */
export function createHyetograph(
  startS: ArrayLike<number>,
  rateMmPerH: ArrayLike<number>,
  endS: number,
  source: HyetographSource = {},
): Hyetograph {
  const input = source.input ?? 'hyetograph';
  const n = startS.length;
  if (n === 0) throw new SimulationError('has no rain blocks', { input }, 'give at least one block');
  if (rateMmPerH.length !== n)
    throw new SimulationError(`has ${n} block start times but ${rateMmPerH.length} rates`, { input });
  const starts = Float64Array.from(startS);
  const rates = Float64Array.from(rateMmPerH);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(starts[i]))
      throw new SimulationError(`block start time ${starts[i]} is not a finite number`, {
        input,
        item: i,
        field: 'startS',
      });
    if (i > 0 && !(starts[i] > starts[i - 1]))
      throw new SimulationError(
        `block start time ${starts[i]} s is not after the previous block's ${starts[i - 1]} s`,
        { input, item: i, field: 'startS' },
        'list blocks in time order with strictly increasing start times',
      );
    if (!Number.isFinite(rates[i]) || rates[i] < 0)
      throw new SimulationError(
        `rain rate ${rates[i]} mm/h is ${rates[i] < 0 ? 'negative' : 'not a finite number'}`,
        { input, item: i, field: 'rateMmPerH' },
        'rain rates are finite and ≥ 0 mm/h',
      );
  }
  if (!Number.isFinite(endS) || !(endS > starts[n - 1]))
    throw new SimulationError(
      `end time ${endS} s is not after the last block's start ${starts[n - 1]} s`,
      { input, field: 'endS' },
      'the series must end after its last block starts',
    );
  const cumulativeMm = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const blockEndS = i + 1 < n ? starts[i + 1] : endS;
    cumulativeMm[i + 1] = cumulativeMm[i] + (rates[i] * (blockEndS - starts[i])) / 3600;
  }
  return { startS: starts, rateMmPerH: rates, endS, cumulativeMm };
}

/**
 * Equal blocks of `stepS` seconds from `t0S`, one per rate (mm/h): the usual shape of design storms and gauge logs.
 */
export function blockHyetograph(
  stepS: number,
  rateMmPerH: ArrayLike<number>,
  t0S = 0,
  source: HyetographSource = {},
): Hyetograph {
  if (!(stepS > 0) || !Number.isFinite(stepS))
    throw new SimulationError(`block length ${stepS} s must be positive`, { input: source.input ?? 'hyetograph' });
  const starts = new Float64Array(rateMmPerH.length);
  for (let i = 0; i < starts.length; i++) starts[i] = t0S + i * stepS;
  return createHyetograph(starts, rateMmPerH, t0S + rateMmPerH.length * stepS, source);
}

/** Index of the block holding time tS, or -1 before the first block / n after the end. Binary search, no allocation. */
export function blockIndexAt(h: Hyetograph, tS: number): number {
  const s = h.startS;
  const n = s.length;
  if (tS < s[0]) return -1;
  if (tS >= h.endS) return n;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= tS) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Instantaneous rain rate (mm/h) at tS: the rate of the block holding tS, 0 outside the series. */
export function rateAtMmPerH(h: Hyetograph, tS: number): number {
  const i = blockIndexAt(h, tS);
  return i < 0 || i >= h.startS.length ? 0 : h.rateMmPerH[i];
}

/** Depth (mm) fallen from the start of the series until tS. Exact for the piecewise-constant rate. */
export function cumulativeDepthMm(h: Hyetograph, tS: number): number {
  const i = blockIndexAt(h, tS);
  if (i < 0) return 0;
  if (i >= h.startS.length) return h.cumulativeMm[h.startS.length];
  return h.cumulativeMm[i] + (h.rateMmPerH[i] * (tS - h.startS[i])) / 3600;
}

/** Depth (mm) that falls between t0S and t1S (0 if t1S ≤ t0S). Exact: the integral of the block rates. */
export function hyetographDepthMm(h: Hyetograph, t0S: number, t1S: number): number {
  if (!(t1S > t0S)) return 0;
  const i0 = blockIndexAt(h, t0S);
  // Within one block, multiply directly: more accurate than a difference of two large cumulative depths.
  if (i0 >= 0 && i0 < h.startS.length && blockIndexAt(h, t1S) === i0) return (h.rateMmPerH[i0] * (t1S - t0S)) / 3600;
  return cumulativeDepthMm(h, t1S) - cumulativeDepthMm(h, t0S);
}

/** Mean rain rate (mm/h) over [t0S, t1S]; the instantaneous rate at t0S when the interval is empty. */
export function hyetographMeanRate(h: Hyetograph, t0S: number, t1S: number): number {
  if (!(t1S > t0S)) return rateAtMmPerH(h, t0S);
  return (hyetographDepthMm(h, t0S, t1S) * 3600) / (t1S - t0S);
}

/** Total depth (mm) of the whole series. */
export function hyetographTotalMm(h: Hyetograph): number {
  return h.cumulativeMm[h.startS.length];
}

/**
 * The wettest window of `windowS` seconds: its depth (mm) and start time (s). Exact: the windowed depth is
 * piecewise linear in the window's start, so its maximum sits where the window's start or end meets a block edge.
 */
export function maxWindowDepthMm(h: Hyetograph, windowS: number): { depthMm: number; startS: number } {
  let best = -1;
  let bestStartS = h.startS[0];
  const n = h.startS.length;
  for (let i = 0; i <= n; i++) {
    const edgeS = i < n ? h.startS[i] : h.endS;
    for (const startS of [edgeS, edgeS - windowS]) {
      const d = cumulativeDepthMm(h, startS + windowS) - cumulativeDepthMm(h, startS);
      if (d > best) {
        best = d;
        bestStartS = startS;
      }
    }
  }
  return { depthMm: Math.max(0, best), startS: bestStartS };
}

/** The same series with every rate multiplied by `factor` (≥ 0). */
export function scaleHyetograph(h: Hyetograph, factor: number): Hyetograph {
  if (!(factor >= 0) || !Number.isFinite(factor))
    throw new SimulationError(`scale factor ${factor} must be finite and ≥ 0`, { input: 'hyetograph' });
  return createHyetograph(
    h.startS,
    h.rateMmPerH.map((r) => r * factor),
    h.endS,
  );
}

/** The same shape rescaled so its total depth is `depthMm`. */
export function scaleHyetographToDepth(h: Hyetograph, depthMm: number): Hyetograph {
  const total = hyetographTotalMm(h);
  if (!(total > 0))
    throw new SimulationError('cannot rescale a series with no rain to a depth', { input: 'hyetograph' });
  return scaleHyetograph(h, depthMm / total);
}

/** The same series starting `offsetS` seconds later. */
export function shiftHyetograph(h: Hyetograph, offsetS: number): Hyetograph {
  if (offsetS === 0) return h;
  return createHyetograph(
    h.startS.map((s) => s + offsetS),
    h.rateMmPerH,
    h.endS + offsetS,
  );
}
