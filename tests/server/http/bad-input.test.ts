// Bad input gets a coded 4xx that says what and where, and nothing is stored: malformed JSON, schema violations
// (with the JSON path), scenario errors from the same checks as the CLI, oversized bodies, unknown ids, path
// traversal in ids and layer names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ bodyLimit: 64 * 1024 });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

async function expectError(
  res: Response,
  status: number,
  code: string,
  says?: RegExp,
): Promise<{ message: string; hint?: string }> {
  const body = (await res.json()) as { statusCode: number; code: string; message: string; hint?: string };
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.statusCode).toBe(status);
  expect(body.code).toBe(code);
  if (says) expect(body.message).toMatch(says);
  return body;
}

const post = (path: string, body: string, role: 'planner' | 'operator' | 'admin' = 'planner') =>
  s.call(path, { method: 'POST', role, body, headers: { 'content-type': 'application/json' } });

describe('bad input', () => {
  it('malformed JSON is a 400 API_ERR_BAD_JSON', async () => {
    await expectError(await post('/api/scenarios', '{"district": "shanghai-bund", '), 400, 'API_ERR_BAD_JSON');
  });

  it('a schema violation names its JSON path', async () => {
    const r = await post('/api/runs', JSON.stringify({ district: 'shanghai-bund', scenario: 'x', pace: -5 }));
    await expectError(r, 400, 'API_ERR_VALIDATION', /body\/pace/);
    const extra = await post('/api/tokens', JSON.stringify({ name: 'a', role: 'viewer', colour: 'red' }), 'admin');
    await expectError(extra, 400, 'API_ERR_VALIDATION', /colour/);
  });

  it('a bad scenario is a 400 naming the field by its JSON path, from the same checks as the CLI', async () => {
    const r = await post(
      '/api/scenarios',
      JSON.stringify({ district: 'shanghai-bund', scenario: { ...SHORT_STORM, fleet: { polcy: 'nearest' } } }),
    );
    await expectError(r, 400, 'SIM_ERR_SCENARIO', /\/fleet\/polcy/);
    const run = await post(
      '/api/runs',
      JSON.stringify({ district: 'shanghai-bund', scenario: { ...SHORT_STORM, durationS: 'long' } }),
    );
    await expectError(run, 400, 'SIM_ERR_SCENARIO', /durationS/);
    const river = await post(
      '/api/runs',
      JSON.stringify({ district: 'shanghai-bund', scenario: { ...SHORT_STORM, river: 'noSuchTide' } }),
    );
    expect(river.status).toBe(400);
  });

  it('an oversized body is a 413', async () => {
    const big = JSON.stringify({ district: 'shanghai-bund', scenario: { name: 'x'.repeat(100_000) } });
    await expectError(await post('/api/scenarios', big), 413, 'API_ERR_TOO_LARGE');
  });

  it('unknown ids are 404s', async () => {
    await expectError(await s.call('/api/runs/run-nope'), 404, 'API_ERR_NOT_FOUND', /run-nope/);
    await expectError(await s.call('/api/districts/atlantis'), 404, 'API_ERR_NOT_FOUND', /atlantis/);
    await expectError(await s.call('/api/scenarios/shanghai-bund.nope'), 404, 'API_ERR_NOT_FOUND');
    await expectError(
      await post('/api/runs', JSON.stringify({ scenario: 'shanghai-bund.nope' })),
      404,
      'API_ERR_NOT_FOUND',
    );
    await expectError(
      await post('/api/runs/run-nope/commands', JSON.stringify({ kind: 'hold', truckId: 'T01' }), 'operator'),
      404,
      'API_ERR_NOT_FOUND',
    );
    await expectError(await s.call('/api/nowhere'), 404, 'API_ERR_NOT_FOUND');
  });

  it('path traversal in any id or name is refused', async () => {
    for (const path of [
      '/api/runs/..%2F..%2Fetc%2Fpasswd',
      '/api/runs/..%2Frivertwin.sqlite/record',
      '/api/runs/a..b/events',
      '/api/districts/..%2Fdatasets',
      '/api/districts/shanghai-bund/layers/..%2F..%2Fpackage.json',
      '/api/scenarios/..%2F..%2Fpackage',
    ]) {
      const r = await s.call(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      const body = (await r.json()) as { code: string };
      expect(['API_ERR_BAD_ID', 'API_ERR_NOT_FOUND'], path).toContain(body.code);
    }
    const scen = await s.call('/api/scenarios/shanghai-bund.%2E%2E%2Fdesign-5y');
    expect(scen.status).toBeGreaterThanOrEqual(400);
    expect(scen.status).toBeLessThan(500);
  });

  it('stored nothing', () => {
    expect(s.app.twin.store.listRuns({ limit: 10, offset: 0 })).toEqual([]);
    expect(s.app.twin.store.listScenarios()).toEqual([]);
  });
});
