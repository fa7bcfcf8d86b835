// How the app colours an ensemble's maps: the probability that the maximum depth passed a threshold in four classes
// (the report's PROBABILITY_CLASSES, server/report/depth-classes.ts; a test keeps them equal), and the median or
// 90th-percentile maximum depth in the app's four alarm classes, dry below the report's 2 cm.
import { CLASS_BOUNDS_M, CLASS_COLOURS } from '../scene/depth-classes.ts';

/** What a map shows: a probability (0..1) or a depth (m). */
export type MapKind = 'probability' | 'depth';

/** Lower bounds of the probability classes (< 25 %, 25–50 %, 50–75 %, ≥ 75 %); 0 is not coloured. */
export const PROBABILITY_FROM = [1e-9, 0.25, 0.5, 0.75] as const;
/** Their colours (sRGB hex), pale to deep. */
export const PROBABILITY_COLOURS = ['#d4b9da', '#c994c7', '#dd1c77', '#980043'] as const;
/** Below this maximum depth (m) a cell of a depth map is not coloured: the report's dry threshold. */
export const ENSEMBLE_DRY_BELOW_M = 0.02;
/** Opacity of a coloured cell over the ground. */
export const OVERLAY_ALPHA = 0.85;

/** The class (0–3) of a value of a map, or -1 when not coloured (dry, never, no data). */
export function mapClass(kind: MapKind, v: number): number {
  if (!Number.isFinite(v)) return -1;
  if (kind === 'probability') {
    let c = -1;
    while (c + 1 < PROBABILITY_FROM.length && v >= PROBABILITY_FROM[c + 1]) c++;
    return c;
  }
  if (v < ENSEMBLE_DRY_BELOW_M) return -1;
  let c = 0;
  while (c < CLASS_BOUNDS_M.length && v >= CLASS_BOUNDS_M[c]) c++;
  return c;
}

/** The colours of a kind's classes. */
export function mapColours(kind: MapKind): readonly string[] {
  return kind === 'probability' ? PROBABILITY_COLOURS : CLASS_COLOURS;
}

/**
 * A map as RGBA bytes for a texture whose first row is the south edge (three's DataTexture, v up): grid row 0 is
 * north, so rows are flipped. Cells not coloured are transparent.
 */
export function mapRgba(kind: MapKind, values: Float32Array, nx: number, ny: number): Uint8Array {
  const lut = mapColours(kind).map((hex) => {
    const n = parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  });
  const out = new Uint8Array(nx * ny * 4);
  for (let r = 0; r < ny; r++)
    for (let c = 0; c < nx; c++) {
      const k = mapClass(kind, values[r * nx + c]);
      if (k < 0) continue;
      const o = ((ny - 1 - r) * nx + c) * 4;
      out[o] = lut[k][0];
      out[o + 1] = lut[k][1];
      out[o + 2] = lut[k][2];
      out[o + 3] = Math.round(OVERLAY_ALPHA * 255);
    }
  return out;
}
