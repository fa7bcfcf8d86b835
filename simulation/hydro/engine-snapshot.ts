// The flood engine's changing state as plain data: every array the kernels write (depths, the cube-root seeds, both
// discharge buffers and their dirty ranges, rain windows, maxima, block partials, sinks, pump failures), the step
// driver's clock and sewer storage, and the owner's ledger — all a bit-identical resume needs, and nothing static.
import { SimulationError } from '../errors.ts';
import type { HydroArrays } from './layout.ts';
import type { ModelSpec } from './model.ts';
import type { OwnerState } from './run-owner.ts';

/** Arrays the kernels and the owner change during a run (pairs are stored as name0, name1). */
const MUTABLE = [
  'h',
  'hInv73',
  'hRoot',
  'qx',
  'qy',
  'range',
  'qxDirty',
  'qyDirty',
  'rainMmPerH',
  'maxDepthM',
  'firstWetS',
  'maxSpeedMPerS',
  'blockQ',
  'blockCatch',
  'control',
  'truckCell',
  'truckRate',
  'truckTakenM',
  'pumpFailed',
] as const;

type Mutable = Float64Array | Float32Array | Int32Array | Uint8Array;

/** The engine at one moment, restorable onto an engine built from the same rasters and options. */
export interface FloodEngineSnapshot {
  version: 1;
  /** Grid size, cell size, stations and a hash of the bed and cell kinds: what the snapshot fits. */
  fingerprint: string;
  arrays: Record<string, Mutable>;
  driver: { tS: number; cur: number; steps: number; sewerM3: Float64Array; liftedM3: Float64Array };
  owner: OwnerState;
}

/** Copies the mutable arrays. */
export function copyArrays(a: HydroArrays): Record<string, Mutable> {
  const out: Record<string, Mutable> = {};
  for (const name of MUTABLE) {
    const v = a[name] as Mutable | [Mutable, Mutable];
    if (Array.isArray(v)) v.forEach((x, i) => (out[`${name}${i}`] = x.slice()));
    else out[name] = v.slice();
  }
  return out;
}

/** Writes arrays from `copyArrays` back, checking every length. */
export function loadArrays(a: HydroArrays, saved: Record<string, Mutable>): void {
  for (const name of MUTABLE) {
    const v = a[name] as Mutable | [Mutable, Mutable];
    const targets = Array.isArray(v) ? v.map((x, i) => [x, `${name}${i}`] as const) : [[v, name] as const];
    for (const [target, key] of targets) {
      const src = saved[key];
      if (!src || src.length !== target.length || src.constructor !== target.constructor)
        throw new SimulationError(
          `array ${key} does not fit this engine`,
          { input: 'engine snapshot' },
          'restore onto an engine built from the same rasters and options',
        );
      target.set(src as never);
    }
  }
}

/** What a snapshot must match: sizes, stations, and an FNV-1a hash of the bed and kinds. */
export function modelFingerprint(spec: ModelSpec, a: HydroArrays): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array): void => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  };
  mix(new Uint8Array(a.z.buffer, a.z.byteOffset, a.z.byteLength));
  mix(new Uint8Array(a.kind.buffer, a.kind.byteOffset, a.kind.byteLength));
  const c = spec.cfg;
  return `${c.nx}x${c.ny}@${c.dxM}m;stations=${spec.stationIds.join(',')};slots=${c.catchSlots};bed=${h.toString(16)}`;
}

/** Refuses a snapshot made for another model, saying what differs. */
export function checkFingerprint(saved: FloodEngineSnapshot, here: string): void {
  if (saved?.version !== 1)
    throw new SimulationError('is not a flood engine snapshot (version 1)', { input: 'engine snapshot' });
  if (saved.fingerprint !== here)
    throw new SimulationError(
      `was made for ${saved.fingerprint}, this engine is ${here}`,
      { input: 'engine snapshot' },
      'restore onto an engine built from the same grid, terrain and pump stations',
    );
}
