// Where a flood run's time goes, in process, on the flood-e2e cases (EA Test 4 at 5 m; rain on every cell of the
// Bund at 10 m): the owner thread's wall time by step phase (set-up and rain, faces and limiter, barrier waits,
// update, ledger) on 1 and 2 threads; a step against one memcpy of the arrays it touches (is it memory-bound?); and steps taken against steps needed (the work a local time step per cell could save).
// `--json` prints one object; `--lts N` runs the engine with N levels of local time stepping; `--case ea4|bund-rain|typhoon` one case (typhoon: the Bund's typhoon-6h engine alone,
// 10 m, 8 h, not run by default). Function-level shares: run it under `node --cpu-prof`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STEP_PHASES, type FloodRunBase } from '../../simulation/hydro/index.ts';
import type { HydroArrays } from '../../simulation/hydro/layout.ts';
import { createFloodRun } from '../../simulation/hydro/threads.node.ts';
import { prepare } from '../../server/cli/flood-inputs.ts';
import { placeScenario, setUpScenario } from '../../simulation/scenario/scenario-setup.ts';
import { resolveScenario } from '../../simulation/scenario/resolve-scenario.node.ts';
import { buildTwin } from '../../twin/district/build-twin.ts';
import { loadDistrict } from '../../twin/district/load-district.node.ts';
import { E2E_CASES, prepareCase, REPO_ROOT } from './flood-e2e-cases.ts';

/** The cases: the two flood-e2e ones, and (only when asked) the typhoon scenario's engine alone at 10 m, 8 h. */
const CASES = [...E2E_CASES, 'typhoon'] as const;
type CaseName = (typeof CASES)[number];

/** Rasters and options of a case, and how long it runs (s). */
async function caseInputs(name: CaseName, dir: string) {
  if (name === 'typhoon') {
    const districtDir = join(REPO_ROOT, 'datasets', 'shanghai-bund');
    const spec = { ...resolveScenario('typhoon-6h', districtDir), cellM: 10 };
    const district = await loadDistrict(districtDir);
    const twin = buildTwin(district, { cellM: 10 });
    const setup = setUpScenario(twin, placeScenario(spec, district));
    return { rasters: twin.grid, options: setup.engineOptions(), durationS: spec.durationS };
  }
  const c = await prepareCase(name, dir);
  const values = argValues(c.oursArgs);
  return { ...(await prepare(values, '')), durationS: Number(values.duration) };
}

/** `--key value` / `--flag` arguments as parseArgs values. */
function argValues(args: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let k = 0; k < args.length; k++) {
    const key = args[k].slice(2);
    if (k + 1 < args.length && !args[k + 1].startsWith('--')) out[key] = args[++k];
    else out[key] = true;
  }
  return out;
}

/** Bytes of the arrays one step reads or writes (every cell active: the rain-on-grid worst case). */
function stepBytes(a: HydroArrays): number {
  const arrays: ArrayBufferView[] = [a.z, a.kind, a.gn2x, a.gn2y, a.h, a.hInv73, a.hRoot, ...a.qx, ...a.qy];
  arrays.push(a.maxDepthM, a.firstWetS, ...a.rainMmPerH, a.infilClass, a.drainMPerS, a.catchSlot);
  return arrays.reduce((sum, v) => sum + v.byteLength, 0);
}

/** Seconds to copy every step array once (native memcpy: each byte read and written once; best of 20). */
function streamPassS(a: HydroArrays): number {
  const arrays: (Float64Array | Float32Array | Int32Array | Uint8Array)[] = [a.z, a.kind, a.gn2x, a.gn2y, a.h];
  arrays.push(a.hInv73, a.hRoot, ...a.qx, ...a.qy, a.maxDepthM, a.firstWetS, ...a.rainMmPerH);
  arrays.push(a.infilClass, a.drainMPerS, a.catchSlot);
  const scratch = arrays.map((v) => new Uint8Array(v.byteLength));
  let best = Infinity;
  for (let rep = 0; rep < 20; rep++) {
    const t0 = performance.now();
    arrays.forEach((v, k) => scratch[k].set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)));
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

/** Share of this step's cell updates a per-cell step (levels 2^k × the global step, capped at maxDt) would need. */
function ltsWork(run: FloodRunBase, nx: number, cellM: number, maxDtS: number, cfl: number): number {
  const h = run.depthM();
  const n = h.length;
  let hmax = 0;
  for (let i = 0; i < n; i++) if (run.isOpen(i) && h[i] > hmax) hmax = h[i];
  if (hmax <= 1e-3) return 1;
  const dt0 = Math.min(maxDtS, (cfl * cellM) / Math.sqrt(9.81 * hmax));
  let open = 0;
  let work = 0;
  for (let i = 0; i < n; i++) {
    if (!run.isOpen(i)) continue;
    const c = i % nx;
    let m = h[i];
    if (c > 0 && h[i - 1] > m) m = h[i - 1];
    if (c < nx - 1 && h[i + 1] > m) m = h[i + 1];
    if (i >= nx && h[i - nx] > m) m = h[i - nx];
    if (i + nx < n && h[i + nx] > m) m = h[i + nx];
    const dt = m > 1e-3 ? Math.min(maxDtS, (cfl * cellM) / Math.sqrt(9.81 * m)) : maxDtS;
    const level = Math.max(0, Math.min(7, Math.floor(Math.log2(dt / dt0))));
    work += 2 ** -level;
    open++;
  }
  return work / open;
}

async function profileCase(name: CaseName, threads: number, dir: string, lts: number) {
  const { rasters, options, durationS } = await caseInputs(name, join(dir, `${name}-${threads}`));
  options.localTimeStep = lts;
  const run = (await createFloodRun(rasters, options, threads)) as FloodRunBase;
  const phases = run.profilePhases();
  const t0 = performance.now();
  let stepsWeighted = 0;
  let lastSteps = 0;
  const a = (run as unknown as { arrays: HydroArrays }).arrays;
  try {
    for (let k = 1; k <= 100; k++) {
      run.advanceTo((durationS * k) / 100);
      const steps = run.stats().steps;
      if (threads === 1) stepsWeighted += (steps - lastSteps) * ltsWork(run, rasters.nx, rasters.cellM, 5, 0.5);
      lastSteps = steps;
    }
  } finally {
    run.close();
  }
  const wallS = (performance.now() - t0) / 1000;
  const total = phases.reduce((s, v) => s + v, 0);
  const phasesPercent = Object.fromEntries(STEP_PHASES.map((p, k) => [p, round((100 * phases[k]) / total, 1)]));
  const steps = run.stats().steps;
  const out = {
    threads,
    cells: rasters.nx * rasters.ny,
    steps,
    wallSeconds: round(wallS, 2),
    msPerStep: round((1000 * wallS) / steps, 3),
    phasesPercent,
  };
  if (threads !== 1) return out;
  const stream = streamPassS(a);
  return {
    ...out,
    bytesPerStepMB: round(stepBytes(a) / 1e6, 1),
    streamPassMs: round(stream * 1000, 3),
    stepOverStreamPass: round(wallS / steps / stream, 1),
    ltsIdealGain: round(steps / stepsWeighted, 2),
  };
}

/** Runs the benchmark; prints its figures, the JSON object last with --json. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const at = args.indexOf('--case');
  const names: CaseName[] = at >= 0 ? [args[at + 1] as CaseName] : [...E2E_CASES];
  for (const n of names) if (!CASES.includes(n)) throw new Error(`--case ${n}: use ${CASES.join(', ')}`);
  const li = args.indexOf('--lts');
  const lts = li >= 0 ? Number(args[li + 1]) : 0;
  const dir = mkdtempSync(join(tmpdir(), 'flood-profile-'));
  const cases = [];
  try {
    for (const name of names) {
      const one = await profileCase(name, 1, dir, lts);
      const two = await profileCase(name, 2, dir, lts);
      cases.push({ case: name, oneThread: one, twoThreads: two });
      if (!json) process.stdout.write(`${name}: ${JSON.stringify({ one, two })}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify({ cases }) + '\n');
}

function round(v: number, d: number): number {
  return Math.round(v * 10 ** d) / 10 ** d;
}
