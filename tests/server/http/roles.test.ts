// Every route with every role and with no token (anonymous viewers off): a role below a route's needs a 403, no
// token a 401, and the role check comes before the body is read, so a refused caller learns nothing from validation.
// The allowed calls carry ids or bodies that fail after the check, so the matrix changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../server/http/auth.ts';
import type { Role } from '../../../server/http/store/store.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ anonymousViewer: false });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

type Method = 'GET' | 'POST' | 'DELETE';
const ROUTES: [Method, string, Role, unknown?][] = [
  ['GET', '/api/districts', 'viewer'],
  ['GET', '/api/districts/shanghai-bund', 'viewer'],
  ['GET', '/api/districts/shanghai-bund/layers/depots', 'viewer'],
  ['GET', '/api/districts/shanghai-bund/grid', 'viewer'],
  ['GET', '/api/districts/shanghai-bund/terrain', 'viewer'],
  ['GET', '/api/districts/shanghai-bund/road-edges', 'viewer'],
  ['GET', '/api/scenarios', 'viewer'],
  ['GET', '/api/scenarios/shanghai-bund.design-5y', 'viewer'],
  ['POST', '/api/scenarios/validate', 'viewer', { district: 'shanghai-bund' }],
  ['POST', '/api/scenarios', 'planner', { district: 'shanghai-bund' }],
  ['GET', '/api/schemas/scenario', 'viewer'],
  ['POST', '/api/runs', 'planner', {}],
  ['GET', '/api/runs', 'viewer'],
  ['GET', '/api/runs/run-none', 'viewer'],
  ['GET', '/api/runs/run-none/manifest', 'viewer'],
  ['GET', '/api/runs/run-none/series', 'viewer'],
  ['POST', '/api/runs/run-none/pause', 'operator'],
  ['POST', '/api/runs/run-none/resume', 'operator'],
  ['POST', '/api/runs/run-none/cancel', 'planner'],
  ['GET', '/api/runs/run-none/kpis', 'viewer'],
  ['GET', '/api/runs/run-none/events', 'viewer'],
  ['GET', '/api/runs/run-none/frames?t=0', 'viewer'],
  ['GET', '/api/runs/run-none/state?t=0', 'viewer'],
  ['GET', '/api/runs/run-none/record', 'viewer'],
  ['GET', '/api/runs/run-none/stream', 'viewer'],
  ['POST', '/api/runs/run-none/commands', 'operator', { kind: 'hold', truckId: 'T01' }],
  ['GET', '/api/runs/run-none/commands', 'viewer'],
  ['GET', '/api/runs/run-none/score-card', 'viewer'],
  ['GET', '/api/runs/run-none/eta?case=C001', 'viewer'],
  ['GET', '/api/runs/run-none/report', 'viewer'],
  ['POST', '/api/runs/run-none/forks', 'planner', { atS: 60 }],
  ['POST', '/api/incidents', 'planner', {}],
  ['POST', '/api/ensembles', 'planner', {}],
  ['GET', '/api/ensembles', 'viewer'],
  ['GET', '/api/ensembles/ens-none', 'viewer'],
  ['POST', '/api/ensembles/ens-none/cancel', 'planner'],
  ['GET', '/api/ensembles/ens-none/results', 'viewer'],
  ['GET', '/api/ensembles/ens-none/maps/max-depth-p90.tif', 'viewer'],
  ['GET', '/api/ensembles/ens-none/grids/max-depth-p90', 'viewer'],
  ['GET', '/api/ensembles/ens-none/report', 'viewer'],
  ['GET', '/api/tokens', 'admin'],
  ['POST', '/api/tokens', 'admin', {}],
  ['DELETE', '/api/tokens/tok-none', 'admin'],
];

describe('role × route matrix', () => {
  it('covers every documented route', async () => {
    const doc = (await (await s.call('/docs/json', { role: 'viewer' })).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .filter((r) => !r.endsWith('/api/health'));
    const covered = new Set(ROUTES.map(([m, p]) => `${m} ${p.split('?')[0]}`));
    const asTemplate = (p: string) =>
      p
        .replace('/shanghai-bund.design-5y', '/{id}')
        .replace(/\/(shanghai-bund|run-none|tok-none|ens-none)/, '/{id}')
        .replace('/maps/max-depth-p90.tif', '/maps/{file}')
        .replace('/grids/max-depth-p90', '/grids/{name}')
        .replace('/layers/depots', '/layers/{layer}');
    const templates = new Set([...covered].map(asTemplate));
    for (const r of documented) expect(templates, r).toContain(r);
  });

  for (const [method, path, needs, body] of ROUTES) {
    it(`${method} ${path} needs ${needs}`, async () => {
      for (const role of [null, ...ROLES] as (Role | null)[]) {
        const res = await s.app.inject({
          method,
          url: path,
          headers: {
            ...(role ? { authorization: `Bearer ${s.tokens[role]}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        });
        const allowed = role !== null && ROLES.indexOf(role) >= ROLES.indexOf(needs);
        if (allowed) expect([401, 403], `${role} on ${method} ${path}: ${res.body}`).not.toContain(res.statusCode);
        else {
          expect(res.statusCode, `${role} on ${method} ${path}: ${res.body}`).toBe(role ? 403 : 401);
          expect(res.json().code).toBe(role ? 'API_ERR_FORBIDDEN' : 'API_ERR_UNAUTHORIZED');
        }
      }
    });
  }

  it('stored nothing', () => {
    expect(s.app.twin.store.listRuns({ limit: 10, offset: 0 })).toEqual([]);
    expect(s.app.twin.store.listScenarios()).toEqual([]);
    expect(
      s.app.twin.store
        .listTokens()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['test-admin', 'test-operator', 'test-planner', 'test-viewer']);
  });

  it('health needs no token', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
