// Cube root and e^x from IEEE-754 basic operations only (fdlibm's algorithms, as V8 11 and FreeBSD ship them), so
// the engine gives the same bits in every JavaScript engine: Math.cbrt and Math.exp are left to each engine's libm
// and differ in the last bit (Node 20's V8 uses fdlibm; Chromium 156's rounds correctly).

/** One double and its two 32-bit halves, for reading and setting exponent bits without allocating. */
const word = new Float64Array(1);
const half = new Uint32Array(word.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const B1 = 715094163;
const B2 = 696219795;
const P0 = 1.87595182427177009643;
const P1 = -1.88497979543377169875;
const P2 = 1.62142972010535446614;
const P3 = -0.758397934778766047437;
const P4 = 0.145996192886612446982;

/**
 * ∛x with an error under 0.667 ulp, the same bits in every engine (and the same as Node 20's Math.cbrt).
 * Allocation-free; for the kernels' friction terms.
 */
export function cbrtPortable(x: number): number {
  word[0] = x;
  let hx = half[HI];
  const low = half[LO];
  const sign = hx & 0x80000000;
  hx = (hx ^ sign) >>> 0;
  if (hx >= 0x7ff00000) return x + x;
  // 1. A first guess from the exponent bits (scaling subnormals by 2^54 first).
  if (hx < 0x00100000) {
    if ((hx | low) === 0) return x;
    word[0] = 18014398509481984 * x;
    half[HI] = (sign | (Math.floor((half[HI] & 0x7fffffff) / 3) + B2)) >>> 0;
  } else half[HI] = (sign | (Math.floor(hx / 3) + B1)) >>> 0;
  half[LO] = 0;
  let t = word[0];
  // 2. A polynomial to 23 bits, then t rounded away from zero to 23 bits (add 2^31 to the bits, clear the low 30).
  let r = t * t * (t / x);
  t = t * (P0 + r * (P1 + r * P2) + r * r * r * (P3 + r * P4));
  word[0] = t;
  const lo = half[LO] + 0x80000000;
  if (lo >= 0x100000000) half[HI] = half[HI] + 1;
  half[LO] = lo & 0xc0000000;
  t = word[0];
  // 3. One Newton step to 53 bits.
  r = x / (t * t);
  r = (r - t) / (t + t + r);
  return t + t * r;
}

/**
 * x^(−1/3) for x > 0 from a guess y0 of it (a neighbour's or the last step's cached root): two Newton steps
 * y ← y·(4 − x·y³)/3, no division, when y0 is within about 0.3 % (relative error then under 1e-9); else exactly,
 * by `cbrtPortable`. Basic operations only, so the same bits in every engine and thread.
 */
export function invCbrtNear(x: number, y0: number): number {
  const e = x * y0 * y0 * y0;
  if (e < 1.01 && e > 0.99) {
    const y1 = y0 * (1.3333333333333333 - e * 0.3333333333333333);
    return y1 * (1.3333333333333333 - x * y1 * y1 * y1 * 0.3333333333333333);
  }
  return 1 / cbrtPortable(x);
}

/** (x^(−1/3))^7 = x^(−7/3) from a root y = x^(−1/3). */
export function pow7(y: number): number {
  const y2 = y * y;
  return y2 * y2 * y2 * y;
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const E1 = 1.66666666666666019037e-1;
const E2 = -2.77777777770155933842e-3;
const E3 = 6.61375632143793436117e-5;
const E4 = -1.6533902205465251539e-6;
const E5 = 4.13813679705723846039e-8;
const TWO_M1000 = 9.3326361850321887899e-302;

/** e^x with an error under 1 ulp, the same bits in every engine (and the same as Node 20's Math.exp). */
export function expPortable(x: number): number {
  word[0] = x;
  let hx = half[HI];
  const xsb = hx >>> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) return (hx & 0xfffff) | half[LO] ? x + x : xsb === 0 ? x : 0;
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.4513321910194110842e2) return 0;
  }
  // 1. Reduce: x = k·ln2 + (hi − lo), |hi − lo| ≤ ln2/2.
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1) return Math.E; // as V8: the reduction gets e's last bit wrong
      hi = xsb ? x + LN2_HI : x - LN2_HI;
      lo = xsb ? -LN2_LO : LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) return 1 + x;
  // 2. A rational approximation on the reduced range, then the scaling by 2^k.
  const t = x * x;
  const c = x - t * (E1 + t * (E2 + t * (E3 + t * (E4 + t * E5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  word[0] = 0;
  half[HI] = (0x3ff00000 + ((k >= -1021 ? k : k + 1000) << 20)) >>> 0;
  if (k >= -1021) return k === 1024 ? y * 2 * 8.98846567431158e307 : y * word[0];
  return y * word[0] * TWO_M1000;
}
