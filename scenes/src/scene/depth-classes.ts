// The four alarm classes of road water the app colours the depth by (< 15, 15–30, 30–50, > 50 cm), and what counts
// as dry (drawn transparent). The shader and the legend read these, so they cannot disagree.

/** Below this depth (m) a cell is drawn dry: fully transparent. */
export const DRY_BELOW_M = 0.01;
/** Depth (m) at which the water reaches full opacity (fades in from DRY_BELOW_M). */
export const OPAQUE_FROM_M = 0.05;

/** Upper bounds (m) of the classes; the last class is open-ended. */
export const CLASS_BOUNDS_M = [0.15, 0.3, 0.5] as const;

/** Colours of the classes, shallow to deep (sRGB hex). */
export const CLASS_COLOURS = ['#3d8fd9', '#f2c12e', '#f07c1b', '#d7261e'] as const;

/** i18n keys of the class labels. */
export const CLASS_LABELS = ['depth.c0', 'depth.c1', 'depth.c2', 'depth.c3'] as const;

/** The class (0–3) of a depth in metres, or -1 when dry. */
export function depthClass(depthM: number): number {
  if (!(depthM >= DRY_BELOW_M)) return -1;
  let c = 0;
  while (c < CLASS_BOUNDS_M.length && depthM >= CLASS_BOUNDS_M[c]) c++;
  return c;
}

/** [r, g, b] in 0–1 of a hex colour. */
export function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
