// What a user gets from `rivertwin flood`: the whole process (node and tsx start-up, reading inputs, stepping,
// writing outputs), wall time on 2 threads, for EA Test 4 at 5 m and rain on the Bund at 10 m; with LISFLOOD_BIN set,
// LISFLOOD-FP 8.1 on the same case (OMP_NUM_THREADS=2), runs alternating, best of `--repeat N` pairs each.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_CASES, prepareCase, runLisflood, runOurs } from './flood-e2e-cases.ts';
import type { E2eCaseName } from './flood-e2e-cases.ts';

const THREADS = 2;

interface Figures {
  steps: number;
  /** Ours under local time stepping: sub-steps of the finest level (the steps of a global step as short). */
  subSteps?: number;
  wallSeconds: number;
  /** cells × (sub-)steps / wall: the work of a global step at the finest step, per second. */
  cellStepsPerSecond: number;
}

function figures(cells: number, steps: number, wallSeconds: number, subSteps = steps): Figures {
  return {
    steps,
    ...(subSteps !== steps ? { subSteps } : {}),
    wallSeconds: Number(wallSeconds.toFixed(2)),
    cellStepsPerSecond: Math.round((cells * subSteps) / wallSeconds),
  };
}

function flag(args: string[], name: string): string | undefined {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
}

/** Runs the benchmark; prints its figures, the JSON object last with --json. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const repeat = Math.max(1, Math.floor(Number(flag(args, '--repeat') ?? 1)) || 1);
  const only = flag(args, '--case');
  if (only !== undefined && !(E2E_CASES as readonly string[]).includes(only))
    throw new Error(`--case ${only}: expected one of ${E2E_CASES.join(', ')}`);
  const names: E2eCaseName[] = only ? [only as E2eCaseName] : [...E2E_CASES];
  const bin = process.env.LISFLOOD_BIN;
  if (bin && !existsSync(bin))
    throw new Error(`LISFLOOD_BIN=${bin} does not exist; build it as tests/bench/README.md says or unset it`);
  const cases: Record<string, unknown>[] = [];
  for (const name of names) {
    const dir = mkdtempSync(join(tmpdir(), `flood-e2e-${name}-`));
    try {
      const c = await prepareCase(name, dir);
      let ours: ReturnType<typeof runOurs> | undefined;
      let theirs: ReturnType<typeof runLisflood> | undefined;
      for (let r = 0; r < repeat; r++) {
        const o = runOurs(c, THREADS);
        process.stderr.write(`flood-e2e ${name}: rivertwin ${o.steps} steps, ${o.wallSeconds.toFixed(1)} s\n`);
        if (!ours || o.wallSeconds < ours.wallSeconds) ours = o;
        if (!bin) continue;
        const t = runLisflood(c, bin, THREADS);
        process.stderr.write(`flood-e2e ${name}: LISFLOOD-FP ${t.steps} steps, ${t.wallSeconds.toFixed(1)} s\n`);
        if (!theirs || t.wallSeconds < theirs.wallSeconds) theirs = t;
      }
      const cells = ours!.cells;
      const row: Record<string, unknown> = {
        case: name,
        cells,
        ...figures(cells, ours!.steps, ours!.wallSeconds, ours!.subSteps),
      };
      if (theirs) {
        row.lisflood = figures(cells, theirs.steps, theirs.wallSeconds);
        row.ratio = Number((theirs.wallSeconds / ours!.wallSeconds).toFixed(2));
      }
      cases.push(row);
      if (!json) process.stdout.write(`${JSON.stringify(row)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (json) process.stdout.write(JSON.stringify({ cases }) + '\n');
}
