// The engine's state as flat typed arrays with named offsets, allocated on ArrayBuffer or SharedArrayBuffer so
// the same kernels run on one thread, on worker threads (Node) or in a browser Worker. Fields are Float64: V8
// computes in doubles anyway, so Float32 would only add a rounding per store, and doubles keep the ledger exact.
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
  /** The buffers behind every view, in layout order (post these to a worker). */
  buffers: ArrayBufferLike[];
  stations: number;
}

/** The buffers to hand to another thread (it rebuilds the views with `viewArrays`). */
export interface ArrayBuffers {
  sizes: LayoutSizes;
  stations: number;
  buffers: ArrayBufferLike[];
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

/** Allocates the engine's arrays, on SharedArrayBuffers when `shared`. */
export function allocateArrays(sizes: LayoutSizes, stations: number, shared: boolean): HydroArrays {
  const buffers = specs(sizes, stations).map(([t, len]) =>
    shared ? new SharedArrayBuffer(Math.max(8, len * BYTES[t])) : new ArrayBuffer(Math.max(8, len * BYTES[t])),
  );
  return viewArrays({ sizes, stations, buffers });
}

/** Typed-array views over buffers made by `allocateArrays` (in this or another thread). */
export function viewArrays(b: ArrayBuffers): HydroArrays {
  const sp = specs(b.sizes, b.stations);
  const v = sp.map(([t, len], i) => {
    const buf = b.buffers[i];
    if (t === 'f64') return new Float64Array(buf, 0, len);
    if (t === 'f32') return new Float32Array(buf, 0, len);
    if (t === 'i32') return new Int32Array(buf, 0, len);
    return new Uint8Array(buf, 0, len);
  });
  let k = 0;
  const next = <T>(): T => v[k++] as T;
  return {
    sizes: b.sizes,
    buffers: b.buffers,
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
  };
}
