// Small helpers for the flood-engine tests: a seeded random source and a rough random bed.

/** A deterministic random source in [0, 1) (LCG), so test grids are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A rough bed: random cells of ±`roughM` around a tilted plane, with a few deep holes and high walls. */
export function roughBed(nx: number, ny: number, seed: number, roughM = 0.5): Float32Array {
  const rnd = seededRandom(seed);
  const bed = new Float32Array(nx * ny);
  for (let r = 0; r < ny; r++)
    for (let c = 0; c < nx; c++) {
      let z = 3 + 0.01 * c - 0.005 * r + (rnd() - 0.5) * 2 * roughM;
      const p = rnd();
      if (p < 0.02) z -= 2;
      else if (p < 0.04) z += 3;
      bed[r * nx + c] = z;
    }
  return bed;
}
