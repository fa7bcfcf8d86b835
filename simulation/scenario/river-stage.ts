// The river stage a scenario holds the district's river at: a semi-diurnal tide with an optional storm surge, a
// constant level or a stage series, named among the district's own presets or given whole; sampled for the engine.
import { SimulationError } from '../errors.ts';
import type { Hydrograph } from '../hydro/index.ts';

/** Semi-diurnal M2 tide period (s): 12 h 25 min. */
export const M2_PERIOD_S = 44_712;

/** A tide: mean level, amplitude and the time of a high tide; a surge adds a bell-shaped rise around its peak. */
export interface TideStage {
  kind: 'tide';
  /** Mean level (m, in the district's datum: for the Huangpu about 2.85 m Wusong). */
  meanM: number;
  /** Half the tidal range, m. */
  amplitudeM: number;
  /** Time of a high tide (s from the scenario start). */
  highTideAtS: number;
  periodS?: number;
  /** Storm surge: peak rise (m), its time (s) and duration (s, full width at half height). */
  surge?: { peakM: number; atS: number; widthS: number };
}

/** A measured or designed stage hydrograph: linear between points, held before the first and after the last. */
export interface SeriesStage {
  kind: 'series';
  /** Times (s from the scenario start), ascending. */
  timesS: number[];
  /** Stage (m, in the district's datum) at each time. */
  stageM: number[];
}

export type RiverStageSpec = TideStage | SeriesStage | { kind: 'constant'; stageM: number };

/**
 * Checks a stage spec; a string is the name of one of the district's presets, kept as it is for
 * `resolveRiverStage`. Throws SimulationError naming the field.
 */
export function validateRiverStage(spec: unknown, input = 'river'): RiverStageSpec | string {
  const s = spec as Record<string, unknown>;
  const num = (v: unknown, field: string, min = -50, max = 50): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new SimulationError(`must be a number in ${min}..${max}`, { input, field });
    }
    return v;
  };
  if (typeof spec === 'string') {
    if (!spec)
      throw new SimulationError('empty river preset name', { input }, "name one of the district's river presets");
    return spec;
  }
  if (!s || typeof s !== 'object') throw new SimulationError('not an object', { input });
  if (s.kind === 'constant') return { kind: 'constant', stageM: num(s.stageM, 'stageM') };
  if (s.kind === 'series') return validateSeries(s, input);
  if (s.kind !== 'tide')
    throw new SimulationError(
      `unknown kind ${JSON.stringify(s.kind)}`,
      { input, field: 'kind' },
      'use "tide", "constant" or "series"',
    );
  const out: TideStage = {
    kind: 'tide',
    meanM: num(s.meanM, 'meanM'),
    amplitudeM: num(s.amplitudeM, 'amplitudeM', 0, 10),
    highTideAtS: num(s.highTideAtS, 'highTideAtS', -1e7, 1e7),
  };
  if (s.periodS !== undefined) out.periodS = num(s.periodS, 'periodS', 3600, 1e6);
  if (s.surge !== undefined) {
    const g = s.surge as Record<string, unknown>;
    out.surge = {
      peakM: num(g?.peakM, 'surge.peakM', 0, 10),
      atS: num(g?.atS, 'surge.atS', -1e7, 1e7),
      widthS: num(g?.widthS, 'surge.widthS', 60, 1e6),
    };
  }
  return out;
}

function validateSeries(s: Record<string, unknown>, input: string): SeriesStage {
  const t = s.timesS;
  const z = s.stageM;
  const ok =
    Array.isArray(t) &&
    Array.isArray(z) &&
    t.length >= 1 &&
    t.length === z.length &&
    t.every((v, i) => typeof v === 'number' && Number.isFinite(v) && (i === 0 || v > (t[i - 1] as number))) &&
    z.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 50);
  if (!ok)
    throw new SimulationError(
      'a stage series needs "timesS" (ascending seconds) and "stageM" (metres) of the same length',
      { input, field: 'timesS' },
      'give {"kind": "series", "timesS": [0, 3600, …], "stageM": [2.1, 2.6, …]}',
    );
  return { kind: 'series', timesS: [...(t as number[])], stageM: [...(z as number[])] };
}

/**
 * The stage a scenario's `river` means on a district: a stage object as it is; a preset name (or nothing, for the
 * district's default) looked up in the presets district.json states.
 * @param presets the district's `river` (twin/district manifest), absent when it states none
 * @throws SimulationError naming the scenario field, or the district.json field to add
 */
export function resolveRiverStage(
  river: RiverStageSpec | string | undefined,
  presets: { presets: Record<string, Record<string, unknown>>; default: string } | undefined,
  input = 'scenario /river',
): RiverStageSpec {
  if (river !== undefined && typeof river !== 'string') return river;
  if (!presets)
    throw new SimulationError(
      river === undefined
        ? 'the scenario gives no river stage and the district states no river presets'
        : `the scenario asks for the river preset "${river}" but the district states no river presets`,
      { input: 'district.json', field: 'river' },
      'add "river": {"datum": …, "presets": {…}, "default": …} to district.json, or give the scenario an explicit stage ({"kind": "constant", "stageM": …})',
    );
  const name = river ?? presets.default;
  const raw = presets.presets[name];
  if (!raw)
    throw new SimulationError(
      `unknown river preset "${name}"`,
      { input },
      `the district's presets are ${Object.keys(presets.presets).join(', ')} (district.json "river.presets")`,
    );
  const stage = validateRiverStage(raw, `district.json river.presets.${name}`);
  if (typeof stage === 'string')
    throw new SimulationError('is not a stage object', { input: `district.json river.presets.${name}` });
  return stage;
}

/** Stage (m) at time tS. */
export function stageAtS(spec: RiverStageSpec, tS: number): number {
  if (spec.kind === 'constant') return spec.stageM;
  if (spec.kind === 'series') return seriesAt(spec, tS);
  const period = spec.periodS ?? M2_PERIOD_S;
  let z = spec.meanM + spec.amplitudeM * Math.cos((2 * Math.PI * (tS - spec.highTideAtS)) / period);
  if (spec.surge) {
    // Gaussian with the given full width at half maximum.
    const sigma = spec.surge.widthS / 2.3548;
    z += spec.surge.peakM * Math.exp(-0.5 * ((tS - spec.surge.atS) / sigma) ** 2);
  }
  return z;
}

/** The stage as a hydrograph sampled every `stepS` over [0, durationS]. */
export function stageHydrograph(spec: RiverStageSpec, durationS: number, stepS = 300): Hydrograph {
  const n = Math.max(2, Math.ceil(durationS / stepS) + 1);
  const timesS = new Float64Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    timesS[k] = k * stepS;
    values[k] = stageAtS(spec, timesS[k]);
  }
  return { timesS, values };
}

function seriesAt(s: SeriesStage, tS: number): number {
  const t = s.timesS;
  if (tS <= t[0]) return s.stageM[0];
  for (let k = 1; k < t.length; k++) {
    if (tS <= t[k]) return s.stageM[k - 1] + ((s.stageM[k] - s.stageM[k - 1]) * (tS - t[k - 1])) / (t[k] - t[k - 1]);
  }
  return s.stageM[t.length - 1];
}
