// Seeded pseudo-random numbers for the simulation: mulberry32, so a scenario's seed fixes every random draw.
// Tiny, fast and identical on every JavaScript engine (32-bit integer arithmetic only).

/** A deterministic random source. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** The generator's state: `mulberry32(state())` continues the same sequence from here. */
  state(): number;
}

/** mulberry32 seeded with `seed` (any number; its low 32 bits are used), or a saved `state()`. Same seed, same sequence. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), state: () => state };
}
