// Builds the RainField a scenario's RainSpec describes, checking every value before any heavy work starts.
// Uniform kinds also give their hyetograph, for rain charts and ledgers.
import type { GridSpec } from '../../twin/grid/grid-spec.ts';
import { SimulationError } from '../errors.ts';
import { chicagoHyetograph } from './chicago.ts';
import { uniformRainField } from './fields.ts';
import { createHyetograph, scaleHyetographToDepth, shiftHyetograph, type Hyetograph } from './hyetograph.ts';
import { findRainPreset } from './presets.ts';
import type { RainField } from './rain-field.ts';
import { validateRainSpec, type RainSpec } from './rain-spec.ts';
import { stationRainField } from './station-field.ts';
import { hyetographFromRows, parseRainSeriesCsv, parseStationsCsv, type StationSeries } from './station-series.ts';
import { typhoonRainField } from './typhoon.ts';

/**
 * The rain field described by `spec` (a RainSpec, typically parsed from scenario JSON) on `grid`.
 * @param input the name used in errors, e.g. 'scenario.json rain'
 * @throws SimulationError naming the field and item at fault, with a hint.
 */
export function rainFieldFromSpec(spec: unknown, grid: GridSpec, input = 'rain'): RainField {
  const s = resolvePreset(validateRainSpec(spec, input), input);
  const h = uniformHyetograph(s.spec, s.input, s.startS);
  if (h) return uniformRainField(h);
  if (s.spec.kind === 'stations') {
    const { method, power, neighbours } = s.spec;
    return stationRainField(stationsOf(s.spec, s.input), grid, { method, power, neighbours }, s.input);
  }
  if (s.spec.kind === 'typhoon') return typhoonRainField(s.spec, grid, s.input);
  throw new SimulationError(`cannot build rain of kind "${s.spec.kind}"`, { input, field: 'kind' });
}

/**
 * The hyetograph of a spatially uniform spec ('uniform', 'chicago', 'series', or a preset of those kinds), or
 * undefined for 'stations' and 'typhoon', which vary in space.
 */
export function hyetographFromSpec(spec: unknown, input = 'rain'): Hyetograph | undefined {
  const s = resolvePreset(validateRainSpec(spec, input), input);
  return uniformHyetograph(s.spec, s.input, s.startS);
}

interface Resolved {
  spec: Exclude<RainSpec, { kind: 'preset' }>;
  input: string;
  /** Extra shift from a preset reference. */
  startS: number;
}

function resolvePreset(spec: RainSpec, input: string): Resolved {
  if (spec.kind !== 'preset') return { spec, input, startS: 0 };
  const preset = findRainPreset(spec.name, input);
  const shift = spec.startS ?? 0;
  checkStart(shift, input);
  if (shift !== 0 && (preset.spec.kind === 'stations' || preset.spec.kind === 'typhoon'))
    throw new SimulationError(
      `preset "${spec.name}" is a ${preset.spec.kind} field with its own clock and cannot be shifted`,
      { input, field: 'startS' },
      'leave startS out for this preset',
    );
  const presetInput = `${input} (preset "${spec.name}")`;
  const inner = validateRainSpec(preset.spec, presetInput);
  if (inner.kind === 'preset') throw new SimulationError('a preset cannot name another preset', { input: presetInput });
  return { spec: inner, input: presetInput, startS: shift };
}

function uniformHyetograph(spec: Resolved['spec'], input: string, shiftS: number): Hyetograph | undefined {
  switch (spec.kind) {
    case 'uniform': {
      const startS = spec.startS ?? 0;
      checkStart(startS, input);
      if (!(spec.durationS > 0))
        throw new SimulationError(`duration ${spec.durationS} s must be positive`, { input, field: 'durationS' });
      const h = createHyetograph([startS], [spec.rateMmPerH], startS + spec.durationS, { input });
      return shiftHyetograph(h, shiftS);
    }
    case 'chicago': {
      const startS = spec.startS ?? 0;
      checkStart(startS, input);
      const { returnPeriodYears, durationMin, peakPosition, stepMin, idf } = spec;
      let h = chicagoHyetograph({ returnPeriodYears, durationMin, peakPosition, stepMin, idf, startS }, input);
      if (spec.depthMm !== undefined) {
        if (!(spec.depthMm > 0))
          throw new SimulationError(`depth ${spec.depthMm} mm must be positive`, { input, field: 'depthMm' });
        h = scaleHyetographToDepth(h, spec.depthMm);
      }
      return shiftHyetograph(h, shiftS);
    }
    case 'series': {
      const startS = spec.startS ?? 0;
      checkStart(startS, input);
      const h = spec.points
        ? hyetographFromRows(
            spec.points.map((p) => p[0]),
            spec.points.map((p) => p[1]),
            input,
            (i, field) => ({ item: `points[${i}]`, field }),
          )
        : parseRainSeriesCsv(spec.csv as string, `${input} csv`);
      return shiftHyetograph(h, startS + shiftS);
    }
    default:
      return undefined;
  }
}

function stationsOf(spec: Extract<RainSpec, { kind: 'stations' }>, input: string): StationSeries[] {
  if (spec.csv !== undefined) return parseStationsCsv(spec.csv, `${input} csv`);
  return (spec.stations ?? []).map((st, si) => ({
    id: st.id,
    x: st.x,
    y: st.y,
    hyetograph: hyetographFromRows(
      st.points.map((p) => p[0]),
      st.points.map((p) => p[1]),
      input,
      (i, field) => ({ item: `stations[${si}].points[${i}]`, field }),
    ),
  }));
}

function checkStart(startS: number, input: string): void {
  if (!(startS >= 0))
    throw new SimulationError(`start ${startS} s must be ≥ 0`, { input, field: 'startS' }, 'scenario time starts at 0');
}
