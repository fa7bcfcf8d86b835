// Named rain presets for scenarios: Shanghai design storms and storms rebuilt from published totals.
// Each says where its numbers come from and whether it is a reconstruction (see datasets/RAIN.md).
import { SimulationError } from '../errors.ts';
import type { RainSpec } from './rain-spec.ts';

/** A named rain scenario with its provenance. */
export interface RainPreset {
  name: string;
  title: string;
  titleZh: string;
  /** Where the figures come from. */
  source: string;
  /** True when the time profile is built to match published totals rather than read from a gauge record. */
  reconstructed: boolean;
  spec: Exclude<RainSpec, { kind: 'preset' }>;
}

/**
 * Pulasan, 2024-09-20: published maxima 116 mm in 1 h and 327.7 mm in 6 h. These 10-min depths (mm) are a
 * reconstruction from those two totals only, not a gauge record: hourly totals 28, 52, 116, 71, 39, 21.7, with the
 * peak hour's neighbours chosen so that no sliding hour exceeds 116 mm.
 */
export const PULASAN_2024_TEN_MINUTE_DEPTHS_MM: readonly number[] = Object.freeze([
  3, 4, 4, 5, 6, 6, 5, 7, 8, 9, 10, 13, 14, 18, 24, 23, 20, 17, 14, 13, 12, 11, 11, 10, 9, 8, 7, 6, 5, 4, 4.5, 4, 3.8,
  3.4, 3.2, 2.8,
]);

/**
 * Fitow, October 2013: 152.9 mm city mean over 16 h (hydrology bulletin). Hourly depths (mm) reconstructed from
 * that total only, with an assumed broad single peak; not a gauge record.
 */
export const FITOW_2013_HOURLY_DEPTHS_MM: readonly number[] = Object.freeze([
  4, 6, 8, 10, 12, 14, 15, 14.9, 13, 12, 11, 9, 8, 7, 5, 4,
]);

function seriesPoints(depthsMm: readonly number[], stepS: number): [number, number][] {
  const points = depthsMm.map((d, i): [number, number] => [i * stepS, (d * 3600) / stepS]);
  points.push([depthsMm.length * stepS, 0]);
  return points;
}

const IDF_SOURCE =
  'Shanghai storm formula q = 1600(1 + 0.846 lg P)/(t + 7)^0.656 (labelled DB31/T 1043-2017 in public code; confidence low–medium); r = 0.367';

function chicagoPreset(years: number, zh: string): RainPreset {
  return {
    name: `chicago-${years}y-3h`,
    title: `${years}-year 3 h Chicago design storm`,
    titleZh: `${zh}3小时芝加哥雨型`,
    source: IDF_SOURCE,
    reconstructed: false,
    spec: { kind: 'chicago', returnPeriodYears: years, durationMin: 180, peakPosition: 0.367, stepMin: 5 },
  };
}

/** The presets, by name. */
export const RAIN_PRESETS: readonly RainPreset[] = Object.freeze([
  chicagoPreset(1, '一年一遇'),
  chicagoPreset(3, '三年一遇'),
  chicagoPreset(5, '五年一遇'),
  chicagoPreset(50, '五十年一遇'),
  chicagoPreset(100, '百年一遇'),
  {
    name: 'pulasan-2024-09-20',
    title: 'Typhoon Pulasan rainstorm, 20 Sep 2024 (6 h, reconstructed)',
    titleZh: '台风“普拉桑”暴雨 2024-09-20（6小时，重建）',
    source:
      'City figures for 2024-09-20: max 1 h 116 mm, max 6 h 327.7 mm (news report). 10-min profile reconstructed from those two totals, not a gauge record.',
    reconstructed: true,
    spec: { kind: 'series', points: seriesPoints(PULASAN_2024_TEN_MINUTE_DEPTHS_MM, 600) },
  },
  {
    name: 'haikui-2012-hongkou',
    title: 'Typhoon Haikui at Hongkou, August 2012 (152.5 mm in 3 h, reconstructed)',
    titleZh: '台风“海葵”虹口暴雨 2012年8月（3小时152.5毫米，重建）',
    source:
      'Hongkou 152.5 mm in 3 h (news report). Shape: the Shanghai 3 h Chicago storm (r = 0.367) rescaled to that total; the 100-year 3 h depth by the formula is 150.4 mm.',
    reconstructed: true,
    spec: {
      kind: 'chicago',
      returnPeriodYears: 100,
      durationMin: 180,
      peakPosition: 0.367,
      stepMin: 5,
      depthMm: 152.5,
    },
  },
  {
    name: 'fitow-2013',
    title: 'Typhoon Fitow, October 2013 (152.9 mm in 16 h, reconstructed)',
    titleZh: '台风“菲特” 2013年10月（16小时152.9毫米，重建）',
    source:
      'City mean 152.9 mm over 16 h (hydrology bulletin). Hourly profile reconstructed from that total with an assumed single broad peak.',
    reconstructed: true,
    spec: { kind: 'series', points: seriesPoints(FITOW_2013_HOURLY_DEPTHS_MM, 3600) },
  },
  {
    name: 'typhoon-band-demo',
    title: 'Illustrative typhoon rain band crossing the district (not an observed storm)',
    titleZh: '示意台风雨带过境（非实测）',
    source:
      'Illustrative: R-CLIPER-shaped band (Tuleya et al. 2007), peak 25 mm/h at 30 km, e-folding 50 km, moving south-east to north-west at 25 km/h over the local origin (about 140 mm there, near the Fitow city mean).',
    reconstructed: true,
    spec: {
      kind: 'typhoon',
      track: [
        { timeS: 0, x: 85_000, y: -85_000 },
        { timeS: 34_560, x: -85_000, y: 85_000 },
      ],
      peakMmPerH: 25,
      radiusMaxRainM: 30_000,
      centreRatio: 0.85,
      efoldM: 50_000,
    },
  },
]);

/**
 * The preset called `name`.
 * @throws SimulationError listing the known names if there is none.
 */
export function findRainPreset(name: string, input = 'rain'): RainPreset {
  const preset = RAIN_PRESETS.find((p) => p.name === name);
  if (!preset)
    throw new SimulationError(
      `unknown rain preset "${name}"`,
      { input, field: 'name' },
      `use one of ${RAIN_PRESETS.map((p) => p.name).join(', ')}`,
    );
  return preset;
}
