// The river stage a scenario holds the Huangpu and its creeks at: a semi-diurnal tide with an optional storm surge,
// or a constant level, sampled into a stage hydrograph for the flood engine.
import { SimulationError } from '../errors.ts';
import type { Hydrograph } from '../hydro/index.ts';

/** Semi-diurnal M2 tide period (s): 12 h 25 min. */
export const M2_PERIOD_S = 44_712;

/** A tide: mean level, amplitude and the time of a high tide; a surge adds a bell-shaped rise around its peak. */
export interface TideStage {
  kind: 'tide';
  /** Mean level, m Wusong (Huangpu about 2.85 m). */
  meanM: number;
  /** Half the tidal range, m. */
  amplitudeM: number;
  /** Time of a high tide (s from the scenario start). */
  highTideAtS: number;
  periodS?: number;
  /** Storm surge: peak rise (m), its time (s) and duration (s, full width at half height). */
  surge?: { peakM: number; atS: number; widthS: number };
}

export type RiverStageSpec = TideStage | { kind: 'constant'; stageM: number };

/** Published tide figures (SHANGHAI-FACTS.md) as ready stages: ordinary tide, spring tide at the warning level, and
 * a typhoon surge on a spring tide (三碰头) reaching about Bebinca's 2024 level at Huangpu Park. */
export const RIVER_PRESETS: Record<string, RiverStageSpec> = {
  ordinary: { kind: 'tide', meanM: 2.85, amplitudeM: 0.6, highTideAtS: 7200 },
  springTide: { kind: 'tide', meanM: 2.85, amplitudeM: 1.7, highTideAtS: 7200 },
  typhoonSurge: {
    kind: 'tide',
    meanM: 2.85,
    amplitudeM: 1.7,
    highTideAtS: 7200,
    surge: { peakM: 0.75, atS: 7200, widthS: 14_400 },
  },
};

/** Checks a stage spec; throws SimulationError naming the field. */
export function validateRiverStage(spec: unknown, input = 'river'): RiverStageSpec {
  const s = spec as Record<string, unknown>;
  const num = (v: unknown, field: string, min = -50, max = 50): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new SimulationError(`must be a number in ${min}..${max}`, { input, field });
    }
    return v;
  };
  if (typeof spec === 'string') {
    const preset = RIVER_PRESETS[spec];
    if (!preset)
      throw new SimulationError(
        `unknown river preset "${spec}"`,
        { input },
        `use one of ${Object.keys(RIVER_PRESETS).join(', ')}`,
      );
    return preset;
  }
  if (!s || typeof s !== 'object') throw new SimulationError('not an object', { input });
  if (s.kind === 'constant') return { kind: 'constant', stageM: num(s.stageM, 'stageM') };
  if (s.kind !== 'tide')
    throw new SimulationError(
      `unknown kind ${JSON.stringify(s.kind)}`,
      { input, field: 'kind' },
      'use "tide" or "constant"',
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

/** Stage (m) at time tS. */
export function stageAtS(spec: RiverStageSpec, tS: number): number {
  if (spec.kind === 'constant') return spec.stageM;
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
