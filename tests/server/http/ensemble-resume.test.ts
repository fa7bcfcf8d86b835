// An ensemble outlives its server: stopped with SIGTERM, then killed with SIGKILL mid-member, each time started
// again on the same data folder, it goes on with the members it had finished kept (not run again) and ends with the
// same outputs, byte for byte, as the same ensemble never disturbed.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedTokens, spawnServer } from '../../helpers/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rivertwin-ensemble-resume-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const ENSEMBLE = {
  name: 'resume',
  base: { durationS: 900, rain: { kind: 'chicago', returnPeriodYears: 50, durationMin: 15 } },
  cellM: 40,
  axes: { fleetSize: [0, 1, 2, 3, 4, 6] },
  aggregate: { recommend: { bootstrap: 20 } },
};

interface Info {
  id: string;
  status: string;
  resumes?: number;
  progress: { done: number; failed: number; cancelled: number };
  finishedAt: string | null;
  outputs: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The member records complete in an ensemble's folder, with when their manifest was written. */
function keptMembers(id: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 1; k <= ENSEMBLE.axes.fleetSize.length; k++) {
    const manifest = join(dataDir, 'ensembles', id, 'members', `m00${k}`, 'manifest.json');
    if (existsSync(manifest)) out.set(`m00${k}`, statSync(manifest).mtimeMs);
  }
  return out;
}

describe('an ensemble across server restarts', () => {
  it('resumes after SIGTERM and after SIGKILL, keeps finished members, and ends as an undisturbed one', async () => {
    const { planner } = seedTokens(dataDir, ['planner']);
    const start = async () => {
      const s = await spawnServer(dataDir, { SIM_THREADS: '1' });
      children.push(s.child);
      return s;
    };
    let server = await start();
    const call = async (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const info = async (id: string) => (await (await call(`/api/ensembles/${id}`)).json()) as Info;
    const until = async (id: string, ok: (i: Info) => boolean) => {
      for (;;) {
        const i = await info(id);
        if (ok(i)) return i;
        await sleep(100);
      }
    };
    const startEnsemble = async () => {
      const res = await call('/api/ensembles', { district: 'shanghai-bund', ensemble: ENSEMBLE });
      expect(res.status).toBe(202);
      return ((await res.json()) as Info).id;
    };

    const id = await startEnsemble();
    await until(id, (i) => i.progress.done >= 1);
    server.child.kill('SIGTERM');
    expect(await new Promise((r) => server.child.once('exit', r))).toBe(0);
    const afterTerm = keptMembers(id);
    expect(afterTerm.size).toBeGreaterThanOrEqual(1);
    expect(afterTerm.size).toBeLessThan(ENSEMBLE.axes.fleetSize.length);
    const status = JSON.parse(readFileSync(join(dataDir, 'ensembles', id, 'status.json'), 'utf8')) as Info;
    expect(status.status).toBe('running');

    server = await start();
    const resumed = await until(id, (i) => i.progress.done >= afterTerm.size + 1);
    expect(resumed.resumes).toBe(1);
    expect(resumed.status).toBe('running');
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    const afterKill = keptMembers(id);
    expect(afterKill.size).toBeGreaterThan(afterTerm.size);

    server = await start();
    const done = await until(id, (i) => i.finishedAt !== null);
    expect(done).toMatchObject({ status: 'finished', resumes: 2 });
    expect(done.progress).toMatchObject({ done: ENSEMBLE.axes.fleetSize.length, failed: 0, cancelled: 0 });
    // The members finished before each stop were kept, not run again.
    const final = keptMembers(id);
    for (const [m, mtime] of afterKill) expect(final.get(m), m).toBe(mtime);

    // The same ensemble, undisturbed, on the same server: the same outputs, byte for byte.
    const ref = await startEnsemble();
    const refDone = await until(ref, (i) => i.finishedAt !== null);
    expect(refDone.status).toBe('finished');
    expect(done.outputs).toEqual(refDone.outputs);
    expect(done.outputs).toEqual(expect.arrayContaining(['ensemble.json', 'max-depth-p90.tif', 'report.en.html']));
    for (const f of done.outputs)
      expect(
        readFileSync(join(dataDir, 'ensembles', id, f)).equals(readFileSync(join(dataDir, 'ensembles', ref, f))),
        f,
      ).toBe(true);
    server.child.kill('SIGTERM');
  }, 300_000);
});
