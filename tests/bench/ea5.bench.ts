// EA Test 5 (valley dam-break, 10 m, 1.69 M cells, 6 h) run end to end by `rivertwin flood` on 2 threads and judged
// against LISFLOOD-FP 8.1's run of the same case: depth RMSE at the 7 points, maximum-depth RMSE, cells off by more
// than 0.5 m, cells deeper than LISFLOOD-FP's maximum + 0.5 m. `--factor 3` runs the 30 m version the tests use;
// other flags (`--theta`, `--cfl`, `--max-dt`, `--threads`) go to `rivertwin flood`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ea5Args, ea5Figures, ea5Reference } from '../simulation/hydro/ea5-setup.ts';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');

/** Runs the benchmark; prints its figures, the JSON object last with --json. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const at = args.indexOf('--factor');
  const factor = at >= 0 ? Number(args[at + 1]) : 1;
  const pass: string[] = [];
  for (const flag of ['--theta', '--cfl', '--max-dt', '--threads']) {
    const k = args.indexOf(flag);
    if (k >= 0) pass.push(flag, args[k + 1]);
  }
  if (!pass.includes('--threads')) pass.push('--threads', '2');
  const dir = mkdtempSync(join(tmpdir(), 'ea5-'));
  try {
    const out = join(dir, 'out');
    const cli = [...ea5Args(join(dir, 'in'), out, factor), ...pass, '--json'];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'server/cli/main.ts'), 'flood', ...cli], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`rivertwin flood failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, number>;
    const f = ea5Figures(out, ea5Reference(10 * factor));
    const result = {
      case: `ea5-${10 * factor}m-6h`,
      pointRmseM: round(f.pointRmseM),
      maxDepthRmseM: round(f.maxDepthRmseM),
      cellsOffByMoreThan50cm: f.cellsOffByMoreThan50cm,
      fractionWithin25cm: round(f.fractionWithin25cm),
      cellsAboveReferenceMaxPlus50cm: f.cellsAboveReferenceMaxPlus50cm,
      maxDepthM: round(f.maxDepthM),
      referenceMaxDepthM: round(f.referenceMaxDepthM),
      wetCells: f.wetCells,
      steps: summary.steps,
      minDtS: round(summary.minDtS),
      maxDtS: round(summary.maxDtS),
      massErrorRelative: summary.massErrorRelative,
      wallSeconds: round(wallSeconds, 1),
      flags: pass.join(' '),
    };
    if (!json)
      process.stdout.write(
        `EA Test 5 point RMSE per point (m): ${f.pointRmsePerPointM.map((v) => v.toFixed(3)).join(' ')}\n`,
      );
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(v: number, d = 4): number {
  return Number(v.toFixed(d));
}
