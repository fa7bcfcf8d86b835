// POST /api/incidents: the bundled sample log imported through the API in a worker thread, then served like any run;
// a bad row is a 400 naming file, row and column, and nothing is stored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/golden.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const sampleDir = join(repoRoot, 'datasets', 'shanghai-bund', 'incidents');
const badDir = join(repoRoot, 'tests', 'fixtures', 'simulation', 'incidents', 'bad-rows');
const file = (dir: string, name: string) => ({ name, content: readFileSync(join(dir, name), 'utf8') });

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

describe('incident import over the API', () => {
  it('imports the sample log into a run that replays', async () => {
    const files = readdirSync(sampleDir)
      .filter((n) => /\.(csv|ndjson)$/.test(n))
      .map((n) => file(sampleDir, n));
    const r = await s.call('/api/incidents', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', files },
    });
    const body = (await r.json()) as { run: { id: string; status: string }; summary: { events: number } };
    expect(r.status, JSON.stringify(body)).toBe(201);
    expect(body.run.status).toBe('finished');
    const id = body.run.id;
    const events = (await (await s.call(`/api/runs/${id}/events?type=case.&limit=5000`)).json()) as {
      events: { type: string; caseId: string }[];
    };
    expect(events.events.some((e) => e.type === 'case.opened')).toBe(true);
    const state = (await (await s.call(`/api/runs/${id}/state?t=${7 * 3600 + 50 * 60}`)).json()) as {
      cases: unknown[];
    };
    expect(state.cases.length).toBeGreaterThan(0);
    const planner = (await (await s.call(`/api/runs/${id}`)).json()) as { createdBy: string };
    expect(planner.createdBy).toBe('test-planner');
  }, 120_000);

  it('refuses a bad row naming file, row and column, and stores nothing', async () => {
    const before = s.app.twin.store.listRuns({ limit: 100, offset: 0 }).length;
    const r = await s.call('/api/incidents', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', files: [file(badDir, 'unknown-sensor.csv')] },
    });
    const body = (await r.json()) as { code: string; message: string };
    expect(r.status).toBe(400);
    expect(body.code).toMatch(/^(SIM|TWIN|API)_ERR_/);
    expect(body.message).toContain('unknown-sensor.csv, row 3, column A');
    expect(s.app.twin.store.listRuns({ limit: 100, offset: 0 }).length).toBe(before);
  }, 60_000);

  it('refuses a viewer and a file name with a path', async () => {
    const viewer = await s.call('/api/incidents', {
      method: 'POST',
      role: 'viewer',
      json: { district: 'shanghai-bund', files: [] },
    });
    expect(viewer.status).toBe(403);
    const bad = await s.call('/api/incidents', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', files: [{ name: '../../etc/passwd.csv', content: '' }] },
    });
    expect(bad.status).toBe(400);
  });
});
