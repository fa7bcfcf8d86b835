// A typhoon 台风 rain band moving along a track over the grid, as a RainField.
// Time is cut into fixed sub-steps (60 s by default) with the centre held at each sub-step's midpoint, so the field
// is piecewise constant in time: fillMean and depthMm integrate it exactly and agree whatever the engine's dt.
import type { GridSpec } from '../../twin/grid/grid-spec.ts';
import { SimulationError } from '../errors.ts';
import type { RainField } from './rain-field.ts';
import { resolveTyphoonProfile, typhoonRateMmPerH, type TyphoonProfileInput } from './typhoon-profile.ts';

/** One point of a storm track: time (s from scenario start) and the centre in local metres. */
export interface TrackPoint {
  timeS: number;
  x: number;
  y: number;
}

/** A moving rain band: its track, its radial profile and the time sub-step it is integrated with. */
export interface TyphoonBandOptions extends TyphoonProfileInput {
  /** At least two points with strictly increasing times; the centre moves linearly between them. */
  track: readonly TrackPoint[];
  /** Sub-step (s) over which the centre is held still; 60 by default. Rain falls only between the track's ends. */
  subStepS?: number;
}

/** Centre (x, y) in local metres at time tS by linear interpolation along the track, clamped to its ends. */
export function trackPositionAt(track: readonly TrackPoint[], tS: number, out: Float64Array | number[]): void {
  let i = 0;
  while (i + 2 < track.length && track[i + 1].timeS <= tS) i++;
  const a = track[i];
  const b = track[i + 1] ?? a;
  const f = b.timeS > a.timeS ? Math.min(1, Math.max(0, (tS - a.timeS) / (b.timeS - a.timeS))) : 0;
  out[0] = a.x + (b.x - a.x) * f;
  out[1] = a.y + (b.y - a.y) * f;
}

/**
 * The rain field of a typhoon band moving along `track` over `grid`.
 * @throws SimulationError for a track with fewer than two points, unordered or non-finite times, or a bad profile.
 */
export function typhoonRainField(opts: TyphoonBandOptions, grid: GridSpec, input = 'typhoon'): RainField {
  const profile = resolveTyphoonProfile(opts, input);
  const track = opts.track;
  const dtS = opts.subStepS ?? 60;
  if (!(dtS > 0) || !Number.isFinite(dtS))
    throw new SimulationError(`sub-step ${dtS} s must be positive`, { input, field: 'subStepS' }, 'use 60 s');
  if (!Array.isArray(track) || track.length < 2)
    throw new SimulationError('track needs at least two points', { input, field: 'track' }, 'give [{timeS, x, y}, …]');
  track.forEach((p, i) => {
    for (const f of ['timeS', 'x', 'y'] as const)
      if (typeof p[f] !== 'number' || !Number.isFinite(p[f]))
        throw new SimulationError(`${f} ${String(p[f])} is not a finite number`, {
          input,
          item: `track[${i}]`,
          field: f,
        });
    if (i > 0 && !(p.timeS > track[i - 1].timeS))
      throw new SimulationError(
        `time ${p.timeS} s is not after the previous point's ${track[i - 1].timeS} s`,
        { input, item: `track[${i}]`, field: 'timeS' },
        'list track points in time order',
      );
  });
  const tA = track[0].timeS;
  const tB = track[track.length - 1].timeS;
  const subSteps = Math.max(1, Math.ceil((tB - tA) / dtS - 1e-9));
  const subStart = (k: number): number => tA + k * dtS;
  const subEnd = (k: number): number => (k === subSteps - 1 ? tB : tA + (k + 1) * dtS);
  // 1. Centre of the band in each sub-step (at its midpoint), and the cell-centre coordinates (separable).
  const cx = new Float64Array(subSteps);
  const cy = new Float64Array(subSteps);
  const pos = new Float64Array(2);
  for (let k = 0; k < subSteps; k++) {
    trackPositionAt(track, (subStart(k) + subEnd(k)) / 2, pos);
    cx[k] = pos[0];
    cy[k] = pos[1];
  }
  const { nx, ny } = grid;
  const cells = nx * ny;
  const xs = new Float64Array(nx);
  const ys = new Float64Array(ny);
  for (let col = 0; col < nx; col++) xs[col] = grid.x0 + (col + 0.5) * grid.cellM;
  for (let row = 0; row < ny; row++) ys[row] = grid.y0 + (ny - row - 0.5) * grid.cellM;
  // 2. Two cached sub-step fields (consecutive engine steps mostly fall in the same one) and an accumulator.
  // Float32 like the engine's buffer, so the common case (a step inside one sub-step) is a plain copy.
  const slots = [new Float32Array(cells), new Float32Array(cells)];
  const slotStep = [-1, -1];
  let lastUsed = 0;
  const acc = new Float64Array(cells);
  const fieldFor = (k: number): Float32Array => {
    const hit = slotStep[0] === k ? 0 : slotStep[1] === k ? 1 : -1;
    const s = hit >= 0 ? hit : 1 - lastUsed;
    if (hit < 0) {
      const f = slots[s];
      const kx = cx[k];
      const ky = cy[k];
      for (let row = 0; row < ny; row++) {
        const dy = ys[row] - ky;
        const base = row * nx;
        for (let col = 0; col < nx; col++) f[base + col] = typhoonRateMmPerH(profile, xs[col] - kx, dy);
      }
      slotStep[s] = k;
    }
    lastUsed = s;
    return slots[s];
  };
  const stepOf = (tS: number): number => Math.min(subSteps - 1, Math.max(0, Math.floor((tS - tA) / dtS)));
  return {
    endS: tB,
    fillMean(t0S: number, t1S: number, out: Float32Array): void {
      // 3. An empty interval asks for the instantaneous rate.
      if (!(t1S > t0S)) {
        if (t0S < tA || t0S >= tB) out.fill(0);
        else out.set(fieldFor(stepOf(t0S)));
        return;
      }
      const a = Math.max(t0S, tA);
      const b = Math.min(t1S, tB);
      if (!(b > a)) {
        out.fill(0);
        return;
      }
      const kA = stepOf(a);
      const kB = Math.max(kA, Math.min(subSteps - 1, Math.ceil((b - tA) / dtS) - 1));
      const lengthS = t1S - t0S;
      // 4. Within one sub-step the mean is that sub-step's field times the share of the interval it covers.
      if (kA === kB) {
        const f = fieldFor(kA);
        const share = (b - a) / lengthS;
        if (share === 1) out.set(f);
        else for (let i = 0; i < cells; i++) out[i] = f[i] * share;
        return;
      }
      // 5. Across sub-steps, sum each field weighted by its overlap.
      acc.fill(0);
      for (let k = kA; k <= kB; k++) {
        const overlapS = Math.min(b, subEnd(k)) - Math.max(a, subStart(k));
        if (!(overlapS > 0)) continue;
        const f = fieldFor(k);
        for (let i = 0; i < cells; i++) acc[i] += f[i] * overlapS;
      }
      for (let i = 0; i < cells; i++) out[i] = acc[i] / lengthS;
    },
    uniformMean(t0S: number, t1S: number): number {
      const outside = t1S > t0S ? Math.min(t1S, tB) <= Math.max(t0S, tA) : t0S < tA || t0S >= tB;
      return outside ? 0 : NaN;
    },
    depthMm(index: number, t0S: number, t1S: number): number {
      const a = Math.max(t0S, tA);
      const b = Math.min(t1S, tB);
      if (!(b > a)) return 0;
      const row = Math.floor(index / nx);
      const x = xs[index - row * nx];
      const y = ys[row];
      let mm = 0;
      for (let k = stepOf(a); k < subSteps && subStart(k) < b; k++) {
        const overlapS = Math.min(b, subEnd(k)) - Math.max(a, subStart(k));
        // Rounded to float32 as the cached fields are, so depthMm and fillMean integrate the same numbers.
        if (overlapS > 0) mm += (Math.fround(typhoonRateMmPerH(profile, x - cx[k], y - cy[k])) * overlapS) / 3600;
      }
      return mm;
    },
  };
}
