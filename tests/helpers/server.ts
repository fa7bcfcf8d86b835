// A real rivertwin server for tests: built by buildApp on a fresh data directory, listening on loopback (port 0),
// with a token of every role.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/http/app.ts';
import { newToken } from '../../server/http/auth.ts';
import { SqliteStore } from '../../server/http/store/sqlite-store.ts';
import type { Role } from '../../server/http/store/store.ts';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  tokens: Record<Role, string>;
  /** fetch with a role's token (or none). */
  call(path: string, init?: RequestInit & { role?: Role | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** A short, busy scenario for server tests: the Pulasan storm on the Bund at 20 m cells for two hours. */
export const SHORT_STORM = {
  name: 'test-storm',
  durationS: 7200,
  cellM: 20,
  rain: { kind: 'preset', name: 'pulasan-2024-09-20' },
  river: 'springTide',
};

export async function startTestServer(opts: Partial<AppOptions> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'rivertwin-server-'));
  const app = await buildApp({ dataDir: dir, anonymousViewer: true, rateLimitPerMinute: false, ...opts });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'operator', 'planner', 'admin'] as Role[]) {
    const existing = app.twin.store.listTokens().some((t) => t.name === `test-${role}`);
    if (!existing) tokens[role] = newToken(app.twin.store, role, `test-${role}`).token;
  }
  return {
    app,
    url: address,
    dataDir: dir,
    tokens,
    call(path, init = {}) {
      const { role, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (role) headers.set('authorization', `Bearer ${tokens[role]}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${address}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    async close() {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `npm start` as a child process on loopback (port chosen by the OS); resolves with its URL once it serves. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const root = join(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/http/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /at http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { child, url };
}

/** Tokens written into a data directory before its server starts. */
export function seedTokens(dataDir: string, roles: Role[]): Record<string, string> {
  const store = new SqliteStore(join(dataDir, 'rivertwin.sqlite'));
  try {
    return Object.fromEntries(
      roles.map((r) => [r, newToken(store, r, `seed-${r}-${process.hrtime.bigint().toString(36)}`).token]),
    );
  } finally {
    store.close();
  }
}
