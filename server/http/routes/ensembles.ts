// Ensembles (many storms × many fleets, README "Ensembles"): start one on a district (planner), follow its progress
// over members, cancel it (planner), read its results — ensemble.json — and its probability and percentile maps as
// GeoTIFFs (viewer). Members run on the server's job queue beside its runs.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth.ts';
import { EnsembleManager } from '../ensemble-manager.ts';
import { anyObject, errors, ID_PATTERN, IdParam } from '../schemas.ts';

const Count = Type.Integer({ minimum: 0 });
const EnsembleInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  district: Type.String(),
  status: Type.String({ description: 'running, finished, cancelled or failed' }),
  members: Count,
  progress: Type.Object({
    members: Count,
    done: Count,
    running: Count,
    failed: Count,
    cancelled: Count,
    waiting: Count,
    etaS: Type.Union([Type.Null(), Type.Number({ description: 'wall seconds left at the pace so far' })]),
  }),
  createdBy: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.Null(), Type.String()]),
  error: Type.Union([Type.Null(), Type.String()]),
  outputs: Type.Array(Type.String(), {
    description: 'ensemble.json, the GeoTIFF maps and the reports (report.zh.html, report.en.html), once finished',
  }),
  resumes: Type.Optional(Type.Integer({ minimum: 0, description: 'times a server restart took it up again' })),
});

export async function ensembleRoutes(app: FastifyInstance): Promise<void> {
  const { queue, districts, options } = app.twin;
  const manager = new EnsembleManager(queue, districts, options.dataDir, app.log);
  // Ensembles a shutdown or crash left running go on, their finished members kept.
  app.addHook('onReady', async () => {
    await manager.recover();
  });
  app.post(
    '/api/ensembles',
    {
      onRequest: requireRole('planner'),
      schema: {
        tags: ['ensembles'],
        summary: 'Starts an ensemble on a district; 202 with it, its members queued beside the runs',
        body: Type.Object(
          {
            district: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'default: the first district' })),
            ensemble: anyObject('an ensemble (rivertwin.ensemble/1, datasets/schemas/ensemble.schema.json)'),
          },
          { additionalProperties: false },
        ),
        response: { 202: EnsembleInfoSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const body = req.body as { district?: string; ensemble: object };
      const info = await manager.start(body.district ?? districts.list()[0].id, body.ensemble, req.caller!.name);
      void reply.status(202);
      return info;
    },
  );
  app.get(
    '/api/ensembles',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary: 'Ensembles, newest first',
        response: { 200: Type.Array(EnsembleInfoSchema), ...errors(401, 403) },
      },
    },
    async () => manager.list(),
  );
  app.get(
    '/api/ensembles/:id',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary: 'An ensemble and its progress over members (done, running, failed, waiting, time left)',
        params: IdParam,
        response: { 200: EnsembleInfoSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => manager.get((req.params as { id: string }).id),
  );
  app.post(
    '/api/ensembles/:id/cancel',
    {
      onRequest: requireRole('planner'),
      schema: {
        tags: ['ensembles'],
        summary: 'Cancels an ensemble: queued members are taken out, running ones stopped (planner and above)',
        params: IdParam,
        response: { 200: EnsembleInfoSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => manager.cancel((req.params as { id: string }).id, req.caller!.name),
  );
  app.get(
    '/api/ensembles/:id/results',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary: 'ensemble.json: members and errors, per hotspot and per fleet option distributions, fleet-size curves',
        params: IdParam,
        response: { 200: anyObject('rivertwin.ensemble-result/1'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => manager.result((req.params as { id: string }).id),
  );
  app.get(
    '/api/ensembles/:id/maps/:file',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary: 'A map of a finished ensemble as GeoTIFF (e.g. prob-depth-gt-15cm.tif, max-depth-p90.tif)',
        params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), file: Type.String({ pattern: ID_PATTERN }) }),
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id, file } = req.params as { id: string; file: string };
      const bytes = manager.map(id, file);
      void reply.type('image/tiff').header('content-disposition', `attachment; filename="${id}-${file}"`);
      return bytes;
    },
  );
  app.get(
    '/api/ensembles/:id/grids/:name',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary:
          'A map of a finished ensemble as little-endian float32 values, row 0 north, on the grid of its results (e.g. prob-depth-gt-15cm, max-depth-p90): for browsers',
        params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), name: Type.String({ pattern: ID_PATTERN }) }),
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id, name } = req.params as { id: string; name: string };
      const bytes = await manager.mapValues(id, name);
      void reply.type('application/octet-stream').header('cache-control', 'private, max-age=3600');
      return bytes;
    },
  );
  app.get(
    '/api/ensembles/:id/report',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['ensembles'],
        summary: 'The ensemble report as one self-contained HTML page (zh or en)',
        params: IdParam,
        querystring: Type.Object({ lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }),
        response: { ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { lang } = req.query as { lang: 'zh' | 'en' };
      const html = manager.report(id, lang);
      // The page is self-contained: it may load nothing, not even from here.
      void reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
        );
      return html;
    },
  );
}
