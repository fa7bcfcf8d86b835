// RainSpec: the JSON a scenario uses to describe its rain, and the structural check of it.
// Shape errors (unknown kind, missing or misspelt fields, wrong types) are caught here; ranges are checked where built.
import { SimulationError } from '../errors.ts';

/** Constant rain over the whole grid. */
export interface UniformRainSpec {
  kind: 'uniform';
  rateMmPerH: number;
  durationS: number;
  /** Scenario time (s) the rain starts; 0 by default. */
  startS?: number;
}

/** A Chicago design storm from the storm intensity formula, uniform over the grid. */
export interface ChicagoRainSpec {
  kind: 'chicago';
  returnPeriodYears: number;
  durationMin: number;
  /** Peak position r; 0.367 by default. */
  peakPosition?: number;
  /** Block length (min); 5 by default. */
  stepMin?: number;
  startS?: number;
  /** Rescale the storm's shape to this total depth (mm), e.g. to replay an observed total. */
  depthMm?: number;
  /** Storm formula constants; Shanghai's (A 1600, C 0.846, b 7 min, n 0.656) by default. */
  idf?: { a: number; c: number; bMin: number; n: number; minReturnPeriodYears?: number; maxReturnPeriodYears?: number };
}

/** A measured or reconstructed series, uniform over the grid: rows [time_s, mm_per_h], last row 0 mm/h. */
export interface SeriesRainSpec {
  kind: 'series';
  /** Rows [time (s), rate (mm/h) from that time on]; exactly one of `points` and `csv`. */
  points?: [number, number][];
  /** CSV text with header time_s,mm_per_h. */
  csv?: string;
  /** Shift every time by this many seconds; 0 by default. */
  startS?: number;
}

/** Gauges with positions (local metres) and their series, spread over the grid. */
export interface StationsRainSpec {
  kind: 'stations';
  /** Exactly one of `stations` and `csv` (header station_id,x,y,time_s,mm_per_h). */
  stations?: { id: string; x: number; y: number; points: [number, number][] }[];
  csv?: string;
  method?: 'idw' | 'thiessen';
  power?: number;
  neighbours?: number;
}

/** A typhoon rain band moving along a track (times in s, positions in local metres). */
export interface TyphoonRainSpec {
  kind: 'typhoon';
  track: { timeS: number; x: number; y: number }[];
  peakMmPerH: number;
  radiusMaxRainM: number;
  centreRatio?: number;
  efoldM?: number;
  spiralAmplitude?: number;
  spiralArms?: number;
  spiralPitchDeg?: number;
  subStepS?: number;
}

/** One of the named presets in presets.ts. */
export interface PresetRainSpec {
  kind: 'preset';
  name: string;
  /** Shift the preset by this many seconds (not for station or typhoon presets). */
  startS?: number;
}

/** The rain of a scenario. */
export type RainSpec =
  UniformRainSpec | ChicagoRainSpec | SeriesRainSpec | StationsRainSpec | TyphoonRainSpec | PresetRainSpec;

/** The kinds of RainSpec. */
export const RAIN_KINDS = ['uniform', 'chicago', 'series', 'stations', 'typhoon', 'preset'] as const;

type FieldType = 'number' | 'string' | 'points' | 'array' | 'object';
const FIELDS: Record<RainSpec['kind'], Record<string, [FieldType, boolean]>> = {
  uniform: { rateMmPerH: ['number', true], durationS: ['number', true], startS: ['number', false] },
  chicago: {
    returnPeriodYears: ['number', true],
    durationMin: ['number', true],
    peakPosition: ['number', false],
    stepMin: ['number', false],
    startS: ['number', false],
    depthMm: ['number', false],
    idf: ['object', false],
  },
  series: { points: ['points', false], csv: ['string', false], startS: ['number', false] },
  stations: {
    stations: ['array', false],
    csv: ['string', false],
    method: ['string', false],
    power: ['number', false],
    neighbours: ['number', false],
  },
  typhoon: {
    track: ['array', true],
    peakMmPerH: ['number', true],
    radiusMaxRainM: ['number', true],
    centreRatio: ['number', false],
    efoldM: ['number', false],
    spiralAmplitude: ['number', false],
    spiralArms: ['number', false],
    spiralPitchDeg: ['number', false],
    subStepS: ['number', false],
  },
  preset: { name: ['string', true], startS: ['number', false] },
};

/**
 * Checks that `value` is a well-formed RainSpec: a known kind, every required field present, no unknown field,
 * each of the right type. Returns it typed.
 * @param input the name used in errors, e.g. 'scenario.json rain'
 * @throws SimulationError naming the field (and item, for list entries) at fault.
 */
export function validateRainSpec(value: unknown, input = 'rain'): RainSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SimulationError('is not an object', { input }, `give {"kind": "${RAIN_KINDS.join('" | "')}", …}`);
  const spec = value as Record<string, unknown>;
  const kind = spec.kind;
  if (typeof kind !== 'string' || !(RAIN_KINDS as readonly string[]).includes(kind))
    throw new SimulationError(
      `unknown rain kind ${JSON.stringify(kind)}`,
      { input, field: 'kind' },
      `use one of ${RAIN_KINDS.join(', ')}`,
    );
  const fields = FIELDS[kind as RainSpec['kind']];
  for (const key of Object.keys(spec)) {
    if (key !== 'kind' && !(key in fields))
      throw new SimulationError(
        `unknown field for kind "${kind}"`,
        { input, field: key },
        `the fields of "${kind}" are ${Object.keys(fields).join(', ')}`,
      );
  }
  for (const [key, [type, required]] of Object.entries(fields)) {
    const v = spec[key];
    if (v === undefined) {
      if (required) throw new SimulationError(`is missing`, { input, field: key }, `"${kind}" rain needs ${key}`);
      continue;
    }
    checkType(v, type, input, key);
  }
  if (kind === 'series' || kind === 'stations') {
    const listKey = kind === 'series' ? 'points' : 'stations';
    if ((spec[listKey] === undefined) === (spec.csv === undefined))
      throw new SimulationError(`needs exactly one of "${listKey}" and "csv"`, { input, field: listKey });
  }
  if (kind === 'stations' && Array.isArray(spec.stations)) {
    spec.stations.forEach((s: unknown, i) => {
      const item = `stations[${i}]`;
      if (typeof s !== 'object' || s === null) throw new SimulationError('is not an object', { input, item });
      const st = s as Record<string, unknown>;
      if (typeof st.id !== 'string' || st.id === '')
        throw new SimulationError('has no id', { input, item, field: 'id' });
      checkType(st.x, 'number', input, 'x', item);
      checkType(st.y, 'number', input, 'y', item);
      checkType(st.points, 'points', input, 'points', item);
    });
  }
  if (kind === 'typhoon')
    (spec.track as unknown[]).forEach((p, i) => {
      const item = `track[${i}]`;
      if (typeof p !== 'object' || p === null) throw new SimulationError('is not an object', { input, item });
      for (const f of ['timeS', 'x', 'y']) checkType((p as Record<string, unknown>)[f], 'number', input, f, item);
    });
  return spec as unknown as RainSpec;
}

function checkType(v: unknown, type: FieldType, input: string, field: string, item?: string): void {
  const where = { input, item, field };
  if (type === 'number' && (typeof v !== 'number' || !Number.isFinite(v)))
    throw new SimulationError(`${JSON.stringify(v) ?? String(v)} is not a finite number`, where);
  if (type === 'string' && typeof v !== 'string') throw new SimulationError('is not a string', where);
  if (type === 'object' && (typeof v !== 'object' || v === null || Array.isArray(v)))
    throw new SimulationError('is not an object', where);
  if (type === 'array' && !Array.isArray(v)) throw new SimulationError('is not a list', where);
  if (type === 'points') {
    if (!Array.isArray(v)) throw new SimulationError('is not a list of [time_s, mm_per_h] rows', where);
    v.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== 2 || row.some((x) => typeof x !== 'number'))
        throw new SimulationError(
          `row ${i} is ${JSON.stringify(row)}, not [time_s, mm_per_h]`,
          where,
          'write each row as two numbers, e.g. [600, 12.5]',
        );
    });
  }
}
