// POST /api/runs with pauseAtS over real HTTP: the run holds itself at the first control step at or after that time
// (a drill paused at a chosen moment, whatever the machine's load), reports it on its status and stream, stays there
// until resumed, then runs to its end; a time at or after the end is a 400 that says which times are allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Run = { status: string; reachedS: number; durationS: number };

describe('POST /api/runs with pauseAtS', () => {
  it('pauses the run by itself at that time, holds it there, and resumes to the end', async () => {
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: { ...SHORT_STORM, name: 'pause-at' }, pace: 0, pauseAtS: 1800 },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let run: Run;
    for (;;) {
      run = (await (await s.call(`/api/runs/${id}`)).json()) as Run;
      if (!['queued', 'running'].includes(run.status)) break;
      await sleep(100);
    }
    expect(run.status).toBe('paused');
    // The first control step at or after 1,800 s: the run stepped as fast as it could and still stopped there.
    expect(run.reachedS).toBeGreaterThanOrEqual(1800);
    expect(run.reachedS).toBeLessThan(1800 + 300);
    const events = (await (await s.call(`/api/runs/${id}/events?limit=5000`)).json()) as {
      events: { timeS: number }[];
    };
    expect(events.events.length).toBeGreaterThan(0);
    expect(Math.max(...events.events.map((e) => e.timeS))).toBeLessThanOrEqual(run.reachedS);
    await sleep(1500);
    const held = (await (await s.call(`/api/runs/${id}`)).json()) as Run;
    expect(held).toMatchObject({ status: 'paused', reachedS: run.reachedS });

    expect((await s.call(`/api/runs/${id}/resume`, { method: 'POST', role: 'operator' })).status).toBe(200);
    await s.app.twin.runs.whenDone(id);
    const done = (await (await s.call(`/api/runs/${id}`)).json()) as Run;
    expect(done).toMatchObject({ status: 'finished', reachedS: SHORT_STORM.durationS });
  }, 120_000);

  it('refuses a pause time at or after the run’s end, saying which times are allowed', async () => {
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: { ...SHORT_STORM, name: 'pause-late' }, pauseAtS: 7200 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; hint?: string };
    expect(JSON.stringify(body)).toMatch(/pauseAtS: 7200 s is not before the run's end \(7200 s\)/);
    expect(JSON.stringify(body)).toMatch(/from 0 to 7199 s/);
    const negative = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: { ...SHORT_STORM, name: 'pause-neg' }, pauseAtS: -5 },
    });
    expect(negative.status).toBe(400);
  });
});
