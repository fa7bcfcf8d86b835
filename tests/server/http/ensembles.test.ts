// /api/ensembles over real HTTP: a planner starts a small ensemble on the server's queue, anyone follows its progress
// and reads ensemble.json and the GeoTIFF maps; a planner cancels one; a bad axis is a coded 400 naming its JSON path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ maxThreads: 1 });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const small = (name: string, sizes: number[]) => ({
  name,
  base: { durationS: 900, rain: { kind: 'chicago', returnPeriodYears: 50, durationMin: 15 } },
  cellM: 40,
  axes: { fleetSize: sizes },
  aggregate: { recommend: { bootstrap: 20 } },
});

interface Info {
  id: string;
  status: string;
  members: number;
  progress: { done: number; failed: number; cancelled: number; waiting: number };
  finishedAt: string | null;
  outputs: string[];
}

async function settled(id: string): Promise<Info> {
  for (;;) {
    const info = (await (await s.call(`/api/ensembles/${id}`)).json()) as Info;
    if (info.finishedAt) return info;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('/api/ensembles', () => {
  it('lets only planners start one, and refuses an unknown axis naming its path', async () => {
    const viewer = await s.call('/api/ensembles', {
      method: 'POST',
      role: 'viewer',
      json: { ensemble: small('a', [2]) },
    });
    expect(viewer.status).toBe(403);
    const bad = await s.call('/api/ensembles', {
      method: 'POST',
      role: 'planner',
      json: { ensemble: { ...small('b', [2]), axes: { wind: [1] } } },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('SIM_ERR_SCENARIO');
    expect(body.message).toMatch(/field "\/axes\/wind": unknown field/);
  });

  it('runs one to its end: progress, results and maps', async () => {
    const res = await s.call('/api/ensembles', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', ensemble: small('three', [0, 2, 8]) },
    });
    expect(res.status).toBe(202);
    const started = (await res.json()) as Info;
    expect(started).toMatchObject({ status: 'running', members: 3 });
    const info = await settled(started.id);
    expect(info.status).toBe('finished');
    expect(info.progress).toMatchObject({ done: 3, failed: 0, waiting: 0 });
    const result = (await (await s.call(`/api/ensembles/${started.id}/results`)).json()) as {
      counts: { completed: number };
      fleetSizeCurves: { points: { trucks: number }[]; recommendation: { trucks: number | null } }[];
    };
    expect(result.counts.completed).toBe(3);
    expect(result.fleetSizeCurves[0].points.map((p) => p.trucks)).toEqual([0, 2, 8]);
    const map = await s.call(`/api/ensembles/${started.id}/maps/prob-depth-gt-15cm.tif`);
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toBe('image/tiff');
    expect(
      Buffer.from(await map.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('II*\0');
    expect((await s.call(`/api/ensembles/${started.id}/maps/ensemble.json`)).status).toBe(404);
    // The same map for browsers: float32 values on the results' grid, the same numbers as the GeoTIFF's.
    const grid = (result as unknown as { grid: { nx: number; ny: number } }).grid;
    const raw = await s.call(`/api/ensembles/${started.id}/grids/prob-depth-gt-15cm`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/octet-stream');
    const values = new Float32Array(await raw.arrayBuffer());
    expect(values.length).toBe(grid.nx * grid.ny);
    const shares = new Set([...values].filter((v) => !Number.isNaN(v)));
    expect([...shares].every((v) => [0, 1 / 3, 2 / 3, 1].some((k) => Math.abs(v - k) < 1e-6))).toBe(true);
    expect(shares.size).toBeGreaterThan(1);
    expect((await s.call(`/api/ensembles/${started.id}/grids/ensemble`)).status).toBe(404);
    // Its report, in both languages, self-contained.
    expect(info.outputs).toEqual(expect.arrayContaining(['report.zh.html', 'report.en.html']));
    for (const lang of ['zh', 'en']) {
      const page = await s.call(`/api/ensembles/${started.id}/report?lang=${lang}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      const html = await page.text();
      expect(html).toContain(lang === 'zh' ? '集合推演报告' : 'Ensemble report');
      expect(html).toContain('data-file="prob-depth-gt-15cm.tif"');
    }
    expect((await s.call(`/api/ensembles/${started.id}/report?lang=fr`)).status).toBe(400);
    // Members are jobs of the queue, not runs of the store.
    expect(s.app.twin.store.listRuns({ limit: 10, offset: 0 })).toEqual([]);
  }, 120_000);

  it('cancels one for a planner: waiting members never run', async () => {
    const started = (await (
      await s.call('/api/ensembles', {
        method: 'POST',
        role: 'planner',
        json: { ensemble: small('many', [1, 2, 3, 4, 5, 6]) },
      })
    ).json()) as Info;
    expect((await s.call(`/api/ensembles/${started.id}/cancel`, { method: 'POST', role: 'viewer' })).status).toBe(403);
    const cancel = await s.call(`/api/ensembles/${started.id}/cancel`, { method: 'POST', role: 'planner' });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as Info).status).toBe('cancelled');
    const info = await settled(started.id);
    expect(info.status).toBe('cancelled');
    expect(info.progress.cancelled).toBeGreaterThanOrEqual(5);
    expect((await s.call(`/api/ensembles/${started.id}/cancel`, { method: 'POST', role: 'planner' })).status).toBe(409);
    const list = (await (await s.call('/api/ensembles')).json()) as Info[];
    expect(list.map((e) => e.id)).toContain(started.id);
  }, 120_000);
});
