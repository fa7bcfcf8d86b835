// Live streams over real WebSockets on loopback: a client follows a paced run to its end and receives every event
// once, in seq order, with frames; operator commands on the live run are acknowledged after they are stored; pause and
// resume hold the run's clock; a finished run replays to many clients on one clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrameMessage } from '../../../simulation/record/index.ts';
import type { RunEvent } from '../../../simulation/scenario/index.ts';
import { SHORT_STORM, startTestServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

interface Followed {
  events: RunEvent[];
  frames: number[];
  messages: string[];
  closed: Promise<number>;
  ws: WebSocket;
}

function follow(url: string): Followed {
  const ws = new WebSocket(url);
  const f: Followed = { events: [], frames: [], messages: [], ws, closed: Promise.resolve(0) };
  f.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      f.frames.push(decodeFrameMessage(new Uint8Array(data as Buffer)).step);
      return;
    }
    const m = JSON.parse(String(data)) as { type: string; events?: RunEvent[] };
    f.messages.push(m.type);
    if (m.events) f.events.push(...m.events);
  });
  return f;
}

const wsUrl = (path: string) => `${s.url.replace('http', 'ws')}${path}`;

describe('live stream', () => {
  it('follows a paced run to its end: every event once, in seq order, with frames; commands and pause on the way', async () => {
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: {
        district: 'shanghai-bund',
        scenario: { ...SHORT_STORM, fleet: { policy: 'manual' } },
        pace: 1200,
      },
    });
    const run = (await res.json()) as { id: string };
    const f = follow(wsUrl(`/api/runs/${run.id}/stream`));
    await new Promise((r) => f.ws.on('open', r));
    // Wait until the run is going, then drill: hold a truck, pause, resume.
    for (
      let i = 0;
      i < 100 && ((await (await s.call(`/api/runs/${run.id}`)).json()) as { status: string }).status !== 'running';
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const cmd = await s.call(`/api/runs/${run.id}/commands`, {
      method: 'POST',
      role: 'operator',
      json: { kind: 'hold', truckId: 'T01' },
    });
    expect(cmd.status).toBe(201);
    const ack = (await cmd.json()) as { n: number; issuedS: number };
    expect(ack.n).toBe(1);
    // The acknowledged command is stored.
    const stored = (await (await s.call(`/api/runs/${run.id}/commands`)).json()) as { issuedS: number }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].issuedS).toBe(ack.issuedS);
    // A command naming no truck is rejected and nothing is stored.
    const bad = await s.call(`/api/runs/${run.id}/commands`, {
      method: 'POST',
      role: 'operator',
      json: { kind: 'hold', truckId: 'T99' },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { code: string }).code).toBe('API_ERR_COMMAND_REJECTED');
    expect((await (await s.call(`/api/runs/${run.id}/commands`)).json()) as unknown[]).toHaveLength(1);
    // A time already past is refused.
    const past = await s.call(`/api/runs/${run.id}/commands`, {
      method: 'POST',
      role: 'operator',
      json: { kind: 'release', truckId: 'T01', atS: 0 },
    });
    expect(past.status).toBe(422);

    expect((await s.call(`/api/runs/${run.id}/pause`, { method: 'POST', role: 'operator' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const held = ((await (await s.call(`/api/runs/${run.id}`)).json()) as { reachedS: number }).reachedS;
    await new Promise((r) => setTimeout(r, 500));
    expect(((await (await s.call(`/api/runs/${run.id}`)).json()) as { reachedS: number }).reachedS).toBe(held);
    expect((await s.call(`/api/runs/${run.id}/resume`, { method: 'POST', role: 'operator' })).status).toBe(200);

    expect(await f.closed).toBe(1000);
    const row = (await (await s.call(`/api/runs/${run.id}`)).json()) as { status: string };
    expect(row.status).toBe('finished');
    const seqs = f.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const all = (await (await s.call(`/api/runs/${run.id}/events?limit=5000`)).json()) as { events: RunEvent[] };
    expect(f.events).toEqual(all.events);
    expect(f.frames.length).toBeGreaterThan(10);
    expect(f.messages[0]).toBe('hello');
    expect(f.messages.at(-1)).toBe('end');
    // A drill is scored against the automatic plan, which runs when it ends.
    let card: { format?: string; score?: number; cases?: unknown[] } = {};
    for (let i = 0; i < 600; i++) {
      const r = await s.call(`/api/runs/${run.id}/score-card`);
      if (r.status === 200) {
        card = (await r.json()) as typeof card;
        break;
      }
      expect(r.status).toBe(409);
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(card.format).toBe('rivertwin.score-card/1');
    expect(card.score).toBeGreaterThanOrEqual(0);
    expect(card.score).toBeLessThan(100);
    expect(card.cases!.length).toBeGreaterThan(0);
    const runsNow = (await (await s.call('/api/runs')).json()) as { id: string; scenario: string }[];
    expect(runsNow.some((r) => r.scenario.endsWith('+ optimal dispatch'))).toBe(true);
    // Finished: commands are refused with a coded 409, nothing stored.
    const late = await s.call(`/api/runs/${run.id}/commands`, {
      method: 'POST',
      role: 'operator',
      json: { kind: 'release', truckId: 'T01' },
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('API_ERR_RUN_STATE');
  }, 120_000);

  it('replays a finished run to many clients on one clock', async () => {
    const res = await s.call('/api/runs', {
      method: 'POST',
      role: 'planner',
      json: { district: 'shanghai-bund', scenario: SHORT_STORM },
    });
    const run = (await res.json()) as { id: string };
    await s.app.twin.runs.whenDone(run.id);
    const clients = Array.from({ length: 5 }, () => follow(wsUrl(`/api/runs/${run.id}/stream?speed=3600`)));
    const codes = await Promise.all(clients.map((c) => c.closed));
    expect(codes).toEqual([1000, 1000, 1000, 1000, 1000]);
    const all = (await (await s.call(`/api/runs/${run.id}/events?limit=5000`)).json()) as { events: RunEvent[] };
    for (const c of clients) {
      expect(c.messages[0]).toBe('hello');
      expect(c.messages.at(-1)).toBe('end');
      expect(c.events.map((e) => e.seq)).toEqual(all.events.map((e) => e.seq));
      expect(c.frames.length).toBeGreaterThan(1);
    }
  }, 60_000);

  it('tells a plain GET of a stream to upgrade', async () => {
    const list = (await (await s.call('/api/runs')).json()) as { id: string }[];
    const r = await s.call(`/api/runs/${list[0].id}/stream`);
    expect(r.status).toBe(426);
  });
});
