// What the 3D app reads beside the run API, over real HTTP on loopback: the district's ground (RTT1, raw and gzip),
// the road graph's edges by key, a run's dashboard series and manifest, and the app itself at / (or how to build it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTerrainMessage } from '../../../twin/grid/index.ts';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
let bare: TestServer;
const appDir = mkdtempSync(join(tmpdir(), 'rivertwin-app-'));

beforeAll(async () => {
  mkdirSync(join(appDir, 'assets'));
  writeFileSync(
    join(appDir, 'index.html'),
    '<!doctype html><title>twin app</title><script src="/assets/main-abc.js"></script>',
  );
  writeFileSync(join(appDir, 'assets', 'main-abc.js'), 'console.log(1)');
  s = await startTestServer({ appDir });
  bare = await startTestServer({ appDir: join(appDir, 'not-built') });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await bare?.close();
  rmSync(appDir, { recursive: true, force: true });
});

describe('scene data routes', () => {
  it("serves the grid's ground as RTT1, the same bytes raw and gzip, matching the twin's grid", async () => {
    const res = await s.call('/api/districts/shanghai-bund/terrain', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const t = decodeTerrainMessage(new Uint8Array(await res.arrayBuffer()));
    const g = s.app.twin.districts.twin('shanghai-bund').grid;
    expect([t.nx, t.ny, t.cellM, t.x0, t.y0]).toEqual([g.nx, g.ny, g.cellM, g.x0, g.y0]);
    expect(Buffer.from(t.bedM.buffer).equals(Buffer.from(g.bedM.buffer, g.bedM.byteOffset, g.bedM.byteLength))).toBe(
      true,
    );
    expect(Buffer.from(t.surface).equals(Buffer.from(g.surface))).toBe(true);
    const raw = await s.call('/api/districts/shanghai-bund/terrain', { headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect((await raw.arrayBuffer()).byteLength).toBe(40 + g.nx * g.ny * 5);
    expect((await s.call('/api/districts/nowhere/terrain')).status).toBe(404);
  });

  it("serves the road graph's edges with their keys, both directions of a two-way street on one line", async () => {
    const res = await s.call('/api/districts/shanghai-bund/road-edges');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const lines = (await res.json()) as {
      features: { geometry: { coordinates: number[][] }; properties: { keys: string } }[];
    };
    const graph = s.app.twin.districts.twin('shanghai-bund').graph;
    const keys = lines.features.flatMap((f) => f.properties.keys.split(','));
    expect(new Set(keys).size).toBe(keys.length);
    const drawn = graph.filterEdges((_k, a) => !a.virtual);
    expect(keys.sort()).toEqual([...drawn].sort());
    expect(lines.features.some((f) => f.properties.keys.includes(','))).toBe(true);
    const [lon, lat] = lines.features[0].geometry.coordinates[0];
    expect(lon).toBeGreaterThan(121.4);
    expect(lat).toBeGreaterThan(31.2);
  });

  it("serves a run's dashboard series, one entry per control step, agreeing with the state as of each time", async () => {
    const start = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: { ...SHORT_STORM, durationS: 1800 } },
    });
    const { id } = (await start.json()) as { id: string };
    await s.app.twin.runs.whenDone(id);
    const series = (await (await s.call(`/api/runs/${id}/series`)).json()) as {
      schema: string;
      tS: number[];
      rainAccumulatedMm: number[];
      riverStageM: number[];
      sensors: { values: unknown[] }[];
      cases: Record<string, number[]>;
      fleet: Record<string, number[]>;
    };
    expect(series.schema).toBe('rivertwin.series/1');
    expect(series.tS.at(-1)).toBe(1800);
    const n = series.tS.length;
    for (const arr of [series.rainAccumulatedMm, series.riverStageM, ...Object.values(series.cases)])
      expect(arr).toHaveLength(n);
    for (const sensor of series.sensors) expect(sensor.values).toHaveLength(n);
    const k = Math.floor(n / 2);
    const view = (await (await s.call(`/api/runs/${id}/state?t=${series.tS[k]}`)).json()) as {
      rain: { accumulatedMm: number };
      trucks: unknown[];
    };
    expect(series.rainAccumulatedMm[k]).toBe(view.rain.accumulatedMm);
    expect(Object.values(series.fleet).reduce((sum, a) => sum + a[k], 0)).toBe(view.trucks.length);
    expect((await s.call('/api/runs/run-nope/series')).status).toBe(404);
    const m = (await (await s.call(`/api/runs/${id}/manifest`)).json()) as {
      manifest: { grid: { cellM: number }; controlStepS: number };
      lastS: number;
      steps: number;
      complete: boolean;
      stops: string;
    };
    expect(m.manifest.grid.cellM).toBe(20);
    expect([m.lastS, m.steps, m.complete, m.stops]).toEqual([1800, n, true, '']);
  });

  it('serves the built app at / (assets cached for good), or says how to build it', async () => {
    const page = await s.call('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('twin app');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const js = await s.call('/assets/main-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await s.call('/assets/missing.js')).status).toBe(404);
    const none = await bare.call('/');
    expect(none.status).toBe(200);
    expect(await none.text()).toContain('npm run build');
    const api404 = await s.call('/api/nothing-here');
    expect(api404.status).toBe(404);
    expect(((await api404.json()) as { code: string }).code).toBe('API_ERR_NOT_FOUND');
  });
});
