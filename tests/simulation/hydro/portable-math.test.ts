// The portable cube root and exponential: within an ulp of the host's Math (the same bits on Node 20, whose V8 uses
// the same fdlibm algorithms), exact on the special values, and right on subnormals and at the range ends.
import { describe, expect, it } from 'vitest';
import { cbrtPortable, expPortable, invCbrtNear, pow7 } from '../../../simulation/hydro/portable-math.ts';
import { seededRandom } from './helpers.ts';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
}

describe('cbrtPortable', () => {
  it('is within 1 ulp of Math.cbrt over 22 binary orders of magnitude either side of 1, both signs', () => {
    const rnd = seededRandom(17);
    let worst = 0;
    for (let k = 0; k < 200_000; k++) {
      const x = (rnd() + 0.5) * 2 ** Math.floor(rnd() * 44 - 22) * (rnd() < 0.2 ? -1 : 1);
      worst = Math.max(worst, ulps(cbrtPortable(x), Math.cbrt(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is exact on cubes, signed zeros, infinities, NaN and subnormals', () => {
    for (const x of [1, 8, 27, 64, 0.125, -1000]) expect(cbrtPortable(x)).toBe(Math.cbrt(x));
    expect(Object.is(cbrtPortable(-0), -0)).toBe(true);
    expect(cbrtPortable(Infinity)).toBe(Infinity);
    expect(cbrtPortable(-Infinity)).toBe(-Infinity);
    expect(cbrtPortable(NaN)).toBeNaN();
    for (const x of [5e-324, 1e-310, -2.5e-315]) expect(ulps(cbrtPortable(x), Math.cbrt(x))).toBeLessThanOrEqual(1);
  });
});

describe('expPortable', () => {
  it('is within 1 ulp of Math.exp from −700 to 700', () => {
    const rnd = seededRandom(29);
    let worst = 0;
    for (let k = 0; k < 200_000; k++) {
      const x = (rnd() - 0.5) * (rnd() < 0.5 ? 1400 : 2);
      worst = Math.max(worst, ulps(expPortable(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives e, 1, the overflow and underflow limits and NaN where Math.exp does', () => {
    expect(expPortable(1)).toBe(Math.E);
    expect(expPortable(0)).toBe(1);
    expect(expPortable(1e-12)).toBe(1 + 1e-12);
    expect(expPortable(710)).toBe(Infinity);
    expect(expPortable(-746)).toBe(0);
    expect(expPortable(Infinity)).toBe(Infinity);
    expect(expPortable(-Infinity)).toBe(0);
    expect(expPortable(NaN)).toBeNaN();
    expect(ulps(expPortable(-740), Math.exp(-740))).toBeLessThanOrEqual(1);
  });
});

describe('invCbrtNear', () => {
  it('refines a close guess to within 1e-9 of x^(−1/3), and falls back to the exact root otherwise', () => {
    const rnd = seededRandom(11);
    let worst = 0;
    let refined = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = 1e-4 * Math.pow(1e5, rnd());
      const exact = 1 / cbrtPortable(x);
      const guess = exact * (1 + (rnd() - 0.5) * 0.02);
      const y = invCbrtNear(x, guess);
      const e = x * guess * guess * guess;
      if (e < 1.01 && e > 0.99) refined++;
      else expect(y).toBe(exact);
      worst = Math.max(worst, Math.abs(y / exact - 1));
    }
    expect(refined).toBeGreaterThan(30_000);
    expect(worst).toBeLessThan(1e-9);
    // A dry neighbour (guess 0) and a far guess take the exact path.
    expect(invCbrtNear(0.008, 0)).toBe(1 / cbrtPortable(0.008));
    expect(invCbrtNear(8, 1)).toBe(0.5);
  });

  it('pow7 of the root is x^(−7/3)', () => {
    expect(pow7(invCbrtNear(8, 0.5))).toBeCloseTo(2 ** -7, 15);
  });
});
