// The small ensemble on a real distributed queue: redis-server on a free loopback port, two `rivertwin worker`
// processes, one killed with SIGKILL mid-job; every member completes, the killed worker's job is finished by the other,
// and the aggregated outputs are byte-identical to the same ensemble on the embedded pool.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../../helpers/cli.ts';
import { redisMissing, redisSuite, startRedis, type TestRedis } from '../../helpers/redis.ts';

const QUICK = 'datasets/shanghai-bund/ensembles/quick.json';
const MAP_FILES = [
  'ensemble.json',
  'prob-depth-gt-15cm.tif',
  'prob-depth-gt-30cm.tif',
  'prob-depth-gt-50cm.tif',
  'max-depth-p50.tif',
  'max-depth-p90.tif',
  'report.zh.html',
  'report.en.html',
];

/** A CLI process whose stderr is kept, with a way to wait for a line. */
interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
  waitFor(re: RegExp): Promise<RegExpExecArray>;
}

function cli(args: string[]): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: Proc = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const m = re.exec(p.stderr);
          if (m) resolve(m);
          return !!m;
        };
        if (check()) return;
        child.stderr!.on('data', () => check());
        child.once('exit', () => check() || reject(new Error(`exited before ${re}: ${p.stderr}`)));
      }),
  };
  child.stdout!.on('data', (d: Buffer) => (p.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (p.stderr += d.toString()));
  return p;
}

describe.skipIf(!!redisMissing)(redisSuite('an ensemble on BullMQ with two workers, one killed mid-job'), () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rivertwin-ensemble-'));
  let redis: TestRedis;
  const workers: Proc[] = [];
  let embedded: ReturnType<typeof runCli>;

  beforeAll(async () => {
    // The baseline: the same ensemble on the embedded pool, as the README shows it.
    embedded = runCli(['ensemble', QUICK, '--out', join(tmp, 'embedded'), '--json']);
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const w = cli(['worker', '--queue', redis.url, '--lock-duration', '3s', '--stalled-interval', '1s']);
      workers.push(w);
      await w.waitFor(/taking jobs/);
    }
  }, 300_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await redis?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints {members, completed, failed, wallSeconds, outputs} on the embedded pool', () => {
    expect(embedded.status).toBe(0);
    const summary = JSON.parse(embedded.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ members: 8, completed: 8, failed: 0 });
    expect(summary.wallSeconds).toEqual(expect.any(Number));
    expect(summary.outputs).toEqual(MAP_FILES.map((f) => `${join(tmp, 'embedded')}/${f}`));
    expect(embedded.stderr).toMatch(/ensemble quick: 8\/8 ended \(8 done, 0 failed\), 0 running, 0 waiting/);
  });

  it('finishes a killed worker’s job on the other, and aggregates to the same bytes', async () => {
    const out = join(tmp, 'redis');
    const run = cli(['ensemble', QUICK, '--out', out, '--queue', redis.url, '--json']);
    const [victim, survivor] = workers;
    const [, runId] = await victim.waitFor(/: (ens-[0-9a-f]+-m\d+) started/);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    expect(await run.exited).toBe(0);
    const summary = JSON.parse(run.stdout) as { members: number; completed: number; failed: number };
    expect(summary).toMatchObject({ members: 8, completed: 8, failed: 0 });
    // BullMQ's stalled-job check gave the dead worker's job to the other, which ran it to the end.
    expect(survivor.stderr).toContain(`${runId} started (attempt 2)`);
    expect(survivor.stderr).toMatch(new RegExp(`${runId} finished`));
    expect(victim.stderr).not.toMatch(new RegExp(`${runId} finished`));
    for (const f of MAP_FILES)
      expect(readFileSync(join(out, f)).equals(readFileSync(join(tmp, 'embedded', f))), f).toBe(true);
    // The retried member's record is the one an undisturbed run writes (bar the manifest's wall clock).
    const member = runId.slice(runId.lastIndexOf('-') + 1);
    for (const f of ['events.ndjson', 'kpis.json', 'max-depth.tif', 'views.ndjson'])
      expect(
        readFileSync(join(out, 'members', member, f)).equals(readFileSync(join(tmp, 'embedded', 'members', member, f))),
        f,
      ).toBe(true);
  }, 300_000);
});
