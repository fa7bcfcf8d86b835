// Sinks and boundaries: pump trucks, sewer inlets behind pump stations (working, under-sized, failed),
// Horton infiltration, and the river stage overtopping a flood wall.
import { describe, expect, it } from 'vitest';
import { constantRainField, FloodEngine, hydrographFromPairs } from '../../../simulation/hydro/index.ts';

const flat = (nx: number, ny: number, z = 0) => new Float32Array(nx * ny).fill(z);

describe('pump trucks', () => {
  it('a sink of rate r on a flooded cell lowers the stored volume by r·t', () => {
    const nx = 20;
    const ny = 20;
    const run = new FloodEngine({
      nx,
      ny,
      cellM: 5,
      bedM: flat(nx, ny),
      manningN: 0.03,
      initialDepthM: new Float64Array(nx * ny).fill(1),
    });
    const r = 0.5;
    run.setTruckSinks([{ cells: [10 * nx + 10], rateM3PerS: r }]);
    for (let t = 60; t <= 600; t += 60) run.advanceTo(t);
    const l = run.ledger();
    expect(l.stored0M3).toBeCloseTo(10000, 9);
    expect(l.pumpedM3).toBeCloseTo(r * 600, 6);
    expect(l.stored0M3 - l.storedM3).toBeCloseTo(r * 600, 6);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-9);
  });

  it('draws nothing from a dry cell and no more than the water present', () => {
    const nx = 10;
    const ny = 10;
    const depth = new Float64Array(nx * ny);
    depth[0] = 0.01; // 0.25 m³ in one corner cell
    const bed = flat(nx, ny);
    bed[1] = bed[nx] = 1; // walled in by higher cells
    const run = new FloodEngine({ nx, ny, cellM: 5, bedM: bed, manningN: 0.03, initialDepthM: depth });
    run.setTruckSinks([
      { cells: [0], rateM3PerS: 1 },
      { cells: [55], rateM3PerS: 1 },
    ]);
    run.advanceTo(120);
    expect(run.ledger().pumpedM3).toBeCloseTo(0.25, 12);
    expect(run.depthM()[0]).toBe(0);
    // Each sink's own take, as the fleet books it: the wet corner gave 0.25 m³, the dry cell nothing.
    const taken = run.pumpedBySinkM3();
    expect(taken[0]).toBeCloseTo(0.25, 12);
    expect(taken[1]).toBe(0);
    run.setTruckSinks([{ cells: [0], rateM3PerS: 1 }]);
    expect([...run.pumpedBySinkM3()]).toEqual([0]);
  });

  it('reports per sink what it took, adding up to the ledger, on one thread or two', async () => {
    const { createFloodRun } = await import('../../../simulation/hydro/threads.node.ts');
    const nx = 16;
    const ny = 16;
    const rasters = {
      nx,
      ny,
      cellM: 5,
      bedM: flat(nx, ny),
      manningN: 0.03,
      initialDepthM: new Float64Array(nx * ny).fill(0.2),
    };
    for (const threads of [1, 2]) {
      const run = await createFloodRun(rasters, {}, threads);
      run.setTruckSinks([
        { cells: [2 * nx + 2, 2 * nx + 3], rateM3PerS: 0.01 },
        { cells: [13 * nx + 12], rateM3PerS: 0.02 },
      ]);
      run.advanceTo(300);
      const taken = run.pumpedBySinkM3();
      expect(taken[0]).toBeCloseTo(0.01 * 300, 9);
      expect(taken[1]).toBeCloseTo(0.02 * 300, 9);
      expect(taken[0] + taken[1]).toBeCloseTo(run.ledger().pumpedM3, 9);
      run.close();
    }
  });
});

describe('sewer inlets and pump stations', () => {
  const nx = 10;
  const ny = 10;
  const cellM = 10;
  const area = nx * ny * cellM * cellM; // 10,000 m²
  const inletM3PerS = (50 / 3.6e6) * area; // 50 mm/h over the catchment: 0.1389 m³/s
  const rasters = () => ({
    nx,
    ny,
    cellM,
    bedM: flat(nx, ny),
    manningN: 0.03,
    initialDepthM: new Float64Array(nx * ny).fill(0.5),
    drainCapacityMmPerH: new Float32Array(nx * ny).fill(50),
    catchmentId: new Int32Array(nx * ny),
  });

  it('drains at the inlet capacity while the station keeps up', () => {
    const run = new FloodEngine(rasters(), { pumpStations: [{ id: 'P', catchmentId: 0, capacityM3PerS: 1 }] });
    run.advanceTo(1800);
    expect(run.ledger().drainedM3).toBeCloseTo(inletM3PerS * 1800, 6);
    expect(run.pumpStations()[0].liftedToRiverM3).toBeCloseTo(inletM3PerS * 1800, 6);
  });

  it('drains at the pump capacity when the station is smaller than its inlets', () => {
    const run = new FloodEngine(rasters(), { pumpStations: [{ id: 'P', catchmentId: 0, capacityM3PerS: 0.05 }] });
    run.advanceTo(1800);
    expect(run.ledger().drainedM3).toBeCloseTo(0.05 * 1800, 6);
  });

  it('backs up once the storage of a failed station is full, and recovers when it restarts', () => {
    const run = new FloodEngine(rasters(), {
      pumpStations: [{ id: 'P', catchmentId: 0, capacityM3PerS: 1, storageM3: 40, failed: true }],
    });
    run.advanceTo(1800);
    expect(run.ledger().drainedM3).toBeCloseTo(40, 6);
    expect(run.pumpStations()[0]).toMatchObject({ failed: true, liftedToRiverM3: 0 });
    run.setPumpStationFailed('P', false);
    run.advanceTo(3600);
    expect(run.ledger().drainedM3).toBeCloseTo(40 + inletM3PerS * 1800, 3);
    expect(Math.abs(run.ledger().relativeError)).toBeLessThan(1e-9);
  });
});

describe('infiltration', () => {
  it('green ground soaks up rain below its Horton capacity; paving does not', () => {
    const nx = 10;
    const ny = 10;
    const infiltrationClass = Uint8Array.from({ length: nx * ny }, (_, i) => (i < 50 ? 1 : 0));
    const bed = Float32Array.from({ length: nx * ny }, (_, i) => (i < 50 ? 1 : 0)); // green higher: no run-on onto it
    const run = new FloodEngine(
      { nx, ny, cellM: 5, bedM: bed, manningN: 0.03, infiltrationClass },
      { rain: constantRainField(10, 3600) },
    );
    run.advanceTo(3600);
    const l = run.ledger();
    // fc = 12.7 mm/h > 10 mm/h: the green half keeps nothing on the surface.
    expect(l.infiltratedM3).toBeCloseTo(l.rainM3 / 2, 3);
    expect(l.storedM3).toBeCloseTo(l.rainM3 / 2, 3);
  });
});

describe('river stage and flood wall', () => {
  // Columns 0–4 river (bed 0), column 5 a flood wall with crest 5 m, land beyond at 3 m.
  const nx = 30;
  const ny = 6;
  const bedM = Float32Array.from({ length: nx * ny }, (_, i) => (i % nx < 5 ? 0 : i % nx === 5 ? 5 : 3));
  const riverMask = Uint8Array.from({ length: nx * ny }, (_, i) => (i % nx < 5 ? 1 : 0));

  it('holds the river back while the stage is below the crest', () => {
    const run = new FloodEngine({ nx, ny, cellM: 5, bedM, manningN: 0.03, riverMask }, { riverStageM: 4.8 });
    run.advanceTo(1800);
    expect(run.ledger().boundaryInM3).toBe(0);
    expect(Math.max(...run.maxDepthM().filter((_, i) => i % nx > 5))).toBe(0);
  });

  it('overtops the wall when the stage rises above the crest, conserving the water that crossed', () => {
    const stage = hydrographFromPairs(
      [
        [0, 4.8],
        [600, 5.3],
        [1200, 5.3],
        [1800, 4.8],
      ],
      'stage',
    );
    const run = new FloodEngine({ nx, ny, cellM: 5, bedM, manningN: 0.03, riverMask }, { riverStageM: stage });
    run.advanceTo(2400);
    const l = run.ledger();
    expect(l.boundaryInM3).toBeGreaterThan(10);
    const far = run.maxDepthM()[2 * nx + 25];
    expect(far).toBeGreaterThan(0.01);
    expect(Math.abs(l.relativeError)).toBeLessThan(1e-9);
  });
});

describe('stage edge', () => {
  // θ = 0.7 (de Almeida et al. 2012): with θ = 1 the bore that fills this frictionless-ish deep basin leaves
  // short waves of a few centimetres that friction alone damps only slowly.
  it('fills a closed basin through a stage edge up to the stage, and drains it when the stage falls', () => {
    const nx = 20;
    const ny = 8;
    const stage = hydrographFromPairs(
      [
        [0, 0.5],
        [3600, 0.5],
        [3900, 0],
        [7200, 0],
      ],
      'stage',
    );
    const run = new FloodEngine(
      { nx, ny, cellM: 5, bedM: flat(nx, ny), manningN: 0.03 },
      { edges: { west: { kind: 'stage', stageM: stage } }, theta: 0.7 },
    );
    run.advanceTo(3600);
    const full = run.depthM();
    for (let i = 0; i < nx * ny; i++) expect(Math.abs(full[i] - 0.5)).toBeLessThan(0.005);
    const filled = run.ledger();
    expect(filled.boundaryInM3 - filled.boundaryOutM3).toBeCloseTo(filled.storedM3, 6);
    // Within the 5 mm per cell above: the basin is still approaching the stage asymptotically.
    expect(Math.abs(filled.storedM3 - 0.5 * nx * ny * 25)).toBeLessThan(0.005 * nx * ny * 25);
    run.advanceTo(7200);
    // Flat bed at the stage's new level 0: the water leaves until only a film is left.
    expect(run.ledger().storedM3).toBeLessThan(0.1 * filled.storedM3);
    expect(Math.abs(run.ledger().relativeError)).toBeLessThan(1e-9);
  });
});
