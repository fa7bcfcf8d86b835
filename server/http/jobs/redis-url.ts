// Where the distributed queue's Redis is: `--queue redis://host:port[/db]` or REDIS_URL, parsed into BullMQ's
// connection options, and checked with a PING within seconds so an unreachable server is one clear line, not a hang.
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { CliError } from '../../cli/verb.ts';

/** BullMQ (ioredis) connection options. */
export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
}

/**
 * Parses a redis:// or rediss:// URL.
 * @param from where it came from, for messages (`--queue`, `REDIS_URL`)
 * @throws CliError naming `from` for anything else
 */
export function parseRedisUrl(url: string, from: string): RedisConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError(`${from}: "${url}" is not a URL; give redis://host:port (e.g. redis://127.0.0.1:6379)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new CliError(
      `${from}: "${url}" is not a redis:// URL; give redis://host:port, or leave it out for the embedded pool`,
    );
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new CliError(`${from}: database "${db}" in "${url}" is not a number`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Resolves when a Redis server answers PING at `c` (or says it wants a password: it is there); rejects with a CliError
 * naming the address, the cause and the fix within `timeoutMs`.
 */
export function checkRedis(c: RedisConnection, from: string, timeoutMs = 3000): Promise<void> {
  const where = `${c.host}:${c.port}`;
  return new Promise((resolve, reject) => {
    const socket = c.tls ? tlsConnect({ host: c.host, port: c.port }) : connect({ host: c.host, port: c.port });
    let reply = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new CliError(
          `cannot reach Redis at ${where} (${from}): ${why}. Start redis-server there, or give the right ${from} (redis://host:port); without it the embedded pool runs here`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    socket.on(c.tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      if (!reply.includes('\r\n')) return;
      if (reply.startsWith('+PONG') || reply.startsWith('-NOAUTH')) {
        clearTimeout(timer);
        socket.end();
        resolve();
      } else fail(`it answered ${JSON.stringify(reply.split('\r\n')[0].slice(0, 60))} to PING: not a Redis server`);
    });
  });
}

/** The queue URL from an option or REDIS_URL (undefined: the embedded pool), with where it came from. */
export function queueUrl(option: string | undefined): { url: string; from: string } | undefined {
  if (option) return { url: option, from: '--queue' };
  const env = process.env.REDIS_URL;
  return env ? { url: env, from: 'REDIS_URL' } : undefined;
}
