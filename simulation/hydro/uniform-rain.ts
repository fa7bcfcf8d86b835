// The simplest RainFields: the same rate everywhere, constant or following a series. For tests and the CLI's
// `--rain <mm/h>`; the rain library (simulation/rain/) provides design storms, station series and typhoon bands.
import { SimulationError } from '../errors.ts';
import type { RainField } from '../rain/rain-field.ts';
import { hydrographIntegral } from './hydrograph.ts';
import type { Hydrograph } from './types.ts';

/**
 * Rain at `rateMmPerH` on every cell from 0 until `endS` (forever by default).
 * @throws SimulationError when the rate is negative or not a number
 */
export function constantRainField(rateMmPerH: number, endS = Infinity): RainField {
  if (!(rateMmPerH >= 0) || !Number.isFinite(rateMmPerH))
    throw new SimulationError(`rain rate ${rateMmPerH} mm/h is not a rate`, { input: 'rain' }, 'give 0 or more mm/h');
  const meanOver = (t0S: number, t1S: number): number => {
    const a = Math.max(0, t0S);
    const b = Math.min(endS, t1S);
    return b > a && t1S > t0S ? (rateMmPerH * (b - a)) / (t1S - t0S) : 0;
  };
  return {
    endS: rateMmPerH > 0 ? endS : 0,
    fillMean(t0S, t1S, out) {
      out.fill(meanOver(t0S, t1S));
    },
    uniformMean: meanOver,
    depthMm(_index, t0S, t1S) {
      return (meanOver(t0S, t1S) * (t1S - t0S)) / 3600;
    },
  };
}

/** Rain following a series of rates (mm/h, linear between points, 0 after the last point) on every cell. */
export function seriesRainField(rateMmPerH: Hydrograph): RainField {
  const n = rateMmPerH.timesS.length;
  const lastS = rateMmPerH.timesS[n - 1];
  const meanOver = (t0S: number, t1S: number): number => {
    if (!(t1S > t0S)) return 0;
    const b = Math.min(t1S, lastS);
    const a = Math.max(t0S, rateMmPerH.timesS[0]);
    return b > a ? hydrographIntegral(rateMmPerH, a, b) / (t1S - t0S) : 0;
  };
  return {
    endS: lastS,
    fillMean(t0S, t1S, out) {
      out.fill(meanOver(t0S, t1S));
    },
    uniformMean: meanOver,
    depthMm(_index, t0S, t1S) {
      return (meanOver(t0S, t1S) * (t1S - t0S)) / 3600;
    },
  };
}
