// Row bands over worker threads give the same numbers as one thread, bit for bit, with every source and sink
// (rain that varies in space, river stage, stage and free edges, an inflow, inlets behind a pump station, trucks).
import { describe, expect, it } from 'vitest';
import { hydrographFromPairs } from '../../../simulation/hydro/index.ts';
import type { RainField } from '../../../simulation/rain/index.ts';
import type { FloodOptions, HydroRasters } from '../../../simulation/hydro/index.ts';
import { createFloodRun } from '../../../simulation/hydro/threads.node.ts';
import { roughBed, seededRandom } from './helpers.ts';

const nx = 40;
const ny = 70;
const n = nx * ny;

/** Rain on the north half only, 80 mm/h until 900 s: a field the engine reads through its per-cell windows. */
function patchyRain(): RainField {
  const rate = (i: number) => (Math.floor(i / nx) < ny / 2 ? 80 : 0);
  const mean = (i: number, t0: number, t1: number) =>
    t1 > t0 ? (rate(i) * Math.max(0, Math.min(t1, 900) - t0)) / (t1 - t0) : 0;
  return {
    endS: 900,
    fillMean: (t0, t1, out) => out.forEach((_, i) => (out[i] = mean(i, t0, t1))),
    uniformMean: () => NaN,
    depthMm: (i, t0, t1) => (mean(i, t0, t1) * (t1 - t0)) / 3600,
  };
}

function setup(localTimeStep: number): { rasters: HydroRasters; options: FloodOptions } {
  const rnd = seededRandom(4);
  const rasters: HydroRasters = {
    nx,
    ny,
    cellM: 4,
    bedM: roughBed(nx, ny, 31, 0.4),
    manningN: Float32Array.from({ length: n }, () => 0.02 + 0.03 * rnd()),
    buildingMask: Uint8Array.from({ length: n }, () => (rnd() < 0.04 ? 1 : 0)),
    riverMask: Uint8Array.from({ length: n }, (_, i) => (i % nx < 2 ? 1 : 0)),
    infiltrationClass: Uint8Array.from({ length: n }, () => (rnd() < 0.3 ? 1 : 0)),
    drainCapacityMmPerH: new Float32Array(n).fill(30),
    catchmentId: Int32Array.from({ length: n }, (_, i) => (Math.floor(i / nx) < ny / 2 ? 0 : 1)),
  };
  const options: FloodOptions = {
    rain: patchyRain(),
    riverStageM: hydrographFromPairs(
      [
        [0, 3],
        [1200, 4.2],
      ],
      'stage',
    ),
    edges: { south: { kind: 'free' }, north: { kind: 'stage', stageM: 3.4 } },
    inflows: [
      {
        name: 'pipe',
        cells: [35 * nx + 20],
        dischargeM3PerS: hydrographFromPairs(
          [
            [0, 0],
            [600, 1.5],
            [1200, 0],
          ],
          'q',
        ),
      },
    ],
    pumpStations: [{ id: 'S', catchmentId: 1, capacityM3PerS: 0.02, storageM3: 5 }],
    trackMaxSpeed: true,
    theta: 0.8,
    localTimeStep,
  };
  return { rasters, options };
}

async function runWith(threads: number, localTimeStep = 0): Promise<Float64Array[]> {
  const { rasters, options } = setup(localTimeStep);
  const run = await createFloodRun(rasters, options, threads);
  try {
    for (let t = 120; t <= 1500; t += 120) {
      run.setTruckSinks([{ cells: [10 * nx + 10, 60 * nx + 30], rateM3PerS: 0.3 }]);
      if (t === 600) run.setPumpStationFailed('S', true);
      run.advanceTo(t);
    }
    const l = run.ledger();
    return [
      Float64Array.from(run.depthM()),
      Float64Array.from(run.maxDepthM()),
      run.firstWetS(),
      Float64Array.from(run.maxSpeedMPerS()),
      Float64Array.of(
        l.storedM3,
        l.rainM3,
        l.drainedM3,
        l.pumpedM3,
        l.boundaryInM3,
        l.boundaryOutM3,
        run.stats().steps,
        run.stats().activeCellSteps,
      ),
    ];
  } finally {
    run.close();
  }
}

/** Runs on 2 and 3 threads and expects every array bit for bit as `one` (a 1-thread run). */
async function expectSameOn2And3Threads(one: Float64Array[], localTimeStep = 0): Promise<void> {
  for (const threads of [2, 3]) {
    const many = await runWith(threads, localTimeStep);
    for (let k = 0; k < one.length; k++) {
      expect(many[k].length).toBe(one[k].length);
      let differ = 0;
      for (let i = 0; i < one[k].length; i++) if (!Object.is(one[k][i], many[k][i])) differ++;
      expect(differ, `array ${k} with ${threads} threads`).toBe(0);
    }
  }
}

describe('threads', () => {
  it('give bit-identical depths, maxima, wetting times, speeds and ledgers for 1, 2 and 3 threads', async () => {
    const one = await runWith(1);
    expect(one[4][1]).toBeGreaterThan(0);
    expect(one[4][3]).toBeGreaterThan(0);
    await expectSameOn2And3Threads(one);
  }, 120_000);

  it('give bit-identical results for 1, 2 and 3 threads under local time stepping, with fewer cell updates', async () => {
    const one = await runWith(1, 3);
    const global = await runWith(1, 0);
    expect(one[4][1]).toBeGreaterThan(0);
    expect(one[4][3]).toBeGreaterThan(0);
    // The deep river and pits set dt0; most cells take longer steps.
    expect(one[4][7]).toBeLessThan(0.8 * global[4][7]);
    await expectSameOn2And3Threads(one, 3);
  }, 120_000);
});
