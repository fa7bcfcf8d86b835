// The WebAssembly face kernel: the committed modules are what its AssemblyScript source builds to, its cube root has
// the bits of the TypeScript one, one face gives the local inertial formula's discharge, and the same row on a
// shared and a plain memory gives the same bits. (The engine's tests, goldens and thread and Worker identity cover
// it in use: it replaced TypeScript faces with no output changing by a bit.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { facesModuleText, FACES_MODULE } from '../../../simulation/hydro/build-wasm.node.ts';
import { faceKernel, fromBase64 } from '../../../simulation/hydro/face-kernel.ts';
import { allocateArrays, claimScratch, viewArrays } from '../../../simulation/hydro/layout.ts';
import { cbrtPortable } from '../../../simulation/hydro/portable-math.ts';
import { seededRandom } from './helpers.ts';

describe('the face kernel module', () => {
  it('is what assembly/faces.ts builds to (run `npm run build:wasm` after changing it)', async () => {
    expect(readFileSync(FACES_MODULE, 'utf8')).toBe(await facesModuleText());
  }, 60_000);

  it('decodes base64 as Node does', () => {
    const rnd = seededRandom(5);
    for (const len of [0, 1, 2, 3, 4, 5, 255, 1000]) {
      const bytes = Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
      expect(fromBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
    expect(() => fromBase64('AB*D')).toThrow(/not base64 at character 2/);
  });

  it("computes the cube root with the bits of portable-math's, normal and subnormal, both signs", () => {
    const k = faceKernel(new WebAssembly.Memory({ initial: 2 }));
    const rnd = seededRandom(23);
    let differ = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = (rnd() + 0.5) * 2 ** Math.floor(rnd() * 2100 - 1070) * (rnd() < 0.3 ? -1 : 1);
      if (!Object.is(k.cbrtPortable(x), cbrtPortable(x))) differ++;
    }
    for (const x of [0, -0, Infinity, -Infinity, 5e-324, 1, 27])
      expect(Object.is(k.cbrtPortable(x), cbrtPortable(x))).toBe(true);
    expect(k.cbrtPortable(NaN)).toBeNaN();
    expect(differ).toBe(0);
  });
});

describe('one row of faces', () => {
  /** Four cells in a row at 8-byte slots from byte 65536: h, hInv73, hRoot, z, gn2, q, cross, out, kind, steps. */
  function row(shared: boolean): Float64Array {
    const memory = new WebAssembly.Memory(shared ? { initial: 2, maximum: 4, shared: true } : { initial: 2 });
    const f = new Float64Array(memory.buffer, 65536, 90);
    const h = [0.5, 0.3, 0.0005, 0.2];
    const z = [1.0, 1.1, 1.3, 1.0];
    for (let i = 0; i < 4; i++) {
      f[i] = h[i];
      f[10 + i] = h[i] > 0 ? h[i] ** (-7 / 3) : 0;
      f[20 + i] = h[i] > 0 ? h[i] ** (-1 / 3) : 0;
      f[30 + i] = z[i];
    }
    f.fill(9.81 * 0.035 ** 2, 40, 45); // g·n² on the five x faces of the row
    f.set([0, 0.02, 0, -0.01, 0], 50); // q of the last step
    // cross: eight y faces (two rows of four, the row's north and south faces) all zero
    const kind = new Uint8Array(memory.buffer, 65536 + 8 * 80, 4);
    kind.fill(0);
    const at = (slot: number): number => 65536 + 8 * slot;
    faceKernel(memory).faces(
      at(80),
      at(0),
      at(10),
      at(20),
      at(30),
      at(40),
      at(50),
      at(60),
      at(70),
      0,
      0,
      0,
      -1,
      1,
      0,
      1,
      0,
      4,
      -1,
      0,
      1,
      3,
      0,
      1,
      0.001,
      0.5,
      (9.81 * 0.5) / 5,
      1,
    );
    return f.slice(70, 75);
  }

  it('gives the local inertial discharge, and none where the flow depth is under the threshold', () => {
    const out = row(false);
    // Face 1 (cells 0 | 1): η 1.5 | 1.4, hflow = 1.5 − 1.1 = 0.4, q0 = 0.02.
    const hf = 0.4;
    const q = (0.02 - ((9.81 * 0.5) / 5) * hf * (1.4 - 1.5)) / (1 + 0.5 * 9.81 * 0.035 ** 2 * 0.02 * hf ** (-7 / 3));
    expect(out[1]).toBeCloseTo(q, 12);
    // Face 2 (cells 1 | 2): η 1.4 | 1.3005, hflow = 1.4 − 1.3 = 0.1 over the ledge, from rest: no friction yet.
    expect(out[2]).toBeCloseTo(((9.81 * 0.5) / 5) * 0.1 * (1.4 - 1.3005), 12);
    // Face 3 (cells 2 | 3): η 1.3005 | 1.2, hflow = 1.3005 − 1.3 = 0.0005, under the 1 mm threshold: no flow.
    expect(out[3]).toBe(0);
    expect(out[0]).toBe(0); // not computed (c from 1)
  });

  it('gives the same bits on a shared memory as on a plain one', () => {
    expect(row(true)).toEqual(row(false));
  });

  it('gives the bits of one face at a time when it takes two at once (SIMD), over dry, wet and ledge faces', () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const nx = 301; // an odd row: the last face goes alone
    const base = 65536;
    const f = new Float64Array(memory.buffer, base, 12 * (nx + 1));
    const at = (k: number): number => base + 8 * k * (nx + 1);
    const rnd = seededRandom(41);
    for (let c = 0; c < nx; c++) {
      const h = rnd() < 0.25 ? 0 : rnd() < 0.2 ? 0.0005 : 0.5 * rnd() ** 2;
      f[c] = h;
      f[nx + 1 + c] = h > 0 ? h ** (-7 / 3) : 0;
      f[2 * (nx + 1) + c] = h > 0 ? h ** (-1 / 3) : 0;
      f[3 * (nx + 1) + c] = rnd() < 0.1 ? 0.3 * rnd() : 0.01 * c; // ledges among a gentle slope
    }
    for (let c = 0; c <= nx; c++) {
      f[4 * (nx + 1) + c] = 9.81 * 0.03 ** 2;
      f[5 * (nx + 1) + c] = rnd() < 0.3 ? 0 : 0.05 * (rnd() - 0.5);
      f[6 * (nx + 1) + c] = 0.05 * (rnd() - 0.5);
      f[7 * (nx + 1) + c] = 0.05 * (rnd() - 0.5);
    }
    const kind = at(10);
    const k = faceKernel(memory);
    const run = (out: number, lo: number, hi: number): void =>
      k.faces(
        kind,
        at(0),
        at(1),
        at(2),
        at(3),
        at(4),
        at(5),
        at(6),
        out,
        0,
        0,
        0,
        -1,
        1,
        0,
        1,
        0,
        nx + 1,
        -1,
        0,
        lo,
        hi,
        0,
        1,
        0.001,
        0.4,
        (9.81 * 0.4) / 5,
        1,
      );
    run(at(8), 1, nx - 1);
    for (let c = 1; c <= nx - 1; c++) run(at(9), c, c);
    const pairs = f.slice(8 * (nx + 1) + 1, 8 * (nx + 1) + nx);
    const single = f.slice(9 * (nx + 1) + 1, 9 * (nx + 1) + nx);
    expect(pairs.filter((q) => q !== 0).length).toBeGreaterThan(100);
    expect(Array.from(pairs, (q, i) => Object.is(q, single[i])).every(Boolean)).toBe(true);
  });
});

describe('one row of cell updates', () => {
  it('gives the bits of one cell at a time when it takes two at once (SIMD): depths, roots, maxima, wetting, sums', () => {
    const nx = 301;
    const memory = new WebAssembly.Memory({ initial: 8 });
    const buf = memory.buffer;
    let at = 65536;
    const f64 = (len: number): Float64Array => {
      const v = new Float64Array(buf, at, len);
      at += 8 * len;
      return v;
    };
    // Three rows; row 1 is updated. Arrays in the pointer block's order.
    const qx = f64(3 * (nx + 1));
    const qy = f64(4 * nx);
    const h = f64(3 * nx);
    const hInv = f64(3 * nx);
    const root = f64(3 * nx);
    const z = f64(3 * nx);
    const maxDepth = f64(3 * nx);
    const firstWet = f64(3 * nx);
    const speed = f64(1);
    const rain = f64(3 * nx); // two f32 windows' room (unused: uniform rain)
    const infil = f64(1);
    const drain = f64(1);
    const catchFactor = f64(1);
    const blockCatch = f64(1);
    const sums = f64(9);
    const kind = new Uint8Array(buf, at, 3 * nx);
    at += 8 * nx;
    const ptr = new Uint32Array(buf, at, 18);
    const rnd = seededRandom(77);
    for (let i = 0; i < 3 * nx; i++) {
      h[i] = rnd() < 0.2 ? 0 : 0.4 * rnd() ** 2;
      // Roots near the depth's (a step's change under 1 %) and some far from it (the exact root).
      root[i] = h[i] > 0 ? h[i] ** (-1 / 3) * (rnd() < 0.8 ? 1 + 0.002 * (rnd() - 0.5) : 1.5) : 0;
      z[i] = rnd();
      maxDepth[i] = rnd() < 0.5 ? 0 : 0.3 * rnd();
      firstWet[i] = rnd() < 0.5 ? -1 : 60;
      kind[i] = rnd() < 0.05 ? 1 : rnd() < 0.05 ? 2 : 0;
    }
    for (let i = 0; i < qx.length; i++) qx[i] = 0.02 * (rnd() - 0.5);
    for (let i = 0; i < qy.length; i++) qy[i] = 0.02 * (rnd() - 0.5);
    const arrays = [qx, qy, h, hInv, root, kind, z, maxDepth, firstWet, speed, rain, rain, kind, infil, drain, kind];
    arrays.forEach((a, e) => (ptr[e] = a.byteOffset));
    ptr[16] = catchFactor.byteOffset;
    ptr[17] = blockCatch.byteOffset;
    const k = faceKernel(memory);
    const state = [h, hInv, root, maxDepth, firstWet];
    const start = state.map((a) => a.slice());
    const run = (lo: number, hi: number, hmax0: number): Float64Array => {
      k.updateRow(
        ptr.byteOffset,
        sums.byteOffset,
        1,
        lo,
        hi,
        nx,
        3 * nx,
        0,
        1,
        0,
        0,
        0.5,
        0.1,
        4.2,
        0.0004,
        0,
        0,
        120,
        0.001,
        0.001,
        hmax0,
      );
      return sums.slice();
    };
    const pairs = run(0, nx - 1, 0);
    const after = state.map((a) => a.slice());
    state.forEach((a, e) => a.set(start[e]));
    const one = new Float64Array(9);
    one[7] = nx;
    one[8] = -1;
    for (let c = 0; c < nx; c++) {
      const s1 = run(c, c, one[6]);
      for (let q = 0; q < 6; q++) one[q] += s1[q];
      one[6] = s1[6];
      if (s1[8] >= 0) {
        one[7] = Math.min(one[7], s1[7]);
        one[8] = s1[8];
      }
    }
    const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
      Array.from(a).every((v, i) => Object.is(v, b[i]));
    state.forEach((a, e) => expect(same(a, after[e]), `array ${e}`).toBe(true));
    expect(same(one, pairs)).toBe(true);
    expect(pairs[0]).toBeGreaterThan(0);
  });
});

describe('one row of the outflow limiter', () => {
  it('gives the bits of one cell at a time when it takes two at once (SIMD), scaling where a cell runs dry', () => {
    const nx = 201;
    const memory = new WebAssembly.Memory({ initial: 4 });
    const buf = memory.buffer;
    const h = new Float64Array(buf, 65536, nx);
    const x = new Float64Array(buf, 65536 + 8 * 256, nx + 1);
    const n = new Float64Array(buf, 65536 + 8 * 512, nx);
    const s = new Float64Array(buf, 65536 + 8 * 768, nx);
    const kind = new Uint8Array(buf, 65536 + 8 * 1024, nx);
    const rnd = seededRandom(91);
    for (let c = 0; c < nx; c++) {
      h[c] = rnd() < 0.3 ? 0.0005 * rnd() : 0.3 * rnd();
      n[c] = 0.05 * (rnd() - 0.5);
      s[c] = 0.05 * (rnd() - 0.5);
      kind[c] = rnd() < 0.05 ? 2 : 0;
    }
    for (let c = 0; c <= nx; c++) x[c] = 0.05 * (rnd() - 0.5);
    const start = [x.slice(), n.slice(), s.slice()];
    const k = faceKernel(memory);
    const run = (lo: number, hi: number): void =>
      k.limitRow(h.byteOffset, kind.byteOffset, x.byteOffset, n.byteOffset, s.byteOffset, 0, lo, hi, 1.5, 5);
    run(0, nx - 1);
    const pairs = [x.slice(), n.slice(), s.slice()];
    [x, n, s].forEach((a, e) => a.set(start[e]));
    for (let c = 0; c < nx; c++) run(c, c);
    const same = (a: Float64Array, b: Float64Array): boolean => a.every((v, i) => Object.is(v, b[i]));
    [x, n, s].forEach((a, e) => expect(same(a, pairs[e]), `array ${e}`).toBe(true));
    expect(pairs[0].some((q, c) => q !== start[0][c])).toBe(true);
  });
});

describe("the engine's memory", () => {
  it('refuses a grid beyond 4 GiB by its size, with what to do', () => {
    const sizes = {
      nx: 30000,
      ny: 30000,
      catchSlots: 1,
      infilClasses: 1,
      threads: 2,
      trackMaxSpeed: false,
      hasSinks: false,
    };
    expect(() => allocateArrays(sizes, 0, true)).toThrow(
      /grid: a 30000 × 30000 grid on 2 thread\(s\) needs \d+ MB, more than the engine's 4 GiB\. Fix: use a larger cell size/,
    );
  });

  it('gives each thread its own scratch region after the arrays, inside the memory', () => {
    const sizes = { nx: 50, ny: 40, catchSlots: 3, infilClasses: 2, threads: 3, trackMaxSpeed: false, hasSinks: true };
    const owner = allocateArrays(sizes, 1, true);
    const arraysEnd = Math.max(owner.sync.byteOffset + owner.sync.byteLength, owner.h.byteOffset + owner.h.byteLength);
    const regions = [0, 1, 2].map((k) => claimScratch(viewArrays(owner, k)));
    const spans = regions.map((r) => [r.levels.byteOffset, r.updateSums.byteOffset + r.updateSums.byteLength]);
    expect(spans[0][0]).toBeGreaterThanOrEqual(arraysEnd);
    expect(spans[1][0]).toBeGreaterThanOrEqual(spans[0][1]);
    expect(spans[2][0]).toBeGreaterThanOrEqual(spans[1][1]);
    expect(spans[2][1]).toBeLessThanOrEqual(owner.memory.buffer.byteLength);
    expect(() => claimScratch(viewArrays(owner, 3))).toThrow(/region 3 of 3/);
  });
});
