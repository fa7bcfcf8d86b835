// The engine's row kernels in WebAssembly (faces, limiters, cell updates; source: assembly/faces.ts, built by
// `npm run build:wasm` into face-kernel.wasm.ts): one instance per thread on the engine's memory, shared between
// threads or not. The same module runs in Node, its worker threads and a browser Worker, with the same bits as the
// TypeScript it replaced.
import { FACES_WASM_PLAIN, FACES_WASM_SHARED } from './face-kernel.wasm.ts';

/** The kernel's exports: see assembly/faces.ts for the arguments. */
export interface FaceKernel {
  /** portable-math.ts's cbrtPortable, as the kernel computes it. */
  cbrtPortable(x: number): number;
  faces(
    kind: number,
    h: number,
    hInv: number,
    root: number,
    z: number,
    gn2: number,
    qOld: number,
    cross: number,
    out: number,
    levels: number,
    dtLevel: number,
    gdtLevel: number,
    cellBase: number,
    cellStep: number,
    faceBase: number,
    faceNeighbour: number,
    crossBase: number,
    crossRow: number,
    crossShift: number,
    outOff: number,
    cLo: number,
    cHi: number,
    jf: number,
    fric2d: number,
    thr: number,
    dt0: number,
    gdt0: number,
    theta: number,
  ): void;
  limitRow(
    h: number,
    kind: number,
    x: number,
    n: number,
    s: number,
    base: number,
    cLo: number,
    cHi: number,
    dt: number,
    dx: number,
  ): void;
  limitRowLts(
    h: number,
    kind: number,
    levels: number,
    touch: number,
    dtLevel: number,
    x: number,
    n: number,
    s: number,
    edges: number,
    r: number,
    nx: number,
    ny: number,
    lo: number,
    hi: number,
    jf: number,
    dx: number,
  ): void;
  updateRow(
    pointers: number,
    sums: number,
    r: number,
    cLo: number,
    cHi: number,
    nx: number,
    n: number,
    catchBase: number,
    rainMode: number,
    sinks: number,
    speed: number,
    dt: number,
    dtOverDx: number,
    riverNext: number,
    rainUniform: number,
    wA: number,
    wB: number,
    tNext: number,
    thr: number,
    wetDepth: number,
    hmax0: number,
  ): void;
  updateRowLts(
    pointers: number,
    sums: number,
    r: number,
    cLo: number,
    cHi: number,
    nx: number,
    ny: number,
    jf: number,
    first: number,
    rainAll: number,
    K: number,
    rainMode: number,
    nClass: number,
    sinks: number,
    speed: number,
    edges: number,
    catchBase: number,
    invDx: number,
    tApply: number,
    thr: number,
    wetDepth: number,
  ): void;
  levelsRaw(
    d: number,
    kind: number,
    raw: number,
    hLimit: number,
    nx: number,
    ny: number,
    a0: number,
    a1: number,
    K: number,
  ): void;
  levelsRing(raw: number, lv: number, nx: number, ny: number, f0: number, f1: number): void;
  commitSpan(
    lv: number,
    qN: number,
    qC: number,
    cellA: number,
    cellB: number,
    face: number,
    lo: number,
    hi: number,
    jf: number,
    first: number,
  ): void;
  storedRow(
    h: number,
    kind: number,
    z: number,
    acc: number,
    r: number,
    nx: number,
    n: number,
    stage: number,
    hmax0: number,
  ): void;
  levelSpans(
    lv: number,
    touch: number,
    cs: number,
    ts: number,
    nx: number,
    ny: number,
    f0: number,
    f1: number,
    K: number,
  ): void;
}

const modules: { shared?: WebAssembly.Module; plain?: WebAssembly.Module } = {};

/** Standard base64 to bytes (no host decoder needed: the core runs where `atob` or `Buffer` may be missing). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) value[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(new ArrayBuffer(Math.floor((clean.length * 3) / 4)));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = value[clean.charCodeAt(i)];
    if (v < 0) throw new Error(`not base64 at character ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** This thread's instance of the face kernel on `memory` (compiled once per thread and kind of memory). */
export function faceKernel(memory: WebAssembly.Memory): FaceKernel {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const key = shared ? 'shared' : 'plain';
  const module = (modules[key] ??= new WebAssembly.Module(fromBase64(shared ? FACES_WASM_SHARED : FACES_WASM_PLAIN)));
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as FaceKernel;
}
