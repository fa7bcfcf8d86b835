// Local time stepping (docs/local-time-stepping.md): cells step 2^k times the CFL step by the depth around them.
// The same checks as the global step's, on cases where levels really differ: still water stays still across level
// interfaces, the analytic wet/dry front, exact conservation and positivity with every source and sink at work.
import { describe, expect, it } from 'vitest';
import { constantRainField, FloodEngine, hydrographFromPairs } from '../../../simulation/hydro/index.ts';
import { roughBed, seededRandom } from './helpers.ts';

describe('local time stepping', () => {
  it('keeps a lake at rest still across level interfaces (deep pits next to shallow shelves)', () => {
    const nx = 60;
    const ny = 50;
    const n = nx * ny;
    const rnd = seededRandom(17);
    const bedM = new Float32Array(n);
    const depth = new Float64Array(n);
    const buildingMask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      // Mostly a shelf 5–40 cm under the surface, some pits 3–4 m deep, some dry islands, some buildings.
      const p = rnd();
      bedM[i] = p < 0.05 ? -2.5 + rnd() : p < 0.15 ? 1.6 + rnd() * 0.3 : 1.1 + rnd() * 0.35;
      depth[i] = Math.max(0, 1.5 - bedM[i]);
      if (rnd() < 0.03) buildingMask[i] = 1;
    }
    const options = { trackMaxSpeed: true, localTimeStep: 3 };
    const run = new FloodEngine(
      { nx, ny, cellM: 2, bedM, manningN: 0.03, buildingMask, initialDepthM: depth },
      options,
    );
    run.advanceTo(1800);
    // Fewer cell updates than a global step would need: the pits set dt0, most of the shelf steps 2–8 times longer.
    const global = new FloodEngine({ nx, ny, cellM: 2, bedM, manningN: 0.03, buildingMask, initialDepthM: depth });
    global.advanceTo(1800);
    expect(run.stats().activeCellSteps).toBeLessThan(0.85 * global.stats().activeCellSteps);
    let vMax = 0;
    for (const v of run.maxSpeedMPerS()) vMax = Math.max(vMax, v);
    expect(vMax).toBeLessThanOrEqual(1e-10);
    const h = run.depthM();
    for (let i = 0; i < n; i++) if (!buildingMask[i]) expect(Math.abs(h[i] - depth[i])).toBeLessThanOrEqual(1e-12);
  });

  it('matches the analytic wet/dry front (Hunter et al. 2005) within the global step’s tolerance', () => {
    // As analytic.test.ts: depth within 3 % from x = 0 to 600 m behind the front, front within 100 m of u·t; the
    // depth falls from 2.4 m at the inlet to nothing at the front, so levels run from 0 to 3 along the plane.
    const n = 0.03;
    const u = 1;
    const dx = 5;
    const tS = 3600;
    const h = (x: number, t: number) => (x < u * t ? Math.pow((7 / 3) * n * n * u * u * (u * t - x), 3 / 7) : 0);
    const nx = 1000;
    const pairs: [number, number][] = [];
    for (let t = 0; t <= tS; t += 1) pairs.push([t, u * h(0, t) * dx]);
    const inflows = [{ name: 'q = u·h(0, t)', cells: [0], dischargeM3PerS: hydrographFromPairs(pairs, 'q') }];
    const run = new FloodEngine(
      { nx, ny: 1, cellM: dx, bedM: new Float32Array(nx), manningN: n },
      { inflows, localTimeStep: 3, maxDtS: 20, rainWindowS: 60 },
    );
    run.advanceTo(tS);
    const depth = run.depthM();
    let worst = 0;
    for (let c = 0; c * dx <= u * tS - 600; c++)
      worst = Math.max(worst, Math.abs(depth[c] - h(c * dx, tS)) / h(c * dx, tS));
    expect(worst).toBeLessThan(0.03);
    let front = 0;
    while (depth[front] > 0.01) front++;
    expect(Math.abs(front * dx - u * tS)).toBeLessThan(100);
    const l = run.ledger();
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-12);
    expect(l.storedM3).toBeCloseTo(l.inflowM3, 6);
  });

  it('conserves water exactly and keeps every depth non-negative with rain, losses, inlets, river, edges and trucks', () => {
    const nx = 48;
    const ny = 40;
    const n = nx * ny;
    const cellM = 3;
    const rnd = seededRandom(99);
    const catchmentId = Int32Array.from({ length: n }, (_, i) => (i % nx < nx / 2 ? 0 : 1));
    const rasters = {
      nx,
      ny,
      cellM,
      bedM: roughBed(nx, ny, 21, 1),
      manningN: 0.015,
      buildingMask: Uint8Array.from({ length: n }, () => (rnd() < 0.05 ? 1 : 0)),
      riverMask: Uint8Array.from({ length: n }, (_, i) => (i % nx < 2 ? 1 : 0)),
      infiltrationClass: Uint8Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0)),
      drainCapacityMmPerH: Float32Array.from({ length: n }, () => 20 + 40 * rnd()),
      catchmentId,
    };
    const run = new FloodEngine(rasters, {
      rain: constantRainField(200, 2400),
      riverStageM: hydrographFromPairs(
        [
          [0, 3],
          [2400, 4.5],
        ],
        'stage',
      ),
      edges: { east: { kind: 'free' }, south: { kind: 'free' }, north: { kind: 'stage', stageM: 3.6 } },
      inflows: [
        {
          name: 'pipe',
          cells: [20 * nx + 30],
          dischargeM3PerS: hydrographFromPairs(
            [
              [0, 0],
              [900, 2],
              [1800, 0],
            ],
            'q',
          ),
        },
      ],
      pumpStations: [
        { id: 'west', catchmentId: 0, capacityM3PerS: 0.05, storageM3: 30 },
        { id: 'east', catchmentId: 1, capacityM3PerS: 0.2, storageM3: 10, failed: true },
      ],
      localTimeStep: 3,
    });
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
    for (const k of ['rainM3', 'inflowM3', 'infiltratedM3', 'drainedM3', 'pumpedM3', 'boundaryInM3', 'boundaryOutM3'])
      expect(l[k as keyof typeof l], k).toBeGreaterThan(0);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-12);
  });

  it('refuses a level count it cannot run, saying what it takes', () => {
    const rasters = { nx: 3, ny: 2, cellM: 1, bedM: new Float32Array(6), manningN: 0.03 };
    expect(() => new FloodEngine(rasters, { localTimeStep: 9 })).toThrow(/local time step levels 9 .* 0 to 6/);
    expect(() => new FloodEngine(rasters, { localTimeStep: 1.5 })).toThrow(/whole number/);
  });
});
