// The two cases of the flood-e2e benchmark (EA Test 4 at 5 m, rain on the Bund at 10 m), each written both as
// `rivertwin flood` arguments and as a LISFLOOD-FP 8.1 set-up, plus timing a whole process and reading LISFLOOD-FP's
// step count from its .mass file (8.1 prints no step count, only "loop time" in whole seconds).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatEsriAscii } from '../../twin/io/esri-ascii.ts';
import { EA4_DIR, writeEa4Inputs } from '../simulation/hydro/ea4-setup.ts';
import { makeBundRain } from '../fixtures/simulation/hydro/bund-rain/make-bund-rain.ts';

/** The repository root (the child processes run there). */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The names `--case` takes. */
export const E2E_CASES = ['ea4', 'bund-rain'] as const;
export type E2eCaseName = (typeof E2E_CASES)[number];

/** One case written to disk: our CLI arguments and LISFLOOD-FP's set-up. */
export interface E2eCase {
  name: E2eCaseName;
  /** `rivertwin flood` arguments, --out included (our summary.json lands in `outDir`). */
  oursArgs: string[];
  outDir: string;
  /** The folder LISFLOOD-FP runs in and its .par file name there. */
  lisfloodDir: string;
  lisfloodPar: string;
}

/** EA Test 4's grid: 200 × 400 cells of 5 m, flat at 0 m. */
const EA4_NX = 200;
const EA4_NY = 400;
const EA4_CELL_M = 5;

/**
 * LISFLOOD-FP's parameter file for EA Test 4 as its reference run (README of ../shared/benchmarks/ea-test4): ACC
 * solver, default CFL 0.7, fpfric 0.05, 18,000 s; initial_tstep 5 because the reference .mass file's first step
 * is 5 s (the default, 10 s, would take fewer steps while the bed is dry).
 */
export function ea4LisfloodPar(): string {
  return (
    [
      'DEMfile\t\tea4.dem',
      'bcifile\t\tea4.bci',
      'bdyfile\t\tea4.bdy',
      'stagefile\tea4.stage',
      'dirroot\t\tout',
      'resroot\t\tea4',
      'acceleration',
      'sim_time\t18000.0',
      'initial_tstep\t5.0',
      'saveint\t\t3600.0',
      'massint\t\t100.0',
      'fpfric\t\t0.05',
      'elevoff',
    ].join('\n') + '\n'
  );
}

/** Writes EA Test 4 for LISFLOOD-FP into `dir` (flat DEM, the benchmark's .bci/.bdy/.stage, the .par); returns the .par name. */
export function writeEa4Lisflood(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const dem = {
    nx: EA4_NX,
    ny: EA4_NY,
    cellM: EA4_CELL_M,
    x0: 0,
    y0: 0,
    values: new Float32Array(EA4_NX * EA4_NY),
  };
  writeFileSync(join(dir, 'ea4.dem'), formatEsriAscii(dem, 1));
  for (const f of ['ea4.bci', 'ea4.bdy', 'ea4.stage']) copyFileSync(join(EA4_DIR, f), join(dir, f));
  writeFileSync(join(dir, 'ea4.par'), ea4LisfloodPar());
  return 'ea4.par';
}

/** Writes one case under `dir` for both models. */
export async function prepareCase(name: E2eCaseName, dir: string): Promise<E2eCase> {
  const outDir = join(dir, 'out');
  if (name === 'ea4') {
    const oursArgs = writeEa4Inputs(join(dir, 'in'), outDir);
    const lisfloodDir = join(dir, 'lisflood');
    return { name, oursArgs, outDir, lisfloodDir, lisfloodPar: writeEa4Lisflood(lisfloodDir) };
  }
  const args = await makeBundRain(join(dir, 'in'), 10);
  return {
    name,
    oursArgs: [...args, '--out', outDir],
    outDir,
    lisfloodDir: join(dir, 'in', 'lisflood'),
    lisfloodPar: 'bund.par',
  };
}

/** A keyword's first value in a LISFLOOD-FP .par text, or undefined. */
export function parValue(par: string, key: string): string | undefined {
  for (const line of par.split(/\r?\n/)) {
    const t = line.trim().split(/\s+/);
    if (t[0]?.toLowerCase() === key.toLowerCase() && t.length > 1) return t[1];
  }
  return undefined;
}

/** Where LISFLOOD-FP writes its .mass file for a .par (`dirroot/resroot.mass`, relative to its run folder). */
export function massPath(par: string): string {
  const resroot = parValue(par, 'resroot') ?? 'res';
  const dirroot = parValue(par, 'dirroot');
  return dirroot ? join(dirroot, `${resroot}.mass`) : `${resroot}.mass`;
}

/**
 * Steps LISFLOOD-FP took, from its .mass file: the NumTsteps column of the last row, and that row's time (s). A row
 * is written at the first step at or after each massint, so with sim_time a multiple of massint the last row is
 * the last step; the caller checks its time reached sim_time.
 */
export function lisfloodStepsFromMass(text: string, input = 'run.mass'): { steps: number; tS: number } {
  const lines = text.split(/\r?\n/);
  const head = lines.findIndex((l) => /\bNumTsteps\b/.test(l));
  if (head < 0) throw new Error(`${input}: no header with NumTsteps; is this a LISFLOOD-FP .mass file?`);
  const cols = lines[head].trim().split(/\s+/);
  const tCol = cols.indexOf('Time');
  const nCol = cols.indexOf('NumTsteps');
  let last: { steps: number; tS: number } | undefined;
  for (const l of lines.slice(head + 1)) {
    const t = l.trim().split(/\s+/);
    const tS = Number(t[tCol]);
    const steps = Number(t[nCol]);
    if (t.length >= cols.length && Number.isFinite(tS) && Number.isInteger(steps)) last = { steps, tS };
  }
  if (!last) throw new Error(`${input}: no rows after the header; did the run stop before its first massint?`);
  return last;
}

/** Runs a process to its end; wall seconds from spawn to exit. Throws with its output's tail if it fails. */
export function timeProcess(
  command: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): { wallSeconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: opts.cwd, env: opts.env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(-2000)}`);
  return { wallSeconds, stdout: r.stdout };
}

/** Runs `rivertwin flood` (node with tsx, as a user does from the repo) and reads steps and cells from its summary. */
export function runOurs(
  c: E2eCase,
  threads: number,
): { wallSeconds: number; steps: number; subSteps: number; cells: number } {
  const { wallSeconds } = timeProcess(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'server/cli/main.ts'),
      'flood',
      ...c.oursArgs,
      '--threads',
      String(threads),
      '--json',
    ],
    { cwd: REPO_ROOT },
  );
  const s = JSON.parse(readFileSync(join(c.outDir, 'summary.json'), 'utf8')) as {
    steps: number;
    subSteps: number;
    cells: number;
  };
  return { wallSeconds, steps: s.steps, subSteps: s.subSteps, cells: s.cells };
}

/** Runs LISFLOOD-FP on the case with `threads` OpenMP threads; its log goes to lisflood.log beside the .par. */
export function runLisflood(c: E2eCase, bin: string, threads: number): { wallSeconds: number; steps: number } {
  const par = readFileSync(join(c.lisfloodDir, c.lisfloodPar), 'utf8');
  const simTimeS = Number(parValue(par, 'sim_time'));
  const env = { ...process.env, OMP_NUM_THREADS: String(threads) };
  const { wallSeconds, stdout } = timeProcess(bin, [c.lisfloodPar], { cwd: c.lisfloodDir, env });
  writeFileSync(join(c.lisfloodDir, 'lisflood.log'), stdout);
  const mass = join(c.lisfloodDir, massPath(par));
  const { steps, tS } = lisfloodStepsFromMass(readFileSync(mass, 'utf8'), mass);
  if (!(tS >= simTimeS))
    throw new Error(
      `${mass}: last row at ${tS} s, before sim_time ${simTimeS} s: the run stopped early or massint does not divide sim_time`,
    );
  return { wallSeconds, steps };
}
