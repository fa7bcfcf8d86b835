// The rain library's public face: hyetographs, the storm formula, design storms, gauges, typhoon bands, fields,
// scenario specs and presets. The flood engine reads rain only through RainField.
export type { RainField } from './rain-field.ts';
export {
  blockHyetograph,
  blockIndexAt,
  createHyetograph,
  cumulativeDepthMm,
  hyetographDepthMm,
  hyetographMeanRate,
  hyetographTotalMm,
  maxWindowDepthMm,
  rateAtMmPerH,
  scaleHyetograph,
  scaleHyetographToDepth,
  shiftHyetograph,
  type Hyetograph,
  type HyetographSource,
} from './hyetograph.ts';
export {
  checkIdf,
  idfDepthMm,
  idfIntensityLPerSHa,
  idfIntensityMmPerH,
  MM_PER_H_PER_L_PER_S_HA,
  SHANGHAI_IDF,
  type IdfFormula,
} from './idf.ts';
export {
  chicagoCumulativeMm,
  chicagoCurve,
  chicagoHyetograph,
  chicagoIntensityMmPerH,
  curveIdfDepthMm,
  SHANGHAI_PEAK_POSITION,
  type ChicagoCurve,
  type ChicagoOptions,
} from './chicago.ts';
export {
  hyetographFromRows,
  parseRainSeriesCsv,
  parseStationsCsv,
  type RowLocator,
  type StationSeries,
} from './station-series.ts';
export { stationRainField, type StationFieldOptions } from './station-field.ts';
export { NO_RAIN, uniformRainField } from './fields.ts';
export {
  rcliperProfile,
  resolveTyphoonProfile,
  TYPHOON_PROFILE_DEFAULTS,
  typhoonRateMmPerH,
  type TyphoonProfile,
  type TyphoonProfileInput,
} from './typhoon-profile.ts';
export { trackPositionAt, typhoonRainField, type TrackPoint, type TyphoonBandOptions } from './typhoon.ts';
export {
  RAIN_KINDS,
  validateRainSpec,
  type ChicagoRainSpec,
  type PresetRainSpec,
  type RainSpec,
  type SeriesRainSpec,
  type StationsRainSpec,
  type TyphoonRainSpec,
  type UniformRainSpec,
} from './rain-spec.ts';
export { hyetographFromSpec, rainFieldFromSpec } from './rain-from-spec.ts';
export {
  findRainPreset,
  FITOW_2013_HOURLY_DEPTHS_MM,
  PULASAN_2024_TEN_MINUTE_DEPTHS_MM,
  RAIN_PRESETS,
  type RainPreset,
} from './presets.ts';
