// Snapshot and restore of the flood engine: a fresh engine built from the same rasters continues bit for bit, with
// rain varying in space (so the held rain windows matter), drains behind pump stations, a station failing, truck sinks,
// infiltration, a river held at a stage and point series.
import { describe, expect, it } from 'vitest';
import {
  FloodEngine,
  hydrographFromPairs,
  type FloodOptions,
  type FloodRunBase,
} from '../../../simulation/hydro/index.ts';
import { ThreadedFloodEngine, threadedEngines } from '../../../simulation/hydro/threads.node.ts';
import type { RainField } from '../../../simulation/rain/rain-field.ts';

const nx = 30;
const ny = 24;
const n = nx * ny;

/** Rain that moves west to east and varies in time, so every rain window differs. */
function movingRain(): RainField {
  const rate = (i: number, t: number) => {
    const c = i % nx;
    return Math.max(0, 80 * Math.sin((Math.PI * t) / 3600) * (1 - Math.abs(c - (nx * t) / 3600) / nx));
  };
  return {
    endS: 3600,
    fillMean(t0, t1, out) {
      const tm = t1 > t0 ? 0.5 * (t0 + t1) : t0;
      for (let i = 0; i < n; i++) out[i] = rate(i, tm);
    },
    uniformMean: () => NaN,
    depthMm: (i, t0, t1) => (rate(i, 0.5 * (t0 + t1)) * (t1 - t0)) / 3600,
  };
}

function rasters() {
  const bedM = new Float32Array(n);
  const riverMask = new Uint8Array(n);
  const catchmentId = new Int32Array(n);
  const infiltrationClass = new Uint8Array(n);
  const buildingMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / nx);
    const c = i % nx;
    bedM[i] = 3 + 0.02 * c + 0.3 * Math.sin(r / 3) * Math.cos(c / 4) + (r === 10 && c > 4 && c < 9 ? -1.5 : 0);
    riverMask[i] = r >= ny - 2 ? 1 : 0;
    catchmentId[i] = c < nx / 2 ? 0 : 1;
    infiltrationClass[i] = (r + c) % 5 === 0 ? 1 : 0;
    buildingMask[i] = r > 3 && r < 6 && c > 20 && c < 24 ? 1 : 0;
  }
  for (let i = 0; i < n; i++) if (riverMask[i]) bedM[i] = 0;
  return {
    nx,
    ny,
    cellM: 5,
    bedM,
    manningN: 0.025,
    riverMask,
    catchmentId,
    infiltrationClass,
    buildingMask,
    drainCapacityMmPerH: new Float32Array(n).fill(20),
  };
}

const options = (): FloodOptions => ({
  rain: movingRain(),
  riverStageM: hydrographFromPairs(
    [
      [0, 2.5],
      [3600, 3.2],
    ],
    'river stage',
  ),
  pumpStations: [
    { id: 'P1', catchmentId: 0, capacityM3PerS: 0.05, storageM3: 30 },
    { id: 'P2', catchmentId: 1, capacityM3PerS: 0.02, storageM3: 10 },
  ],
  edges: { north: { kind: 'free' }, east: { kind: 'free' }, south: { kind: 'closed' }, west: { kind: 'free' } },
  points: [{ name: 'pond', cell: 10 * nx + 6 }],
  outputEveryS: 60,
  theta: 0.7,
  trackMaxSpeed: true,
});

/** Control steps every 60 s to `endS`: a pump fails at 900 s, truck sinks change at 1200 and 1800 s. */
function drive(e: FloodRunBase, fromS: number, endS: number): void {
  for (let t = fromS + 60; t <= endS; t += 60) {
    e.advanceTo(t);
    if (t === 900) e.setPumpStationFailed('P1', true);
    if (t === 1200) e.setTruckSinks([{ cells: [10 * nx + 6, 10 * nx + 7], rateM3PerS: 0.02 }]);
    if (t === 1800)
      e.setTruckSinks([
        { cells: [10 * nx + 5], rateM3PerS: 0.01 },
        { cells: [3], rateM3PerS: 0.1 },
      ]);
  }
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function outputs(e: FloodRunBase) {
  return {
    depth: bytes(e.depthM()).toString('hex'),
    max: bytes(e.maxDepthM()).toString('hex'),
    wet: bytes(e.firstWetS()).toString('hex'),
    speed: bytes(e.maxSpeedMPerS()).toString('hex'),
    ledger: e.ledger(),
    stats: e.stats(),
    points: e.points(),
    pumps: e.pumpStations(),
    taken: [...e.pumpedBySinkM3()],
    tS: e.tS,
  };
}

describe('flood engine snapshot', () => {
  const whole = new FloodEngine(rasters(), options());
  drive(whole, 0, 3000);
  const expected = outputs(whole);

  it.each([600, 1200, 1500, 2400])('restored at %i s in a fresh engine, continues bit for bit', (t) => {
    const first = new FloodEngine(rasters(), options());
    drive(first, 0, t);
    const snap = structuredClone(first.snapshot());
    const second = new FloodEngine(rasters(), options());
    second.restore(snap);
    drive(second, t, 3000);
    expect(outputs(second)).toEqual(expected);
    expect(expected.ledger.rainM3).toBeGreaterThan(0);
    expect(expected.pumps[0].failed).toBe(true);
  });

  it.each([
    [3, 2, 1200],
    [2, 3, 1500],
    [1, 3, 2400],
    [3, 1, 600],
  ])(
    'on %i thread(s), restored at the step onto an engine on %i thread(s) at %i s, continues bit for bit',
    (from, to, t) => {
      const make = threadedEngines(from);
      const first = make(rasters(), options());
      drive(first, 0, t);
      const snap = structuredClone(first.snapshot());
      first.close();
      const second = threadedEngines(to)(rasters(), options());
      try {
        if (to > 1) expect(second).toBeInstanceOf(ThreadedFloodEngine);
        second.restore(snap);
        drive(second, t, 3000);
        expect(outputs(second)).toEqual(expected);
      } finally {
        second.close();
      }
    },
  );

  it('threaded engines refuse a thread count that is not a whole number', () => {
    expect(() => threadedEngines(0)).toThrow(/thread count 0/);
    expect(() => threadedEngines(1.5)).toThrow(/thread count 1.5/);
  });

  it('is a copy: the engine going on does not change it', () => {
    const e = new FloodEngine(rasters(), options());
    drive(e, 0, 600);
    const snap = e.snapshot();
    const h = snap.arrays.h.slice();
    drive(e, 600, 1200);
    expect(bytes(snap.arrays.h).equals(bytes(h))).toBe(true);
    expect(snap.driver.tS).toBe(600);
  });

  it('refuses a snapshot of another model, saying what differs', () => {
    const e = new FloodEngine(rasters(), options());
    drive(e, 0, 300);
    const snap = e.snapshot();
    const other = rasters();
    other.bedM[5] += 0.1;
    expect(() => new FloodEngine(other, options()).restore(snap)).toThrow(
      /was made for 30x24@5m.*restore onto an engine built from the same grid/,
    );
    const fewer = { ...options(), pumpStations: options().pumpStations!.slice(0, 1) };
    expect(() => new FloodEngine(rasters(), fewer).restore(snap)).toThrow(/stations=P1,P2/);
  });
});
