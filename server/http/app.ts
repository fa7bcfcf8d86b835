// The rivertwin server, built by a factory kept apart from listen(): security headers, rate limits, auth, coded
// errors, the OpenAPI document at /docs/json with a page at /docs, one plugin per resource, the run manager over the
// job queue and the store. Tests build it and use app.inject() or listen on loopback.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { identify } from './auth.ts';
import { DistrictRegistry } from './district-registry.ts';
import { errorBody } from './error-body.ts';
import { ApiError } from './error-codes.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { BullQueue } from './jobs/bullmq-queue.ts';
import { LocalPool } from './jobs/local-pool.ts';
import { checkRedis, parseRedisUrl } from './jobs/redis-url.ts';
import { RunManager } from './run-manager.ts';
import { ErrorBodySchema } from './schemas.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { TwinStore } from './store/store.ts';
import { districtRoutes } from './routes/districts.ts';
import { ensembleRoutes } from './routes/ensembles.ts';
import { healthRoutes } from './routes/health.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { reportRoutes } from './routes/reports.ts';
import { etaRoutes } from './routes/eta.ts';
import { runDataRoutes } from './routes/run-data.ts';
import { runRoutes } from './routes/runs.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { streamRoutes } from './routes/stream.ts';
import { roadEdgeRoutes } from './routes/road-edges.ts';
import { terrainRoutes } from './routes/terrain.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { APP_DIST, staticApp } from './static-app.ts';

export const BUNDLED_DISTRICT = join(import.meta.dirname, '..', '..', 'datasets', 'shanghai-bund');

export interface AppOptions {
  /** Where the database and the run records live. */
  dataDir: string;
  /** District folders to serve (default: the bundled Bund). */
  districtDirs?: string[];
  /** Requests without a token are viewers (the open-day kiosk); off means every request needs a token. */
  anonymousViewer: boolean;
  /** Simulation threads in total, and runs queued beyond them. */
  maxThreads?: number;
  maxQueued?: number;
  /** Largest request body (bytes), default 1 MiB. */
  bodyLimit?: number;
  /** Requests per minute per client; false turns the limit off (load tests). Default 600. */
  rateLimitPerMinute?: number | false;
  /** CORS origins allowed; none by default. */
  corsOrigins?: string[];
  logger?: FastifyServerOptions['logger'];
  /** Replaces the embedded parts (a networked store, a distributed queue). */
  store?: TwinStore;
  queue?: JobQueue;
  /**
   * Runs and ensemble members go on BullMQ at this Redis (redis://host:port[/db]) instead of the embedded pool;
   * `rivertwin worker` processes run them. Checked at start: an unreachable Redis fails within seconds.
   */
  queueUrl?: { url: string; from: string };
  /** The built app served at `/` (default scenes/dist). */
  appDir?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    twin: { store: TwinStore; runs: RunManager; districts: DistrictRegistry; queue: JobQueue; options: AppOptions };
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  mkdirSync(join(options.dataDir, 'records'), { recursive: true });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1 << 20,
    // Unknown fields are errors, not silently dropped: a misspelt scenario field must say so.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true } },
    return503OnClosing: true,
  });
  const store = options.store ?? new SqliteStore(join(options.dataDir, 'rivertwin.sqlite'));
  const queue =
    options.queue ??
    (options.queueUrl
      ? await openBullQueue(options.queueUrl.url, options.queueUrl.from)
      : new LocalPool({ maxThreads: options.maxThreads ?? 1, maxQueued: options.maxQueued ?? 16 }));
  const districts = await DistrictRegistry.load(options.districtDirs ?? [BUNDLED_DISTRICT]);
  const runs = new RunManager(store, queue, districts, options.dataDir, app.log);
  app.decorate('twin', { store, runs, districts, queue, options });
  app.decorateRequest('caller', null);
  app.addSchema(ErrorBodySchema);

  await app.register(helmet, {
    // The docs page and (later) the app load only their own scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The globe (Cesium) compiles WebAssembly decoders; 'wasm-unsafe-eval' allows that, not eval().
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  if (options.corsOrigins?.length) {
    const allowed = new Set(options.corsOrigins);
    app.addHook('onRequest', async (req, reply) => {
      const origin = req.headers.origin;
      if (origin && allowed.has(origin)) reply.header('access-control-allow-origin', origin).header('vary', 'origin');
    });
  }
  if (options.rateLimitPerMinute !== false)
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, ctx) =>
        new ApiError('API_ERR_RATE_LIMITED', `more than ${ctx.max} requests in a minute`, `wait ${ctx.after}`),
    });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'rivertwin API',
        description:
          'Urban flood digital twin: districts, scenarios, runs, events, depth frames, live streams, operator commands, forks and ensembles.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/') && req.url !== '/api/health')
      req.caller = identify(store, req, options.anonymousViewer);
  });
  app.setErrorHandler((err, req, reply) => {
    const body = errorBody(err);
    if (body.statusCode >= 500) req.log.error({ err }, 'internal error');
    void reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const body = errorBody(
      new ApiError('API_ERR_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`, 'see /docs'),
    );
    void reply.status(404).send(body);
  });

  await app.register(healthRoutes);
  await app.register(districtRoutes);
  await app.register(scenarioRoutes);
  await app.register(runRoutes);
  await app.register(runDataRoutes);
  await app.register(streamRoutes);
  await app.register(tokenRoutes);
  await app.register(incidentRoutes);
  await app.register(reportRoutes);
  await app.register(ensembleRoutes);
  await app.register(terrainRoutes);
  await app.register(roadEdgeRoutes);
  await app.register(etaRoutes);
  await app.register(staticApp(options.appDir ?? APP_DIST));

  app.addHook('onReady', async () => {
    runs.recover();
  });
  app.addHook('onClose', async () => {
    // Running runs checkpoint where they stand and are marked interrupted; a restart resumes them.
    await queue.close();
    store.close();
  });
  return app;
}

/** BullMQ at `url`, checked reachable first (a clear error within seconds, never a hang). */
async function openBullQueue(url: string, from: string): Promise<BullQueue> {
  const connection = parseRedisUrl(url, from);
  await checkRedis(connection, from);
  return BullQueue.open(connection);
}
