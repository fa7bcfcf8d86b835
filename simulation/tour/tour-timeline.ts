// Where a tour is at a moment of its wall-clock timeline: which segment, which simulated time, and where the camera
// is — flown between keyframes with an ease-in-out, so it starts and settles gently. Pure, so the app, the tour
// video's frame stepping and the tests agree on every frame.
import type { PlacedKeyframe, Tour } from './tour-spec.ts';

/** The tour at one moment. */
export interface TourMoment {
  /** Wall time from the tour's start (s), clamped to the tour. */
  tourS: number;
  /** Index of the segment playing. */
  index: number;
  /** Simulated time of the run shown (s). */
  simS: number;
}

/** The segment and simulated time at wall time `tourS` (clamped to 0…totalS; the end is the last segment's end). */
export function tourMoment(tour: Tour, tourS: number): TourMoment {
  const t = Math.min(Math.max(Number.isFinite(tourS) ? tourS : 0, 0), tour.totalS);
  let index = tour.segments.length - 1;
  for (let i = 0; i < tour.segments.length; i++) {
    const s = tour.segments[i];
    if (t < s.startS + s.durationS) {
      index = i;
      break;
    }
  }
  const s = tour.segments[index];
  const simS = Math.min(s.toS, s.fromS + (t - s.startS) * s.speed);
  return { tourS: t, index, simS };
}

/** Wall time from the tour's start (s) of simulated time `simS` in segment `index` (clamped to the segment). */
export function tourTimeOf(tour: Tour, index: number, simS: number): number {
  const s = tour.segments[Math.min(Math.max(0, index), tour.segments.length - 1)];
  const within = Math.min(Math.max(simS, s.fromS), s.toS);
  return s.startS + (within - s.fromS) / s.speed;
}

/** A camera pose (scene metres). */
export interface Pose {
  position: [number, number, number];
  target: [number, number, number];
}

/** Ease-in-out (smoothstep): 0 → 0, 1 → 1, no speed at either end. */
export function easeInOut(u: number): number {
  const x = Math.min(1, Math.max(0, u));
  return x * x * (3 - 2 * x);
}

/**
 * The camera at wall time `tourS`: held at the first keyframe before it and at the last after it, eased between
 * the two keyframes around it. Writes into `out` when given (no allocation per frame).
 */
export function cameraAt(tour: Tour, tourS: number, out?: Pose): Pose {
  const res = out ?? { position: [0, 0, 0], target: [0, 0, 0] };
  const ks = tour.keyframes;
  let a: PlacedKeyframe = ks[0];
  let b: PlacedKeyframe = ks[0];
  if (tourS >= ks[ks.length - 1].tourS) a = b = ks[ks.length - 1];
  else
    for (let i = 0; i + 1 < ks.length; i++)
      if (tourS < ks[i + 1].tourS) {
        a = ks[i];
        b = ks[i + 1];
        if (tourS < a.tourS) b = a;
        break;
      }
  const span = b.tourS - a.tourS;
  const u = span > 0 ? easeInOut((tourS - a.tourS) / span) : 1;
  for (let k = 0; k < 3; k++) {
    res.position[k] = a.position[k] + (b.position[k] - a.position[k]) * u;
    res.target[k] = a.target[k] + (b.target[k] - a.target[k]) * u;
  }
  return res;
}
