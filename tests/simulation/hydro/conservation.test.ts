// Conservation and positivity: a closed basin holds exactly the rain that fell (uniform and spatial rain), and
// no depth ever goes negative on a rough bed under strong rain with every sink at work.
import { describe, expect, it } from 'vitest';
import { constantRainField, FloodEngine } from '../../../simulation/hydro/index.ts';
import type { RainField } from '../../../simulation/rain/index.ts';
import { roughBed, seededRandom } from './helpers.ts';

const nx = 48;
const ny = 40;
const n = nx * ny;
const cellM = 3;

function buildings(seed: number): Uint8Array {
  const rnd = seededRandom(seed);
  return Uint8Array.from({ length: n }, () => (rnd() < 0.05 ? 1 : 0));
}

/** Rain that moves across the grid: 0–150 mm/h, different in every cell and window (no uniform fast path). */
function movingRain(): RainField {
  // Rate 75·(1 + sin(a − t/200)) with a phase a per cell; its exact mean over [t0, t1] comes from the cosine.
  const mean = (i: number, t0: number, t1: number) => {
    const a = (i % nx) * 0.3 + Math.floor(i / nx) * 0.2;
    return 75 + (75 * 200 * (Math.cos(a - t1 / 200) - Math.cos(a - t0 / 200))) / (t1 - t0);
  };
  return {
    endS: 1200,
    fillMean(t0, t1, out) {
      const b = Math.min(t1, 1200);
      for (let i = 0; i < out.length; i++) out[i] = b > t0 ? (mean(i, t0, b) * (b - t0)) / (t1 - t0) : 0;
    },
    uniformMean: () => NaN,
    depthMm(i, t0, t1) {
      const b = Math.min(t1, 1200);
      return b > t0 ? (mean(i, t0, b) * (b - t0)) / 3600 : 0;
    },
  };
}

describe('closed basin under rain', () => {
  it('holds exactly the uniform rain that fell', () => {
    const buildingMask = buildings(3);
    const run = new FloodEngine(
      { nx, ny, cellM, bedM: roughBed(nx, ny, 11), manningN: 0.02, buildingMask },
      { rain: constantRainField(100, 1800) },
    );
    for (let t = 300; t <= 3600; t += 300) run.advanceTo(t);
    let open = 0;
    for (let i = 0; i < n; i++) if (!buildingMask[i]) open++;
    const fell = (100 / 3.6e6) * 1800 * open * cellM * cellM;
    const l = run.ledger();
    expect(l.rainM3 / fell - 1).toBeCloseTo(0, 12);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-6);
    expect(Math.abs(l.storedM3 / fell - 1)).toBeLessThan(1e-6);
    expect(l.boundaryOutM3 + l.boundaryInM3 + l.drainedM3 + l.infiltratedM3).toBe(0);
  });

  it('holds exactly the rain of a field that varies in space and time', () => {
    const buildingMask = buildings(5);
    const rain = movingRain();
    const run = new FloodEngine(
      { nx, ny, cellM, bedM: roughBed(nx, ny, 12), manningN: 0.02, buildingMask },
      { rain, rainWindowS: 60 },
    );
    run.advanceTo(1500);
    let fellMm = 0;
    for (let i = 0; i < n; i++) if (!buildingMask[i]) fellMm += rain.depthMm(i, 0, 1500);
    const fell = (fellMm / 1000) * cellM * cellM;
    const l = run.ledger();
    // Window means of an exact integral: the volume agrees to rounding (the field is Float32 per window).
    expect(Math.abs(l.rainM3 / fell - 1)).toBeLessThan(1e-6);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-6);
  });
});

describe('positivity', () => {
  it('never lets a depth go negative under strong rain with infiltration, inlets, failed pumps and trucks', () => {
    const rnd = seededRandom(99);
    const infiltrationClass = Uint8Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
    const catchmentId = Int32Array.from({ length: n }, (_, i) => (i % nx < nx / 2 ? 0 : 1));
    const drainCapacityMmPerH = Float32Array.from({ length: n }, () => 20 + 40 * rnd());
    const run = new FloodEngine(
      {
        nx,
        ny,
        cellM,
        bedM: roughBed(nx, ny, 21, 1),
        manningN: 0.015,
        buildingMask: buildings(8),
        infiltrationClass,
        drainCapacityMmPerH,
        catchmentId,
      },
      {
        rain: constantRainField(200, 2400),
        edges: { east: { kind: 'free' }, south: { kind: 'free' } },
        pumpStations: [
          { id: 'west', catchmentId: 0, capacityM3PerS: 0.05, storageM3: 30 },
          { id: 'east', catchmentId: 1, capacityM3PerS: 0.2, storageM3: 10, failed: true },
        ],
      },
    );
    const trucks = [
      { cells: [5 * nx + 5, 5 * nx + 6], rateM3PerS: 0.5 },
      { cells: [30 * nx + 40], rateM3PerS: 2 },
    ];
    for (let t = 60; t <= 3600; t += 60) {
      run.setTruckSinks(trucks);
      if (t === 1200) run.setPumpStationFailed('west', true);
      run.advanceTo(t);
      const h = run.depthM();
      let min = Infinity;
      for (let i = 0; i < n; i++) min = Math.min(min, h[i]);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(min)).toBe(true);
    }
    const l = run.ledger();
    expect(l.rainM3).toBeGreaterThan(0);
    expect(l.infiltratedM3).toBeGreaterThan(0);
    expect(l.drainedM3).toBeGreaterThan(0);
    expect(l.pumpedM3).toBeGreaterThan(0);
    expect(l.boundaryOutM3).toBeGreaterThan(0);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-6);
    // A failed station with full storage takes nothing more: the east catchment drained at most its storage.
    const east = run.pumpStations().find((p) => p.id === 'east')!;
    expect(east.liftedToRiverM3).toBe(0);
    expect(east.sewerStoredM3).toBeLessThanOrEqual(10 + 1e-9);
  });
});
