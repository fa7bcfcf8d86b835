// Smooth deterministic noise for gentle ground variation: values hashed at the nodes of a square lattice fixed in the
// local frame (not the grid), blended with a smoothstep. Same seed and point → same value, on any grid or machine.

/** A 32-bit integer hash of a lattice node and a seed, mapped to [-1, 1]. */
function nodeValue(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 4294967295) * 2 - 1;
}

/**
 * Noise in [-1, 1] at local point (x, y) metres.
 * @param wavelengthM lattice spacing: the size of one bump, metres
 * @param seed fixes the pattern
 */
export function valueNoise(x: number, y: number, wavelengthM: number, seed: number): number {
  const gx = x / wavelengthM;
  const gy = y / wavelengthM;
  const ix = Math.floor(gx);
  const iy = Math.floor(gy);
  const tx = gx - ix;
  const ty = gy - iy;
  const sx = tx * tx * (3 - 2 * tx);
  const sy = ty * ty * (3 - 2 * ty);
  const a = nodeValue(ix, iy, seed);
  const b = nodeValue(ix + 1, iy, seed);
  const c = nodeValue(ix, iy + 1, seed);
  const d = nodeValue(ix + 1, iy + 1, seed);
  return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy;
}
