// The colour classes of the report's maps: maximum depth in the four alarm classes operators act on (blue, yellow,
// orange, red, as in China's four warning levels), and the blue/red diverging classes of a depth difference.

/**
 * Below this depth (m) a cell is drawn dry. 2 cm: a film of rain on paved ground that every cell holds during a storm
 * is not standing water, and the engine's own wet threshold is of this order; the legend says so.
 */
export const DRY_BELOW_M = 0.02;

/** A colour class: values in [fromM, toM). */
export interface ColourClass {
  fromM: number;
  toM: number;
  colour: string;
}

/** Maximum-depth classes: < 15, 15–30, 30–50 and > 50 cm (cells below DRY_BELOW_M are not coloured). */
export const DEPTH_CLASSES: readonly ColourClass[] = [
  { fromM: DRY_BELOW_M, toM: 0.15, colour: '#6db6ef' },
  { fromM: 0.15, toM: 0.3, colour: '#f5c400' },
  { fromM: 0.3, toM: 0.5, colour: '#f07a00' },
  { fromM: 0.5, toM: Infinity, colour: '#c8102e' },
];

/**
 * Depth-difference classes (B − A, m): blue where the compared run is drier, red where it is wetter; within
 * ±DRY_BELOW_M not coloured (the same 2 cm as the noise of `compareRecords`).
 */
export const DIFFERENCE_CLASSES: readonly ColourClass[] = [
  { fromM: -Infinity, toM: -0.3, colour: '#08306b' },
  { fromM: -0.3, toM: -0.1, colour: '#2171b5' },
  { fromM: -0.1, toM: -DRY_BELOW_M, colour: '#9ecae1' },
  { fromM: DRY_BELOW_M, toM: 0.1, colour: '#fcae91' },
  { fromM: 0.1, toM: 0.3, colour: '#ef3b2c' },
  { fromM: 0.3, toM: Infinity, colour: '#67000d' },
];

/** The index of the class holding `v`, or -1 (dry, no change, or not a number). */
export function classOf(classes: readonly ColourClass[], v: number): number {
  if (!Number.isFinite(v)) return -1;
  for (let k = 0; k < classes.length; k++) if (v >= classes[k].fromM && v < classes[k].toM) return k;
  return -1;
}

/** "#rrggbb" as [r, g, b]. */
export function rgbOf(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Probability classes of an ensemble's exceedance maps (share of members, 0..1): < 25 %, 25–50 %, 50–75 %, ≥ 75 %
 * (purple to crimson, apart from the depth colours); a cell no member flooded past the threshold is not coloured.
 */
export const PROBABILITY_CLASSES: readonly ColourClass[] = [
  { fromM: 1e-9, toM: 0.25, colour: '#d4b9da' },
  { fromM: 0.25, toM: 0.5, colour: '#c994c7' },
  { fromM: 0.5, toM: 0.75, colour: '#dd1c77' },
  { fromM: 0.75, toM: Infinity, colour: '#980043' },
];
