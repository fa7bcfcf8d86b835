// `npm start`: the server on the bundled district (PORT, HOST, DATA_DIR, SIM_THREADS, ENGINE_THREADS, ANONYMOUS_VIEWER,
// DISTRICTS, RATE_LIMIT, REDIS_URL: runs on BullMQ and `rivertwin worker`s instead of the embedded pool),
// with pino logs, and a graceful shutdown on SIGINT/SIGTERM that checkpoints running runs (a restart resumes them).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import { parseEngineThreads } from '../engine-threads.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT=${process.env.PORT} is not a port number; give 0–65535`);
  // Read by each run's worker; checked here so a bad value stops the start, not every run.
  parseEngineThreads(process.env.ENGINE_THREADS, 'ENGINE_THREADS');
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  const anonymousViewer = process.env.ANONYMOUS_VIEWER ? process.env.ANONYMOUS_VIEWER === '1' : LOOPBACK.has(host);
  const app = await buildApp({
    dataDir,
    anonymousViewer,
    maxThreads: Number(process.env.SIM_THREADS ?? Math.max(1, availableParallelism() - 1)),
    ...(process.env.DISTRICTS ? { districtDirs: process.env.DISTRICTS.split(',') } : {}),
    ...(process.env.REDIS_URL ? { queueUrl: { url: process.env.REDIS_URL, from: 'REDIS_URL' } } : {}),
    // RATE_LIMIT=0 turns the per-client limit off (a load test from one address).
    ...(process.env.RATE_LIMIT ? { rateLimitPerMinute: Number(process.env.RATE_LIMIT) || false } : {}),
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: checkpointing running runs');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const address = await app.listen({ port, host });
  const shown = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  process.stdout.write(
    `rivertwin serving ${app.twin.districts
      .list()
      .map((d) => d.id)
      .join(
        ', ',
      )} at ${shown}  (API ${shown}/api, docs ${shown}/docs; data in ${dataDir}; ${anonymousViewer ? 'anonymous viewers allowed' : 'tokens required'}; ${process.env.REDIS_URL ? 'runs on BullMQ (REDIS_URL)' : 'runs on the embedded pool'})\n`,
  );
}

main().catch((err: unknown) => {
  const e = err as Error & { code?: string };
  const msg =
    e?.code === 'EADDRINUSE' ? `port in use (${e.message}); set PORT to a free one` : (e?.message ?? String(err));
  process.stderr.write(`rivertwin: cannot start the server: ${msg.split('\n')[0].replace(/^rivertwin: /, '')}\n`);
  process.exit(1);
});
