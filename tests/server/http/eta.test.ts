// GET /api/runs/:id/eta over real HTTP: a paced drill (manual dispatch) that holds itself at 01:42, a minute after
// its first case opened (pauseAtS: the same moment on a quiet or a loaded machine); the trucks' ETAs
// the run's thread answers equal caseEtas on the same run stepped in this process to the same moment; a truck sent by
// hand then shows as serving it; an unknown case is a 404 naming the cases, a finished run a 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEtas, type CaseEtas } from '../../../simulation/fleet/index.ts';
import { ScenarioRun } from '../../../simulation/scenario/index.ts';
import { buildTwin } from '../../../twin/district/build-twin.ts';
import { loadDistrict } from '../../../twin/district/load-district.node.ts';
import { BUNDLED_DISTRICT } from '../../../server/http/app.ts';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Three hours, so that at 600 × the run is still going a few seconds after it is resumed at 01:42.
const DRILL = { ...SHORT_STORM, durationS: 10_800, name: 'eta-drill', fleet: { policy: 'manual' } };
/** 01:42: the first case (C001, 易积水点 H17) opens at 01:41 in this storm. */
const HOLD_AT_S = 6120;

describe('GET /api/runs/:id/eta', () => {
  it("answers every truck's ETA to a case on the run's flooded roads, as the simulation's routing does", async () => {
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: DRILL, pace: 600, pauseAtS: HOLD_AT_S },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let status = '';
    for (let i = 0; i < 1200 && status !== 'paused'; i++) {
      status = ((await (await s.call(`/api/runs/${id}`)).json()) as { status: string }).status;
      if (status !== 'paused') await sleep(100);
    }
    expect(status).toBe('paused');
    const page = (await (await s.call(`/api/runs/${id}/events?type=case.opened`)).json()) as {
      events: { caseId: string }[];
    };
    const caseId = page.events[0]?.caseId ?? '';
    expect(caseId).toBe('C001');
    const answer = (await (await s.call(`/api/runs/${id}/eta?case=${caseId}`)).json()) as CaseEtas & { tS: number };
    expect(answer.caseId).toBe(caseId);
    expect(answer.servedBy).toBe('');

    // The same run, stepped here to the same moment, gives the same ETAs.
    const spec = s.app.twin.districts.place('shanghai-bund', DRILL, 'scenario');
    const twin = buildTwin(await loadDistrict(BUNDLED_DISTRICT), { cellM: spec.cellM! });
    const run = ScenarioRun.start(twin, spec);
    try {
      run.stepTo(answer.tS);
      expect(run.tS).toBe(answer.tS);
      const { tS: _t, ...etas } = answer;
      expect(etas).toEqual(caseEtas(run.parts.fleet.world, caseId));
    } finally {
      run.close();
    }
    expect(answer.trucks.length).toBe(twin.district.fleet.length);
    const reachable = answer.trucks.filter((t) => t.etaS !== null);
    expect(reachable.length).toBeGreaterThan(0);
    const times = reachable.map((t) => t.etaS!);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Send the nearest by hand; once the run has applied it, the case shows it as served by that truck.
    const first = reachable[0].truckId;
    const sent = await s.call(`/api/runs/${id}/commands`, {
      method: 'POST',
      role: 'operator',
      json: { kind: 'dispatch', truckId: first, caseId },
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const { applyAtS } = (await sent.json()) as { applyAtS: number };
    await s.call(`/api/runs/${id}/resume`, { method: 'POST', role: 'operator' });
    let after: CaseEtas & { tS: number } = answer;
    for (let i = 0; i < 600 && after.tS < applyAtS; i++) {
      await sleep(50);
      after = (await (await s.call(`/api/runs/${id}/eta?case=${caseId}`)).json()) as typeof after;
    }
    expect(after.servedBy).toBe(first);
    expect(after.trucks.find((t) => t.truckId === first)!.caseId).toBe(caseId);

    const unknown = await s.call(`/api/runs/${id}/eta?case=C999`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/no case "C999" has opened.*use one of/);
    await s.call(`/api/runs/${id}/cancel`, { method: 'POST', role: 'planner' });
    await s.app.twin.runs.whenDone(id);
    const done = await s.call(`/api/runs/${id}/eta?case=${caseId}`);
    expect(done.status).toBe(409);
  }, 180_000);
});
