// The checkpoint codec: plain data with typed arrays to bytes and back, bit for bit, deterministically.
import { describe, expect, it } from 'vitest';
import { decodePlain, encodePlain } from '../../../simulation/record/index.ts';

const sample = () => ({
  n: 1.5,
  odd: [NaN, Infinity, -Infinity, -0, 0, 5e-324, Number.MAX_VALUE],
  s: 'text with "quotes" and 中文',
  flag: true,
  none: null,
  $dollar: { $t: 'not a typed array' },
  f64: Float64Array.from([0.1, -2.5, NaN, 1e300, -0]),
  f32: Float32Array.from([0.15, 3]),
  i32: Int32Array.from([-1, 2 ** 31 - 1]),
  u16: Uint16Array.from([65535, 0]),
  u8: Uint8Array.from([1, 2, 3]),
  nested: [{ a: new Float64Array(1000).fill(3.25) }],
});

describe('plain codec', () => {
  it('round-trips every value exactly, typed arrays by kind and bits', () => {
    const back = decodePlain(encodePlain(sample())) as ReturnType<typeof sample>;
    expect(Object.is(back.odd[3], -0)).toBe(true);
    expect(back.odd.slice(0, 3)).toEqual([NaN, Infinity, -Infinity]);
    expect(back.odd[5]).toBe(5e-324);
    expect(back.$dollar).toEqual({ $t: 'not a typed array' });
    expect(back.f64).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.f64.buffer).equals(Buffer.from(sample().f64.buffer))).toBe(true);
    expect(back.f32).toBeInstanceOf(Float32Array);
    expect([...back.i32]).toEqual([-1, 2 ** 31 - 1]);
    expect([...back.u16]).toEqual([65535, 0]);
    expect(back.nested[0].a.every((v) => v === 3.25)).toBe(true);
    expect(back.s).toBe(sample().s);
  });

  it('gives the same bytes for the same value', () => {
    expect(Buffer.from(encodePlain(sample())).equals(Buffer.from(encodePlain(sample())))).toBe(true);
  });

  it('compresses a mostly dry depth field well', () => {
    const h = new Float64Array(100_000);
    for (let i = 0; i < h.length; i += 37) h[i] = 0.01 * (i % 91);
    expect(encodePlain({ h }).length).toBeLessThan(h.byteLength / 8);
  });

  it('refuses what is not plain data, naming where', () => {
    expect(() => encodePlain({ a: [new Map()] })).toThrow(/\$\.a\[0\].*Map is not plain data/);
    expect(() => encodePlain({ f: () => 1 })).toThrow(/function is not plain data/);
  });

  it('refuses damaged bytes with a clear message', () => {
    const bytes = encodePlain(sample());
    expect(() => decodePlain(bytes.subarray(0, bytes.length - 5))).toThrow(/truncated/);
    expect(() => decodePlain(new Uint8Array(20))).toThrow(/does not start with RTPLAIN1/);
  });
});
