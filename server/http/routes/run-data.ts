// What a run has produced, read from the store and its record: events (paged, filtered by type and time), the depth
// frame at a time (binary RTF1: header + the record's gzip uint16 mm chunk), the state as of a time (rivertwin.view/1),
// the manifest and how far the record goes, dashboard series (rivertwin.series/1) and the whole record as a zip.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Zip, ZipPassThrough } from 'fflate';
import { RecordReplay, viewSeries } from '../../../simulation/record/index.ts';
import { RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import { requireRole } from '../auth.ts';
import { ApiError } from '../error-codes.ts';
import { anyObject, errors, IdParam, SECONDS } from '../schemas.ts';

export async function runDataRoutes(app: FastifyInstance): Promise<void> {
  const { runs, store } = app.twin;
  const viewer = requireRole('viewer');
  // Finished records do not change: their replay index is kept (a few, most recent).
  const replays = new Map<string, RecordReplay>();
  const replayOf = (id: string): RecordReplay => {
    const row = runs.get(id);
    const done = row.status === 'finished' || row.status === 'cancelled';
    const cached = done ? replays.get(id) : undefined;
    if (cached) return cached;
    const r = RecordReplay.open(new RecordFolderSource(runs.recordDir(id)));
    if (done) {
      replays.set(id, r);
      if (replays.size > 8) replays.delete(replays.keys().next().value!);
    }
    return r;
  };

  app.get(
    '/api/runs/:id/events',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: "A page of a run's events, in seq order",
        params: IdParam,
        querystring: Type.Object({
          type: Type.Optional(
            Type.String({
              pattern: '^[a-zA-Z.,]{1,200}$',
              description: "comma-separated types; one ending in '.' is a prefix (case.)",
            }),
          ),
          from: Type.Optional(SECONDS('from this simulated time (s)')),
          to: Type.Optional(SECONDS('to this simulated time (s)')),
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'events after this seq (the next page)' })),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
        }),
        response: {
          200: Type.Object({
            events: Type.Array(anyObject('RunEvent')),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      runs.get(id);
      const q = req.query as { type?: string; from?: number; to?: number; after?: number; limit: number };
      const events = store.events(id, {
        ...(q.type ? { types: q.type.split(',').filter(Boolean) } : {}),
        ...(q.from !== undefined ? { fromS: q.from } : {}),
        ...(q.to !== undefined ? { toS: q.to } : {}),
        ...(q.after !== undefined ? { afterSeq: q.after } : {}),
        limit: q.limit,
      });
      return { events, next: events.length === q.limit ? events[events.length - 1].seq : null };
    },
  );
  app.get(
    '/api/runs/:id/frames',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: 'The depth frame as of a time: RTF1 header (24 bytes) + gzip uint16 mm, rows north to south',
        params: IdParam,
        querystring: Type.Object({ t: SECONDS('simulated time (s)') }),
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { t } = req.query as { t: number };
      const replay = replayOf(id);
      const step = replay.stepAt(t);
      const m = replay.manifest;
      const frame = runs.readFrame(id, step, Math.min(step * m.controlStepS, m.endS));
      if (!frame)
        throw new ApiError('API_ERR_NOT_FOUND', `run ${id} has no frame at ${t} s yet`, 'ask for an earlier time');
      void reply.type('application/octet-stream').header('cache-control', 'no-store');
      return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    },
  );
  app.get(
    '/api/runs/:id/state',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: 'The state as of a time (rivertwin.view/1): trucks, cases, closures, sensors, river, rain, KPIs',
        params: IdParam,
        querystring: Type.Object({ t: SECONDS('simulated time (s)') }),
        response: { 200: anyObject('RunView'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return replayOf(id).stateAt((req.query as { t: number }).t);
    },
  );
  app.get(
    '/api/runs/:id/manifest',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: "The record's manifest (grid, control step, district, attribution) and how far it holds the run",
        params: IdParam,
        response: {
          200: Type.Object({
            manifest: anyObject('RecordManifest (rivertwin.record/1)'),
            lastS: Type.Union([Type.Number(), Type.Null()]),
            steps: Type.Integer(),
            complete: Type.Boolean(),
            stops: Type.String(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const r = replayOf((req.params as { id: string }).id);
      return {
        manifest: r.manifest as unknown as Record<string, unknown>,
        lastS: Number.isFinite(r.lastS) ? r.lastS : null,
        steps: r.frameCount,
        complete: r.complete,
        stops: r.stops,
      };
    },
  );
  app.get(
    '/api/runs/:id/series',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: 'Dashboard series (rivertwin.series/1): rain, river, sensors, cases by stage, fleet, per control step',
        params: IdParam,
        response: { 200: anyObject('ViewSeries'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => viewSeries(replayOf((req.params as { id: string }).id)),
  );
  app.get(
    '/api/runs/:id/record',
    {
      onRequest: viewer,
      schema: {
        tags: ['runs'],
        summary: 'The run record as a zip (manifest, events, frames as Zarr, checkpoints, KPIs, tables, max depth)',
        params: IdParam,
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      runs.get(id);
      const root = runs.recordDir(id);
      const out = new PassThrough();
      const zip = new Zip((err, chunk, final) => {
        if (err) out.destroy(err);
        else {
          out.write(chunk);
          if (final) out.end();
        }
      });
      // Files are added one at a time, stored as they are (frames and checkpoints are compressed already).
      setImmediate(() => {
        for (const file of listFiles(root)) {
          const entry = new ZipPassThrough(`${id}/${relative(root, file)}`);
          zip.add(entry);
          entry.push(new Uint8Array(readFileSync(file)), true);
        }
        zip.end();
      });
      void reply.type('application/zip').header('content-disposition', `attachment; filename="${id}.zip"`);
      return reply.send(out);
    },
  );
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.includes('.tmp-')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}
