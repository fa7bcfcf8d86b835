// Bench: ensemble throughput on BullMQ with one and then two `rivertwin worker` processes, in the same run, against a
// redis-server started on a free loopback port (the small ensemble by default; --spec for another). Prints
// {members, workers, membersPerHour1, membersPerHour2, scaling} last.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';
import { redisMissing, startRedis } from '../helpers/redis.ts';

/** Runs the bench; `--json` prints exactly one JSON object. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const at = args.indexOf('--spec');
  const spec = resolve(repoRoot, at >= 0 ? args[at + 1] : 'datasets/shanghai-bund/ensembles/quick.json');
  const log = (s: string): void => void (json ? process.stderr : process.stdout).write(`${s}\n`);
  if (redisMissing) throw new Error(`ensemble bench: ${redisMissing}`);
  const redis = await startRedis();
  const tmp = mkdtempSync(join(tmpdir(), 'rivertwin-ensemble-bench-'));
  const rivertwin = (argv: string[]): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), ...argv], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const results: { workers: number; members: number; wallSeconds: number; membersPerHour: number }[] = [];
  try {
    for (const n of [1, 2]) {
      const workers = Array.from({ length: n }, () => rivertwin(['worker', '--queue', redis.url]));
      await Promise.all(workers.map((w) => waitForLine(w, /taking jobs/)));
      const t0 = performance.now();
      const e = rivertwin(['ensemble', spec, '--out', join(tmp, `w${n}`), '--queue', redis.url, '--json']);
      let out = '';
      e.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((r) => e.once('exit', r));
      const wallSeconds = (performance.now() - t0) / 1000;
      if (code !== 0) throw new Error(`ensemble with ${n} worker(s) exited with ${code}`);
      const summary = JSON.parse(out) as { members: number; completed: number };
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
      const membersPerHour = (summary.completed / wallSeconds) * 3600;
      results.push({ workers: n, members: summary.members, wallSeconds, membersPerHour });
      log(
        `${n} worker(s): ${summary.completed} of ${summary.members} members in ${wallSeconds.toFixed(1)} s, ${Math.round(membersPerHour)} members/h`,
      );
    }
  } finally {
    await redis.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const [one, two] = results;
  const figure = {
    members: one.members,
    workers: [1, 2],
    membersPerHour1: Math.round(one.membersPerHour),
    membersPerHour2: Math.round(two.membersPerHour),
    scaling: Math.round((two.membersPerHour / one.membersPerHour) * 100) / 100,
    wallSeconds1: Math.round(one.wallSeconds * 10) / 10,
    wallSeconds2: Math.round(two.wallSeconds * 10) / 10,
    cores: availableParallelism(),
    spec: spec.slice(repoRoot.length + 1),
  };
  if (json) process.stdout.write(JSON.stringify(figure) + '\n');
  else log(`scaling 1 → 2 workers: × ${figure.scaling} (${figure.cores} cores)`);
}

function waitForLine(child: ChildProcess, re: RegExp): Promise<void> {
  return new Promise((resolveLine, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (re.test(err)) resolveLine();
    });
    child.once('exit', () => reject(new Error(`worker exited: ${err}`)));
  });
}
