// Spatially uniform rain fields: one hyetograph over every cell, with the engine's uniform fast path.
// The moving typhoon band and gauge interpolation live in typhoon.ts and station-field.ts.
import { hyetographDepthMm, hyetographMeanRate, type Hyetograph } from './hyetograph.ts';
import type { RainField } from './rain-field.ts';

/**
 * The same hyetograph over the whole grid. `uniformMean` always answers (never NaN), so the engine can skip its
 * per-cell pass; `fillMean` writes that one value into every cell of `out`, whatever the grid size.
 */
export function uniformRainField(hyetograph: Hyetograph): RainField {
  return {
    endS: hyetograph.endS,
    fillMean(t0S: number, t1S: number, out: Float32Array): void {
      out.fill(hyetographMeanRate(hyetograph, t0S, t1S));
    },
    uniformMean(t0S: number, t1S: number): number {
      return hyetographMeanRate(hyetograph, t0S, t1S);
    },
    depthMm(_index: number, t0S: number, t1S: number): number {
      return hyetographDepthMm(hyetograph, t0S, t1S);
    },
  };
}

/** No rain at all: for runs driven only by river stage or inflows. */
export const NO_RAIN: RainField = Object.freeze({
  endS: 0,
  fillMean(_t0S: number, _t1S: number, out: Float32Array): void {
    out.fill(0);
  },
  uniformMean(): number {
    return 0;
  },
  depthMm(): number {
    return 0;
  },
});
