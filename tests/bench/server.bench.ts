// Bench: the server under its two loads, from another process than the one serving (npm start as a child process).
// 1. Stream: N WebSocket clients on loopback follow one replay of a finished run at 60×; each progress message
//    carries the server's send time, so a client sees how late the stream reaches it.
// 2. API: autocannon at a fixed 1,000 requests per second over a mix of reads (health, districts, runs, a run, a
//    page of events, a state), measuring latency.
// Prints {clients, framesPerSecond, framesPerSecondPerClient, streamP99Ms, apiRequestsPerSecond, apiP99Ms, errors}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { seedTokens, spawnServer } from '../helpers/server.ts';

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const opt = (name: string, d: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const clients = opt('--clients', 500);
  const streamSeconds = opt('--stream-seconds', 20);
  const apiSeconds = opt('--api-seconds', 10);
  const rate = opt('--rate', 1000);
  const log = (s: string): void => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'rivertwin-bench-server-'));
  const { planner } = seedTokens(dataDir, ['planner']);
  const server = await spawnServer(dataDir, { RATE_LIMIT: '0', SIM_THREADS: '1' });
  try {
    const headers = { authorization: `Bearer ${planner}`, 'content-type': 'application/json' };
    const start = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        district: 'shanghai-bund',
        scenario: {
          name: 'bench-storm',
          durationS: 8 * 3600,
          cellM: 20,
          rain: { kind: 'preset', name: 'pulasan-2024-09-20' },
          river: 'springTide',
        },
      }),
    });
    const { id } = (await start.json()) as { id: string };
    log(`recording a run to replay (${id})…`);
    for (;;) {
      const st = (await (await fetch(`${server.url}/api/runs/${id}`, { headers })).json()) as { status: string };
      if (st.status === 'finished') break;
      if (st.status === 'failed') throw new Error('the bench run failed');
      await new Promise((r) => setTimeout(r, 250));
    }

    // 1. Stream.
    log(`${clients} clients follow the replay at 60× for ${streamSeconds} s…`);
    const lateMs: number[] = [];
    let frames = 0;
    let dropped = 0;
    const sockets: WebSocket[] = [];
    await Promise.all(
      Array.from({ length: clients }, () => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/runs/${id}/stream?speed=60`, { headers });
        sockets.push(ws);
        ws.on('message', (data, isBinary) => {
          if (isBinary) {
            frames++;
            return;
          }
          const m = JSON.parse(String(data)) as { type: string; sentAt?: number };
          if (m.type === 'progress' && m.sentAt) lateMs.push(Date.now() - m.sentAt);
        });
        ws.on('close', (code) => {
          if (code === 1013) dropped++;
        });
        return new Promise((r) => ws.on('open', r));
      }),
    );
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, streamSeconds * 1000));
    const seconds = (performance.now() - t0) / 1000;
    const framesPerSecond = frames / seconds;
    for (const ws of sockets) ws.close();

    // 2. API.
    log(`API: ${rate} requests/s for ${apiSeconds} s over a mix of reads…`);
    const paths = [
      '/api/health',
      '/api/districts',
      '/api/runs',
      `/api/runs/${id}`,
      `/api/runs/${id}/events?limit=50`,
      `/api/runs/${id}/events?type=case.&limit=50`,
      `/api/runs/${id}/state?t=7200`,
      `/api/runs/${id}/kpis`,
    ];
    const result = await autocannon({
      url: server.url,
      connections: 50,
      overallRate: rate,
      duration: apiSeconds,
      headers: { authorization: `Bearer ${planner}` },
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const figures = {
      clients,
      framesPerSecond: Math.round(framesPerSecond),
      framesPerSecondPerClient: Math.round((framesPerSecond / clients) * 100) / 100,
      streamP99Ms: Math.round(percentile(lateMs, 99) * 10) / 10,
      streamP50Ms: Math.round(percentile(lateMs, 50) * 10) / 10,
      clientsDropped: dropped,
      apiRequestsPerSecond: Math.round(result.requests.average),
      apiP99Ms: result.latency.p99,
      apiP50Ms: result.latency.p50,
      errors: result.errors + result.non2xx + result.timeouts,
    };
    process.stdout.write(json ? JSON.stringify(figures) + '\n' : `${JSON.stringify(figures, null, 1)}\n`);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
