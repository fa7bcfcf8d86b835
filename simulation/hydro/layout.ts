// The engine's state as flat typed arrays with named offsets, in one WebAssembly memory (shared between threads or
// not) so the same kernels, TypeScript and WebAssembly, run on one thread, on worker threads (Node) or in a browser
// Worker. Fields are Float64: the kernels compute in doubles anyway, so Float32 would only add a rounding per
// store, and doubles keep the ledger exact.
import { faceKernel } from './face-kernel.ts';
import type { FaceKernel } from './face-kernel.ts';
import { SimulationError } from '../errors.ts';
import { cbrtPortable } from './portable-math.ts';

/** Cell kinds: simulated, closed (building, NODATA, river interior), river edge held at the stage. */
export const OPEN = 0;
export const CLOSED = 1;
export const RIVER = 2;

/** Bed given to closed cells so every face touching them has zero flow depth without a branch. */
export const CLOSED_BED_M = 1e9;

/** Rows per reduction block: partial sums are kept per block and added in block order, whatever the threads. */
export const BLOCK_ROWS = 8;

/** h^(−7/3) for a depth h > 0 (0 for a dry cell): the friction factor of the local inertial equation. */
export function invDepth73(h: number): number {
  return h > 0 ? 1 / (h * h * cbrtPortable(h)) : 0;
}

/** h^(−1/3) for a depth h > 0 (0 for a dry cell). */
export function invRoot(h: number): number {
  return h > 0 ? 1 / cbrtPortable(h) : 0;
}

/** Per-block partial quantities (index into a block's slots). */
export const Q_STORED = 0;
export const Q_RAIN = 1;
export const Q_INFIL = 2;
export const Q_DRAIN = 3;
export const Q_TRUCK = 4;
export const Q_INFLOW = 5;
export const Q_BIN = 6;
export const Q_BOUT = 7;
export const Q_HMAX = 8;
export const Q_CELLS = 9;
export const NQ = 10;

/** Shared control slots (Float64), written by the run's owner before the step's second pass. */
export const C_RAIN_MODE = 0; // 0 none, 1 uniform depth, 2 per-cell windows
export const C_RAIN_DEPTH_M = 1; // uniform rain over the step (m)
export const C_RAIN_WEIGHT_A = 2; // m per (mm/h) of window buffer A over the step
export const C_RAIN_WEIGHT_B = 3; // same for buffer B
export const C_RAIN_BUFFER_A = 4; // which rain buffer (0 or 1) is A
export const C_TRUCK_COUNT = 5;
export const C_T_END = 6;
export const C_RAIN_EDGE_S = 7; // time the step passes from window A to B (Infinity within one window)
export const NC = 8;

/** Maximum (cell, rate) entries for pump-truck sinks. */
export const MAX_TRUCK_ENTRIES = 4096;

/** Sizes that fix the layout; identical in every thread. */
export interface LayoutSizes {
  nx: number;
  ny: number;
  /** Catchment slots: 1 + number of catchments (slot 0 = cells with no catchment). */
  catchSlots: number;
  /** Infiltration classes: 1 + number of Horton classes (the last has none). */
  infilClasses: number;
  /** Threads (row bands) the engine runs on: each has a scratch region in the memory. */
  threads: number;
  trackMaxSpeed: boolean;
  hasSinks: boolean;
}

/** All arrays of the engine; the buffers behind them are what threads share. */
export interface HydroArrays {
  sizes: LayoutSizes;
  /** Bed used by the kernel (closed cells at CLOSED_BED_M). */
  z: Float64Array;
  kind: Uint8Array;
  /** g·n² on x faces ((nx+1)·ny) and y faces (nx·(ny+1)); edge faces use the edge cell's n. */
  gn2x: Float64Array;
  gn2y: Float64Array;
  h: Float64Array;
  /** h^(−7/3) per cell (0 where dry), kept with h so the friction term needs no cube root on most faces. */
  hInv73: Float64Array;
  /** h^(−1/3) per cell (0 where dry), the starting point for the next step's root. */
  hRoot: Float64Array;
  /** Unit discharges (m²/s), two buffers each: x faces positive east, y faces positive south (row + 1). */
  qx: [Float64Array, Float64Array];
  qy: [Float64Array, Float64Array];
  /** Per row: [lo, hi] columns holding water (h > 0), two buffers; lo > hi when the row is dry. */
  range: [Int32Array, Int32Array];
  /** Per face row and q buffer: [lo, hi] columns that may be non-zero. */
  qxDirty: [Int32Array, Int32Array];
  qyDirty: [Int32Array, Int32Array];
  /** Mean rain (mm/h) of two consecutive windows when it varies in space. */
  rainMmPerH: [Float32Array, Float32Array];
  infilClass: Uint8Array;
  /** Sewer inlet capacity (m/s of depth). */
  drainMPerS: Float64Array;
  /** Catchment slot per cell (0 = none). */
  catchSlot: Int32Array;
  maxDepthM: Float64Array;
  firstWetS: Float64Array;
  maxSpeedMPerS: Float64Array;
  /** Per block NQ partials, and per block per catchment slot drained volume. */
  blockQ: Float64Array;
  blockCatch: Float64Array;
  control: Float64Array;
  truckCell: Int32Array;
  truckRate: Float64Array;
  /** Depth (m) each sink entry has taken since the sinks were last set. */
  truckTakenM: Float64Array;
  /** 1 = pump station failed, per station. */
  pumpFailed: Uint8Array;
  /** Barrier and command words. */
  sync: Int32Array;
  /** The memory behind every view (post it to a worker) and this thread's instance of the face kernel on it. */
  memory: WebAssembly.Memory;
  kernel: FaceKernel;
  /** Byte offsets of the arrays every face call passes (read once, not per call). */
  ptr: { kind: number; h: number; hInv73: number; hRoot: number; z: number; gn2x: number; gn2y: number };
  /** Which of the memory's thread scratch regions is this thread's (`claimScratch`): its band's index. */
  scratchRegion: number;
  stations: number;
}

/** What another thread needs to rebuild the views with `viewArrays`. */
export interface ArrayBuffers {
  sizes: LayoutSizes;
  stations: number;
  memory: WebAssembly.Memory;
}

/** Levels of local time stepping a thread's step lengths are kept for (LTS_MAX_LEVELS + 1 in kernel-config.ts). */
export const LEVEL_SLOTS = 7;

/** One thread's private arrays that the WebAssembly kernels read or write, in the engine's memory. */
export interface ThreadScratch {
  /** Local time stepping level per cell (this thread's rows and those around them), and the lowest level of each
   * cell and its neighbours. */
  levels: Uint8Array;
  touch: Uint8Array;
  /** Local time stepping's working arrays: each cell's level from its own depth and its neighbours', before the
   * ring around it; the depth that sets a cell's step (CFL depth); per level the deepest water its step allows. */
  rawLevels: Uint8Array;
  cflDepth: Float64Array;
  hLimit: Float64Array;
  /** Per level j and row: [lo, hi] of cells of level ≤ j, and of cells with themselves or a neighbour ≤ j. */
  cellSpan: Int32Array;
  touchSpan: Int32Array;
  /** Two x-face rows and three y-face rows of faces just outside the thread's band. */
  haloX: Float64Array;
  haloY: Float64Array;
  /** Per level: step (s) and g·dt/dx. */
  dtLevel: Float64Array;
  gdtLevel: Float64Array;
  /** Per class, infiltration over the step (m); per catchment slot, the share of its inlets open. */
  infilDepthM: Float64Array;
  catchFactor: Float64Array;
  /** Per level: rain (m per mm/h of rain buffers A and B; uniform, m), river stage (m). */
  rainLevelA: Float64Array;
  rainLevelB: Float64Array;
  rainLevelDepthM: Float64Array;
  riverStageLevelM: Float64Array;
  /** Per level and class: infiltration over a period of that level (m). */
  infilLevelM: Float64Array;
  /** Where the update kernels (global step; local time stepping) find their arrays (byte offsets), and a row's sums. */
  updatePointers: Uint32Array;
  ltsPointers: Uint32Array;
  updateSums: Float64Array;
}

/**
 * This thread's private scratch: region `a.scratchRegion` of those `allocateArrays` left after the arrays, one per
 * thread (the memory never grows, so no thread's views ever change).
 */
export function claimScratch(a: HydroArrays): ThreadScratch {
  if (!(a.scratchRegion >= 0 && a.scratchRegion < a.sizes.threads))
    throw new RangeError(`thread scratch region ${a.scratchRegion} of ${a.sizes.threads}`);
  let at = scratchBase(a.sizes, a.stations) + a.scratchRegion * scratchBytes(a.sizes);
  const buf = a.memory.buffer;
  const ctors = { f64: Float64Array, i32: Int32Array, u32: Uint32Array, u8: Uint8Array } as const;
  const out: Record<string, ArrayBufferView> = {};
  for (const [name, [t, len]] of Object.entries(scratchSpecs(a.sizes))) {
    out[name] = new ctors[t](buf, at, len);
    at += align8(len * SCRATCH_BYTES[t]);
  }
  const scratch = out as unknown as ThreadScratch;
  scratch.catchFactor.fill(1);
  return scratch;
}

type ScratchSpec = [ctor: 'f64' | 'i32' | 'u32' | 'u8', length: number];
const SCRATCH_BYTES = { f64: 8, i32: 4, u32: 4, u8: 1 } as const;

/** One thread's scratch arrays, in the order they lie in its region (each from an 8-byte boundary). */
function scratchSpecs(s: LayoutSizes): Record<keyof ThreadScratch, ScratchSpec> {
  const n = s.nx * s.ny;
  return {
    levels: ['u8', n],
    touch: ['u8', n],
    rawLevels: ['u8', n],
    cflDepth: ['f64', n],
    hLimit: ['f64', LEVEL_SLOTS],
    cellSpan: ['i32', LEVEL_SLOTS * 2 * s.ny],
    touchSpan: ['i32', LEVEL_SLOTS * 2 * s.ny],
    haloX: ['f64', 2 * (s.nx + 1)],
    haloY: ['f64', 3 * s.nx],
    dtLevel: ['f64', LEVEL_SLOTS],
    gdtLevel: ['f64', LEVEL_SLOTS],
    infilDepthM: ['f64', Math.max(1, s.infilClasses)],
    catchFactor: ['f64', Math.max(1, s.catchSlots)],
    rainLevelA: ['f64', LEVEL_SLOTS],
    rainLevelB: ['f64', LEVEL_SLOTS],
    rainLevelDepthM: ['f64', LEVEL_SLOTS],
    riverStageLevelM: ['f64', LEVEL_SLOTS],
    infilLevelM: ['f64', LEVEL_SLOTS * Math.max(1, s.infilClasses)],
    updatePointers: ['u32', UPDATE_POINTERS],
    ltsPointers: ['u32', LTS_POINTERS],
    updateSums: ['f64', UPDATE_SUMS],
  };
}

type Spec = [ctor: 'f64' | 'f32' | 'i32' | 'u8', length: number];

function specs(s: LayoutSizes, stations: number): Spec[] {
  const n = s.nx * s.ny;
  const nb = Math.ceil(s.ny / BLOCK_ROWS);
  const sink = s.hasSinks ? n : 0;
  return [
    ['f64', n], // z
    ['u8', n], // kind
    ['f64', (s.nx + 1) * s.ny], // gn2x
    ['f64', s.nx * (s.ny + 1)], // gn2y
    ['f64', n], // h
    ['f64', n], // hInv73
    ['f64', n], // hRoot
    ['f64', (s.nx + 1) * s.ny],
    ['f64', (s.nx + 1) * s.ny],
    ['f64', s.nx * (s.ny + 1)],
    ['f64', s.nx * (s.ny + 1)],
    ['i32', 2 * s.ny],
    ['i32', 2 * s.ny],
    ['i32', 2 * s.ny],
    ['i32', 2 * s.ny],
    ['i32', 2 * (s.ny + 1)],
    ['i32', 2 * (s.ny + 1)],
    ['f32', n], // rain windows
    ['f32', n],
    ['u8', sink],
    ['f64', sink],
    ['i32', sink],
    ['f64', n], // maxDepth
    ['f64', n], // firstWet
    ['f64', s.trackMaxSpeed ? n : 0],
    ['f64', nb * NQ],
    ['f64', nb * s.catchSlots],
    ['f64', NC],
    ['i32', MAX_TRUCK_ENTRIES],
    ['f64', MAX_TRUCK_ENTRIES],
    ['f64', MAX_TRUCK_ENTRIES],
    ['u8', Math.max(1, stations)],
    ['i32', 16],
  ];
}

const BYTES = { f64: 8, f32: 4, i32: 4, u8: 1 } as const;

/** WebAssembly page size (bytes). Page 0 is left to the kernel module; the arrays start at page 1. */
const PAGE = 65536;
/** Most pages a memory may have (4 GiB, WebAssembly's 32-bit limit). */
const MAX_PAGES = 65536;

/** Pointers (u32) the update kernel reads its arrays' places from, and the f64 sums it returns per row. */
export const UPDATE_POINTERS = 18;
export const UPDATE_SUMS = 9;
/** Pointers (u32) the local-time-step update kernel reads. */
export const LTS_POINTERS = 27;

/** Bytes of one thread's private kernel scratch (see `claimScratch`). */
function scratchBytes(s: LayoutSizes): number {
  return Object.values(scratchSpecs(s)).reduce((sum, [t, len]) => sum + align8(len * SCRATCH_BYTES[t]), 0);
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Where the thread scratch regions start: after the arrays. */
function scratchBase(sizes: LayoutSizes, stations: number): number {
  return PAGE + specs(sizes, stations).reduce((n, [t, len]) => n + align8(Math.max(8, len * BYTES[t])), 0);
}

/**
 * Allocates the engine's arrays in one WebAssembly memory (the kernels work on them in place), shared between
 * threads when `shared`, followed by a private scratch region for each of `sizes.threads` threads.
 */
export function allocateArrays(sizes: LayoutSizes, stations: number, shared: boolean): HydroArrays {
  const bytes = scratchBase(sizes, stations) + sizes.threads * scratchBytes(sizes);
  const pages = Math.ceil(bytes / PAGE);
  const grid = `a ${sizes.nx} × ${sizes.ny} grid on ${sizes.threads} thread(s) needs ${Math.ceil(bytes / 2 ** 20)} MB`;
  const hint = 'use a larger cell size or a smaller area';
  if (pages > MAX_PAGES) throw new SimulationError(`${grid}, more than the engine's 4 GiB`, { input: 'grid' }, hint);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
  } catch (e) {
    throw new SimulationError(`${grid} and could not get it (${(e as Error).message})`, { input: 'grid' }, hint);
  }
  return viewArrays({ sizes, stations, memory }, 0);
}

/** Typed-array views over a memory made by `allocateArrays` (in this or another thread); `region`: the thread's. */
export function viewArrays(b: ArrayBuffers, region: number): HydroArrays {
  const sp = specs(b.sizes, b.stations);
  const buf = b.memory.buffer;
  let at = PAGE;
  const v = sp.map(([t, len]) => {
    const off = at;
    at += align8(Math.max(8, len * BYTES[t]));
    if (t === 'f64') return new Float64Array(buf, off, len);
    if (t === 'f32') return new Float32Array(buf, off, len);
    if (t === 'i32') return new Int32Array(buf, off, len);
    return new Uint8Array(buf, off, len);
  });
  let k = 0;
  const next = <T>(): T => v[k++] as T;
  const a: HydroArrays = {
    sizes: b.sizes,
    memory: b.memory,
    kernel: faceKernel(b.memory),
    scratchRegion: region,
    stations: b.stations,
    z: next(),
    kind: next(),
    gn2x: next(),
    gn2y: next(),
    h: next(),
    hInv73: next(),
    hRoot: next(),
    qx: [next(), next()],
    qy: [next(), next()],
    range: [next(), next()],
    qxDirty: [next(), next()],
    qyDirty: [next(), next()],
    rainMmPerH: [next(), next()],
    infilClass: next(),
    drainMPerS: next(),
    catchSlot: next(),
    maxDepthM: next(),
    firstWetS: next(),
    maxSpeedMPerS: next(),
    blockQ: next(),
    blockCatch: next(),
    control: next(),
    truckCell: next(),
    truckRate: next(),
    truckTakenM: next(),
    pumpFailed: next(),
    sync: next(),
    ptr: { kind: 0, h: 0, hInv73: 0, hRoot: 0, z: 0, gn2x: 0, gn2y: 0 },
  };
  for (const key of Object.keys(a.ptr) as (keyof HydroArrays['ptr'])[]) a.ptr[key] = a[key].byteOffset;
  return a;
}
