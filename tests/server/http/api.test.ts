// The API over real HTTP on loopback: districts, scenarios, runs to their end, events, frames, state, KPIs, forks,
// the record download, tokens, and the OpenAPI document listing every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { decodeFrameMessage } from '../../../simulation/record/index.ts';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
let runId = '';

beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
}

describe('server API', () => {
  it('answers health and documents every route', async () => {
    const h = await s.call('/api/health');
    expect(h.status).toBe(200);
    expect((await json(h)).districts).toEqual(['shanghai-bund']);
    const doc = await json(await s.call('/docs/json'));
    const documented = Object.keys(doc.paths).sort();
    const routes = s.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      // The app's GET / is the tree's root, so API routes print as "api/…" under it.
      .filter((l) => l.includes('api/'));
    expect(routes.length).toBeGreaterThan(0);
    for (const p of [
      '/api/health',
      '/api/districts',
      '/api/districts/{id}',
      '/api/districts/{id}/layers/{layer}',
      '/api/districts/{id}/grid',
      '/api/scenarios',
      '/api/scenarios/{id}',
      '/api/scenarios/validate',
      '/api/runs',
      '/api/runs/{id}',
      '/api/runs/{id}/pause',
      '/api/runs/{id}/resume',
      '/api/runs/{id}/cancel',
      '/api/runs/{id}/kpis',
      '/api/runs/{id}/events',
      '/api/runs/{id}/frames',
      '/api/runs/{id}/state',
      '/api/runs/{id}/commands',
      '/api/runs/{id}/forks',
      '/api/runs/{id}/record',
      '/api/runs/{id}/stream',
      '/api/runs/{id}/score-card',
      '/api/runs/{id}/report',
      '/api/incidents',
      '/api/tokens',
      '/api/tokens/{id}',
    ])
      expect(documented).toContain(p);
  });

  it('serves districts, their layers in WGS84 and the grid', async () => {
    const list = await json(await s.call('/api/districts'));
    expect(list[0].id).toBe('shanghai-bund');
    expect(list[0].scenarios).toContain('typhoon-6h');
    const summary = await json(await s.call('/api/districts/shanghai-bund'));
    expect(summary.buildings).toBeGreaterThan(1000);
    const hotspots = await json(await s.call('/api/districts/shanghai-bund/layers/hotspots'));
    expect(hotspots.type).toBe('FeatureCollection');
    const [lon, lat] = hotspots.features[0].geometry.coordinates;
    expect(lon).toBeGreaterThan(121.47);
    expect(lon).toBeLessThan(121.53);
    expect(lat).toBeGreaterThan(31.22);
    expect(lat).toBeLessThan(31.26);
    const roads = await s.call('/api/districts/shanghai-bund/layers/roads');
    expect(roads.headers.get('content-type')).toContain('application/geo+json');
    const grid = await json(await s.call('/api/districts/shanghai-bund/grid'));
    expect(grid.nx * grid.ny).toBeGreaterThan(1000);
    expect(grid.proj4).toContain('+proj=tmerc');
    expect((await s.call('/api/districts/shanghai-bund/layers/nope')).status).toBe(404);
  });

  it('lists, gets, validates and stores scenarios', async () => {
    const all = await json(await s.call('/api/scenarios?district=shanghai-bund'));
    expect(all.map((x: { id: string }) => x.id)).toContain('shanghai-bund.typhoon-6h');
    const one = await json(await s.call('/api/scenarios/shanghai-bund.typhoon-6h'));
    expect(one.scenario.name).toBe('typhoon-6h');
    const valid = await s.call('/api/scenarios/validate', {
      method: 'POST',
      json: { district: 'shanghai-bund', scenario: SHORT_STORM },
    });
    expect(valid.status).toBe(200);
    expect((await json(valid)).spec.river.kind).toBe('tide');
    const created = await s.call('/api/scenarios', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: SHORT_STORM },
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    expect(id).toMatch(/^scn-/);
    expect((await json(await s.call(`/api/scenarios/${id}`))).scenario.durationS).toBe(7200);
  });

  it('runs a scenario to its end and serves its events, frames, state, KPIs and record', async () => {
    const start = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: SHORT_STORM, checkpointEveryS: 1800 },
    });
    expect(start.status).toBe(202);
    const run = await json(start);
    runId = run.id;
    expect(['queued', 'running']).toContain(run.status);
    await s.app.twin.runs.whenDone(runId);
    const done = await json(await s.call(`/api/runs/${runId}`));
    expect(done.status).toBe('finished');
    expect(done.reachedS).toBe(7200);
    const kpis = await json(await s.call(`/api/runs/${runId}/kpis`));
    expect(kpis.casesOpened).toBeGreaterThan(0);

    const page1 = await json(await s.call(`/api/runs/${runId}/events?limit=5`));
    expect(page1.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const page2 = await json(await s.call(`/api/runs/${runId}/events?limit=5&after=${page1.next}`));
    expect(page2.events[0].seq).toBe(6);
    const cases = await json(await s.call(`/api/runs/${runId}/events?type=case.&from=6000&to=6600&limit=5000`));
    expect(cases.events.length).toBeGreaterThan(0);
    for (const e of cases.events) {
      expect(e.type.startsWith('case.')).toBe(true);
      expect(e.timeS).toBeGreaterThanOrEqual(6000);
      expect(e.timeS).toBeLessThanOrEqual(6600);
    }
    // Every event the run recorded is in the store, in order.
    const all = await json(await s.call(`/api/runs/${runId}/events?limit=5000`));
    expect(all.events.map((e: { seq: number }) => e.seq)).toEqual(all.events.map((_: unknown, i: number) => i + 1));
    expect(all.events.at(-1).type).toBe('run.finished');

    const frameRes = await s.call(`/api/runs/${runId}/frames?t=5400`);
    expect(frameRes.headers.get('content-type')).toBe('application/octet-stream');
    const frame = decodeFrameMessage(new Uint8Array(await frameRes.arrayBuffer()));
    expect(frame.tS).toBe(5400);
    expect(frame.depthMm.some((mm) => mm > 50)).toBe(true);
    const state = await json(await s.call(`/api/runs/${runId}/state?t=3600`));
    expect(state.tS ?? state.timeS).toBe(3600);
    expect(state.trucks.length).toBeGreaterThan(0);

    const zip = unzipSync(new Uint8Array(await (await s.call(`/api/runs/${runId}/record`)).arrayBuffer()));
    const names = Object.keys(zip);
    expect(names).toContain(`${runId}/manifest.json`);
    expect(names).toContain(`${runId}/events.ndjson`);
    expect(names.some((n) => n.includes('/checkpoints/'))).toBe(true);
    const report = await s.call(`/api/runs/${runId}/report?lang=en`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    const html = await report.text();
    expect(html).toContain('<svg');
    expect(html).toContain('OpenStreetMap');
    expect((await s.call(`/api/runs/${runId}/report?lang=zh`)).status).toBe(200);
    const listed = await json(await s.call('/api/runs'));
    expect(listed.map((r: { id: string }) => r.id)).toContain(runId);
  }, 120_000);

  it('forks a finished run into a what-if', async () => {
    const fork = await s.call(`/api/runs/${runId}/forks`, {
      method: 'POST',
      role: 'planner',
      json: { atS: 3600, patch: { fleet: { policy: 'nearest' } } },
    });
    expect(fork.status).toBe(202);
    const child = await json(fork);
    expect(child.parent).toEqual({ id: runId, atS: 3600 });
    await s.app.twin.runs.whenDone(child.id);
    const done = await json(await s.call(`/api/runs/${child.id}`));
    expect(done.status).toBe('finished');
    const ev = await json(await s.call(`/api/runs/${child.id}/events?limit=5000`));
    const parentEv = await json(await s.call(`/api/runs/${runId}/events?limit=5000`));
    // The prefix up to the checkpoint is the parent's.
    const prefix = parentEv.events.filter((e: { timeS: number }) => e.timeS < 3600);
    expect(ev.events.slice(0, prefix.length)).toEqual(prefix);
  }, 120_000);

  it('manages tokens (admin)', async () => {
    const made = await s.call('/api/tokens', {
      method: 'POST',
      role: 'admin',
      json: { name: 'kiosk-1', role: 'viewer' },
    });
    expect(made.status).toBe(201);
    const { token, id } = await json(made);
    expect((await s.call('/api/runs', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const list = await json(await s.call('/api/tokens', { role: 'admin' }));
    expect(list.some((t: { name: string; hash?: string }) => t.name === 'kiosk-1' && !t.hash)).toBe(true);
    expect((await s.call(`/api/tokens/${id}`, { method: 'DELETE', role: 'admin' })).status).toBe(204);
    expect((await s.call('/api/runs', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
