// Flood kernel speed on EA Test 4 at 5 m (200 × 400 cells, the full 18,000 s), on 1 and 2 threads, set up exactly
// as `rivertwin flood` does for tests/simulation/hydro/ea-test4.test.ts. In process, so no start-up or files; the
// comparison with LISFLOOD-FP 8.1, end to end on the same machine, is `flood-e2e`. `--json` prints one JSON object;
// `--repeat N` keeps the best of N.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellsAlongSegment, parseBci, parseBdy, hydrographFromPairs } from '../../simulation/hydro/index.ts';
import type { FloodOptions, HydroRasters } from '../../simulation/hydro/index.ts';
import { createFloodRun } from '../../simulation/hydro/threads.node.ts';
import { EA4_DIR } from '../simulation/hydro/ea4-setup.ts';

const DURATION_S = 18000;

function ea4(): { rasters: HydroRasters; options: FloodOptions } {
  const nx = 200;
  const ny = 400;
  const bci = parseBci(readFileSync(join(EA4_DIR, 'ea4.bci'), 'utf8'), 'ea4.bci');
  const qvar = bci.find((b) => b.kind === 'QVAR')!;
  const unit = parseBdy(readFileSync(join(EA4_DIR, 'ea4.bdy'), 'utf8'), 'ea4.bdy').get(qvar.value!)!;
  const q = hydrographFromPairs(
    Array.from(unit.timesS, (t, k) => [t, unit.values[k] * (qvar.b - qvar.a)] as [number, number]),
    'ea4 inflow',
  );
  const { cells, weights } = cellsAlongSegment({ nx, ny, cellM: 5, x0: 0, y0: 0 }, 0, qvar.a, 0, qvar.b, 'ea4');
  return {
    rasters: {
      nx,
      ny,
      cellM: 5,
      bedM: new Float32Array(nx * ny),
      manningN: 0.05,
      buildingMask: new Uint8Array(nx * ny),
    },
    options: {
      edges: { north: { kind: 'free' }, east: { kind: 'free' }, south: { kind: 'free' } },
      inflows: [{ name: 'west', cells, weights, dischargeM3PerS: q }],
      outputEveryS: 60,
      points: [],
    },
  };
}

async function measure(
  threads: number,
): Promise<{ steps: number; cells: number; cellStepsPerSecond: number; wallS: number }> {
  const { rasters, options } = ea4();
  const run = await createFloodRun(rasters, options, threads);
  const t0 = performance.now();
  try {
    for (let k = 1; k <= 100; k++) run.advanceTo((DURATION_S * k) / 100);
  } finally {
    run.close();
  }
  const wallS = (performance.now() - t0) / 1000;
  const s = run.stats();
  return { steps: s.steps, cells: s.cells, cellStepsPerSecond: s.cellSteps / wallS, wallS };
}

/** Runs the benchmark; prints its figures, the JSON object last with --json. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const k = args.indexOf('--repeat');
  const repeat = k >= 0 ? Math.max(1, Number(args[k + 1]) || 1) : 1;
  const best = new Map<number, Awaited<ReturnType<typeof measure>>>();
  for (let r = 0; r < repeat; r++)
    for (const threads of [1, 2]) {
      const m = await measure(threads);
      process.stderr.write(
        `flood bench: ${threads} thread(s): ${m.steps} steps, ${m.wallS.toFixed(1)} s, ${(m.cellStepsPerSecond / 1e6).toFixed(1)} M cell-steps/s\n`,
      );
      if (!best.has(threads) || m.cellStepsPerSecond > best.get(threads)!.cellStepsPerSecond) best.set(threads, m);
    }
  const one = best.get(1)!;
  const two = best.get(2)!;
  const result = {
    cells: one.cells,
    steps: one.steps,
    threads1CellStepsPerSecond: Math.round(one.cellStepsPerSecond),
    threads2CellStepsPerSecond: Math.round(two.cellStepsPerSecond),
  };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else
    process.stdout.write(
      `EA Test 4, 5 m, ${DURATION_S} s: ${result.cells} cells × ${result.steps} steps; ` +
        `1 thread ${(result.threads1CellStepsPerSecond / 1e6).toFixed(1)} M, 2 threads ${(result.threads2CellStepsPerSecond / 1e6).toFixed(1)} M cell-steps/s ` +
        `(in process; against LISFLOOD-FP: flood-e2e)\n`,
    );
}
