// The server on BullMQ: with REDIS_URL set, its runs and ensemble members go to Redis and a `rivertwin worker` runs
// them (events, KPIs and the ensemble's outputs come back through the shared data folder); with REDIS_URL pointing
// nowhere, the server refuses to start in one line instead of hanging.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli.ts';
import { freePort, redisMissing, redisSuite, startRedis, type TestRedis } from '../../helpers/redis.ts';
import { seedTokens, spawnServer } from '../../helpers/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rivertwin-redis-server-'));
const children: ChildProcess[] = [];
let redis: TestRedis | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the server with REDIS_URL', () => {
  it('refuses to start, in one line, when Redis cannot be reached', async () => {
    const port = await freePort();
    const err = await spawnServer(mkdtempSync(join(tmpdir(), 'rivertwin-noredis-')), {
      REDIS_URL: `redis://127.0.0.1:${port}`,
    }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(
      new RegExp(
        `^server exited 1: rivertwin: cannot start the server: cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): ECONNREFUSED\\. Start redis-server there`,
      ),
    );
    expect(err!.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe.skipIf(!!redisMissing)(redisSuite('the server with REDIS_URL and a worker'), () => {
  it('runs a run and an ensemble on the worker, not in the server', async () => {
    redis = await startRedis();
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'worker', '--queue', redis.url],
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(worker);
    let workerLog = '';
    worker.stderr!.on('data', (d: Buffer) => (workerLog += d.toString()));
    while (!workerLog.includes('taking jobs')) await sleep(100);

    const { planner, operator } = seedTokens(dataDir, ['planner', 'operator']);
    const server = await spawnServer(dataDir, { REDIS_URL: redis.url });
    children.push(server.child);
    const call = async (path: string, token = planner, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const health = (await (await call('/api/health')).json()) as { queue: { kind: string } };
    expect(health.queue.kind).toBe('bullmq');

    const storm = { durationS: 900, cellM: 40, rain: { kind: 'chicago', returnPeriodYears: 50, durationMin: 15 } };
    // A worker elsewhere cannot pause: a run asked to hold itself at a time is refused before it is queued.
    const held = await call('/api/runs', planner, {
      district: 'shanghai-bund',
      scenario: { name: 'on-redis-held', ...storm },
      pauseAtS: 300,
    });
    expect(held.status).toBe(400);
    expect(((await held.json()) as { message: string }).message).toMatch(/pauseAtS: runs go to rivertwin workers/);
    const started = await call('/api/runs', planner, {
      district: 'shanghai-bund',
      scenario: { name: 'on-redis', ...storm },
      pace: 0,
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let run: { status: string; reachedS: number; kpis: Record<string, unknown> | null };
    for (;;) {
      run = (await (await call(`/api/runs/${id}`)).json()) as typeof run;
      if (!['queued', 'running'].includes(run.status)) break;
      if (run.status === 'running') {
        // Pausing needs the embedded pool: a worker elsewhere only hears cancel.
        const pause = await call(`/api/runs/${id}/pause`, operator, {});
        // The run may also have ended between the poll and the pause: that 409 names its state instead.
        if (pause.status !== 202 && pause.status !== 200) {
          expect(pause.status).toBe(409);
          expect(((await pause.json()) as { message: string }).message).toMatch(
            new RegExp(`runs on a rivertwin worker|run ${id} is (finished|failed|cancelled)`),
          );
        }
      }
      await sleep(200);
    }
    expect(run.status).toBe('finished');
    expect(run.reachedS).toBe(900);
    expect(workerLog).toMatch(new RegExp(`${id} started`));
    expect(workerLog).toMatch(new RegExp(`${id} finished`));
    // The events the worker recorded reach the API once the run ends.
    const events = (await (await call(`/api/runs/${id}/events?limit=5000`)).json()) as { events: { seq: number }[] };
    expect(events.events.length).toBeGreaterThan(10);
    expect(events.events.map((e) => e.seq)).toEqual(events.events.map((_e, i) => i + 1));

    const ens = await call('/api/ensembles', planner, {
      ensemble: { name: 'on-redis', base: storm, cellM: 40, axes: { fleetSize: [0, 4] } },
    });
    expect(ens.status).toBe(202);
    const { id: ensId } = (await ens.json()) as { id: string };
    let info: { status: string; finishedAt: string | null; progress: { done: number }; outputs: string[] };
    do {
      await sleep(300);
      info = (await (await call(`/api/ensembles/${ensId}`)).json()) as typeof info;
    } while (!info.finishedAt);
    expect(info.status).toBe('finished');
    expect(info.progress.done).toBe(2);
    expect(info.outputs).toEqual(expect.arrayContaining(['ensemble.json', 'report.en.html']));
    expect(workerLog).toMatch(new RegExp(`${ensId}-m001 finished`));
    expect(workerLog).toMatch(new RegExp(`${ensId}-m002 finished`));
  }, 240_000);
});
