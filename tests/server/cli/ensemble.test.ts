// `rivertwin ensemble` and `rivertwin worker` on bad input: an unknown axis or value is refused by its JSON path
// before anything runs, an unreachable Redis is one line (no hang), and a member whose scenario fails is reported with
// its error while the others complete and are aggregated.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../../helpers/cli.ts';
import { freePort } from '../../helpers/redis.ts';

const tmp = mkdtempSync(join(tmpdir(), 'rivertwin-ensemble-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes an ensemble file naming the Bund by its absolute path. */
function specFile(name: string, over: Record<string, unknown>): string {
  const file = join(tmp, `${name}.json`);
  const spec = {
    name,
    district: join(repoRoot, 'datasets/shanghai-bund'),
    base: { durationS: 900, rain: { kind: 'chicago', returnPeriodYears: 50, durationMin: 15 } },
    cellM: 40,
    axes: { fleetSize: [2] },
    ...over,
  };
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('rivertwin ensemble: bad input', () => {
  it('refuses an unknown axis, naming its JSON path, before running anything', () => {
    const out = join(tmp, 'unknown-axis');
    const r = runCli(['ensemble', specFile('unknown-axis', { axes: { wind: [10, 20] } }), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown-axis\.json, field "\/axes\/wind": unknown field\. Fix: fields here are rain, /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown value of an axis, naming its JSON path', () => {
    const r = runCli(['ensemble', specFile('bad-river', { axes: { river: ['ordinary', 'kingTide'] } }), '--out', tmp]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /field "\/axes\/river\/1": unknown river preset "kingTide"\. Fix: use one of ordinary, springTide/,
    );
    const p = runCli(['ensemble', specFile('bad-policy', { axes: { policy: ['fastest'] } }), '--out', tmp]);
    expect(p.stderr).toMatch(/field "\/axes\/policy\/0": "fastest": .*use one of optimal, nearest, manual/);
  });

  it('says in one line that Redis cannot be reached, for --queue and for REDIS_URL', async () => {
    const port = await freePort();
    const r = runCli(
      ['ensemble', specFile('ok', {}), '--out', join(tmp, 'never'), '--queue', `redis://127.0.0.1:${port}`],
      30_000,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^rivertwin: cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(--queue\\): ECONNREFUSED\\. Start redis-server there`,
      ),
    );
    expect(existsSync(join(tmp, 'never'))).toBe(false);
    const w = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'worker'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}` },
    });
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(/cannot reach Redis at 127\.0\.0\.1:\d+ \(REDIS_URL\): ECONNREFUSED/);
    const bad = runCli(['worker', '--queue', 'http://127.0.0.1:80']);
    expect(bad.stderr).toMatch(/--queue: "http:\/\/127\.0\.0\.1:80" is not a redis:\/\/ URL/);
  });

  it('reports a member whose scenario fails with its error; the others complete and are aggregated', () => {
    const out = join(tmp, 'one-fails');
    const file = specFile('one-fails', {
      axes: { pumpFailures: [[], [{ id: 'P99', atS: 0 }], [{ id: 'P01', atS: 300 }]] },
    });
    const r = runCli(['ensemble', file, '--out', out, '--json', '--threads', '1']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { members: number; completed: number; failed: number; failures: unknown[] };
    expect(summary).toMatchObject({ members: 3, completed: 2, failed: 1 });
    expect(summary.failures).toEqual([
      { id: 'm002', error: expect.stringMatching(/pump station "P99" is not in the district/) },
    ]);
    expect(r.stderr).toMatch(/member m002 failed: .*pump station "P99" is not in the district/);
    const result = JSON.parse(readFileSync(join(out, 'ensemble.json'), 'utf8')) as {
      members: { id: string; status: string }[];
      fleetOptions: { members: number }[];
      hotspots: { peakDepthM: { n: number } }[];
    };
    expect(result.members.map((m) => m.status)).toEqual(['completed', 'failed', 'completed']);
    expect(result.fleetOptions[0].members).toBe(2);
    expect(result.hotspots[0].peakDepthM.n).toBe(2);
    expect(existsSync(join(out, 'prob-depth-gt-15cm.tif'))).toBe(true);
    // The report lists the failed member with its error, in both languages.
    expect((summary as unknown as { outputs: string[] }).outputs.slice(-2)).toEqual([
      `${out}/report.zh.html`,
      `${out}/report.en.html`,
    ]);
    for (const lang of ['zh', 'en'])
      expect(readFileSync(join(out, `report.${lang}.html`), 'utf8')).toMatch(
        /<tr class="failed"><td>m002<\/td>.*pump station &#34;P99&#34; is not in the district/,
      );
    // The failed member left no half-written record.
    expect(existsSync(join(out, 'members', 'm002'))).toBe(false);
  });
});
