// A crash loses nothing acknowledged: a paced run with operator commands, the server killed with SIGKILL mid-run and
// started again on the same data directory. The run shows it was interrupted, resumes from its last checkpoint and
// ends with the same events and KPIs, byte for byte, as an uninterrupted run given the same commands at the same
// simulated times; every acknowledged command is in the record.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordWriter, stepRecorded } from '../../../simulation/record/index.ts';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import type { RecordManifest } from '../../../simulation/record/record-format.ts';
import { ScenarioRun, type RunCommand } from '../../../simulation/scenario/index.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { BUNDLED_DISTRICT } from '../../../server/http/app.ts';
import { SqliteStore } from '../../../server/http/store/sqlite-store.ts';
import { SHORT_STORM, seedTokens, spawnServer } from '../../helpers/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rivertwin-crash-'));
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const children: ChildProcess[] = [];
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const server = await spawnServer(dataDir, { SIM_THREADS: '1' });
  children.push(server.child);
  return server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash and resume', () => {
  it('resumes a killed run from its checkpoint and ends byte-identical to an uninterrupted run', async () => {
    const { planner, operator } = seedTokens(dataDir, ['planner', 'operator']);
    const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

    let server = await startServer();
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: auth(planner),
      body: JSON.stringify({ district: 'shanghai-bund', scenario: SHORT_STORM, pace: 400, checkpointEveryS: 600 }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const status = async () =>
      (await (await fetch(`${server.url}/api/runs/${id}`, { headers: auth(planner) })).json()) as {
        status: string;
        reachedS: number;
        resumes: number;
        resumedFromS: number | null;
      };
    const until = async (ok: (s: Awaited<ReturnType<typeof status>>) => boolean) => {
      for (let i = 0; i < 600; i++) {
        const st = await status();
        if (ok(st)) return st;
        await sleep(100);
      }
      throw new Error('timed out');
    };
    const command = async (c: RunCommand) => {
      const r = await fetch(`${server.url}/api/runs/${id}/commands`, {
        method: 'POST',
        headers: auth(operator),
        body: JSON.stringify(c),
      });
      expect(r.status, await r.clone().text()).toBe(201);
      return (await r.json()) as { issuedS: number };
    };
    await until((st) => st.reachedS >= 900);
    await command({ kind: 'hold', truckId: 'T01' });
    await until((st) => st.reachedS >= 1500);
    await command({ kind: 'release', truckId: 'T01' });
    await command({ kind: 'outOfService', truckId: 'T02' });
    const before = await until((st) => st.reachedS >= 2700);
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.on('exit', r));
    expect(before.status).toBe('running');

    server = await startServer();
    const done = await until((st) => st.status === 'finished');
    expect(done.resumes).toBe(1);
    expect(done.resumedFromS).toBeGreaterThanOrEqual(1800);
    expect(done.resumedFromS).toBeLessThanOrEqual(before.reachedS + 600);
    const acknowledged = (await (
      await fetch(`${server.url}/api/runs/${id}/commands`, { headers: auth(planner) })
    ).json()) as { issuedS: number; command: RunCommand }[];
    expect(acknowledged).toHaveLength(3);

    const recordDir = join(dataDir, 'records', id);
    const recorded = readFileSync(join(recordDir, 'commands.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { issuedS: number; command: RunCommand });
    expect(recorded).toEqual(acknowledged.map((c) => ({ issuedS: c.issuedS, command: c.command })));

    // The same run uninterrupted, the same commands at the same simulated times.
    const manifest = JSON.parse(readFileSync(join(recordDir, 'manifest.json'), 'utf8')) as RecordManifest;
    expect(manifest.complete).toBe(true);
    const twin = buildTwin(await loadDistrict(BUNDLED_DISTRICT), { cellM: manifest.scenario.cellM! });
    const refDir = join(dataDir, 'reference');
    const run = ScenarioRun.start(twin, manifest.scenario);
    const writer = new RecordWriter(new RecordFolderSink(refDir), run, {
      runId: id,
      districtPath: BUNDLED_DISTRICT,
      contentHash: manifest.district.contentHash,
      codeVersion: manifest.codeVersion,
      checkpointEveryS: 600,
      crsWkt: manifest.district.crsWkt,
      proj4: manifest.district.proj4,
      parent: null,
      now: () => '',
      elapsedS: () => 0,
    });
    writer.begin();
    const step = (): void => stepRecorded(run, writer);
    for (const c of recorded) {
      while (run.tS < c.issuedS) step();
      run.command(c.command);
    }
    while (!run.finished) step();
    writer.finish();
    run.close();
    for (const file of ['events.ndjson', 'kpis.json', 'commands.ndjson', 'cases.csv'])
      expect(readFileSync(join(recordDir, file)).equals(readFileSync(join(refDir, file))), file).toBe(true);
    const events = (await (
      await fetch(`${server.url}/api/runs/${id}/events?limit=5000`, { headers: auth(planner) })
    ).json()) as { events: unknown[] };
    expect(events.events.map((e) => JSON.stringify(e)).join('\n') + '\n').toBe(
      readFileSync(join(refDir, 'events.ndjson'), 'utf8'),
    );
    server.child.kill('SIGTERM');
  }, 240_000);

  it('a graceful shutdown checkpoints a running run where it stands; the restart resumes it from there', async () => {
    const { planner } = seedTokens(dataDir, ['planner']);
    const headers = { authorization: `Bearer ${planner}`, 'content-type': 'application/json' };
    let server = await startServer();
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ district: 'shanghai-bund', scenario: SHORT_STORM, pace: 600, checkpointEveryS: 3600 }),
    });
    const { id } = (await res.json()) as { id: string };
    const status = async () =>
      (await (await fetch(`${server.url}/api/runs/${id}`, { headers })).json()) as {
        status: string;
        reachedS: number;
        resumes: number;
        resumedFromS: number | null;
      };
    for (let i = 0; i < 600 && (await status()).reachedS < 1200; i++) await sleep(100);
    server.child.kill('SIGTERM');
    const code = await new Promise((r) => server.child.on('exit', r));
    expect(code).toBe(0);
    const store = new SqliteStore(join(dataDir, 'rivertwin.sqlite'));
    const row = store.getRun(id)!;
    store.close();
    expect(row.status).toBe('interrupted');
    // The checkpoint is where the run stood, not the last hourly one.
    expect(row.reachedS).toBeGreaterThanOrEqual(1200);
    expect(row.reachedS % 3600).not.toBe(0);
    server = await startServer();
    for (let i = 0; i < 600 && (await status()).status !== 'finished'; i++) await sleep(100);
    const done = await status();
    expect(done.status).toBe('finished');
    expect(done.resumes).toBe(1);
    expect(done.resumedFromS).toBe(row.reachedS);
    server.child.kill('SIGTERM');
  }, 240_000);
});
