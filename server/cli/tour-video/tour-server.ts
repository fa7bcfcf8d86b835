// The server a tour video is filmed from: one given by --server, or the rivertwin server started here on loopback
// (a data directory, the built app), and the run the tour replays — found among its runs, or started and waited for.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Tour } from '../../../simulation/tour/index.ts';
import { newToken } from '../../http/auth.ts';
import { buildApp } from '../../http/app.ts';
import { APP_DIST } from '../../http/static-app.ts';
import { Progress } from '../progress.ts';
import { CliError } from '../verb.ts';

/** A server to film from. */
export interface TourServer {
  url: string;
  /** A planner's token, when one is known (needed to start a missing run). */
  token: string | null;
  close(): Promise<void>;
}

/** Starts the server here (`dataDir` kept when given, else a temporary one removed at the end). */
export async function startLocalServer(opts: { dataDir?: string; appDir?: string }): Promise<TourServer> {
  const appDir = resolve(opts.appDir ?? APP_DIST);
  if (!existsSync(join(appDir, 'index.html')))
    throw new CliError(`the app is not built (no ${join(appDir, 'index.html')}); run "npm run build" or give --app`);
  const dir = opts.dataDir ? resolve(opts.dataDir) : mkdtempSync(join(tmpdir(), 'rivertwin-tour-'));
  const app = await buildApp({ dataDir: dir, anonymousViewer: true, rateLimitPerMinute: false, appDir, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const name = `tour-video-${randomBytes(4).toString('hex')}`;
  const { token, row } = newToken(app.twin.store, 'planner', name);
  return {
    url,
    token,
    async close() {
      app.twin.store.deleteToken(row.id);
      await app.close();
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server running elsewhere; checked to answer as a rivertwin server. */
export async function remoteServer(url: string, token: string | null): Promise<TourServer> {
  const base = url.replace(/\/+$/, '');
  let ok = false;
  try {
    const res = await fetch(`${base}/api/health`);
    ok = res.ok && (res.headers.get('content-type') ?? '').includes('json');
  } catch {
    ok = false;
  }
  if (!ok) throw new CliError(`--server ${base}: no rivertwin server answers there (GET /api/health failed)`);
  return { url: base, token, close: async () => undefined };
}

interface RunRow {
  id: string;
  scenario: string;
  district: string;
  status: string;
  reachedS: number;
  durationS: number;
  error: string | null;
}

/**
 * The id of a finished run of the tour's scenario that reaches the tour's last moment; started (by a planner's
 * token) and waited for when the server has none. Progress on stderr.
 */
export async function tourRun(server: TourServer, tour: Tour, needS: number): Promise<string> {
  const auth: Record<string, string> = server.token ? { authorization: `Bearer ${server.token}` } : {};
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...auth, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    const body = (await res.json().catch(() => ({}))) as T & { message?: string; hint?: string };
    if (!res.ok)
      throw new CliError(`${init.method ?? 'GET'} ${path}: ${res.status} ${body.message ?? ''} ${body.hint ?? ''}`);
    return body;
  };
  const { district, scenario, cellM } = tour.run;
  const rows = await api<RunRow[]>(`/api/runs?district=${encodeURIComponent(district)}&limit=500`);
  const found = rows.find(
    (r) => r.scenario === scenario && r.district === district && r.status === 'finished' && r.reachedS >= needS,
  );
  if (found) return found.id;
  if (!server.token)
    throw new CliError(
      `the server has no finished run of ${district}.${scenario} reaching ${needS} s; give --token <a planner's token> ` +
        'so tour-video can start one, or start it there first (POST /api/runs)',
    );
  const id = `${district}.${scenario}`;
  const body =
    cellM === undefined
      ? { scenario: id }
      : { district, scenario: { ...(await api<{ scenario: object }>(`/api/scenarios/${id}`)).scenario, cellM } };
  const started = await api<RunRow>('/api/runs', { method: 'POST', body: JSON.stringify(body) });
  process.stderr.write(`tour-video: no run of ${id} on the server; running it (${started.id})\n`);
  const progress = new Progress(`tour-video: ${scenario}`, started.durationS);
  for (;;) {
    const r = await api<RunRow>(`/api/runs/${started.id}`);
    progress.update(r.reachedS);
    if (r.status === 'finished') break;
    if (['failed', 'cancelled'].includes(r.status))
      throw new CliError(`the run ${started.id} of ${id} ${r.status}${r.error ? `: ${r.error}` : ''}`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  progress.done();
  return started.id;
}
