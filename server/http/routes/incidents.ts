// POST /api/incidents (planner): a command centre's incident log (the files of README "Incident logs", as text)
// imported into a record in a worker thread, then served like any run (events, state, frames with `simulate`, score
// card). A bad row is a 400 naming file, row and column; nothing is stored.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RecordManifest } from '../../../simulation/record/record-format.ts';
import type { RunEvent } from '../../../simulation/scenario/index.ts';
import { requireRole } from '../auth.ts';
import { runTask } from '../jobs/run-task.ts';
import { anyObject, errors, ID_PATTERN } from '../schemas.ts';
import { runInfo } from './runs.ts';

export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  const { runs, store, districts } = app.twin;
  app.post(
    '/api/incidents',
    {
      onRequest: requireRole('planner'),
      bodyLimit: 32 << 20,
      schema: {
        tags: ['runs'],
        summary: 'Imports an incident log (CSV/NDJSON files as text) as a run record; 201 with the run and summary',
        body: Type.Object(
          {
            district: Type.String({ pattern: ID_PATTERN }),
            files: Type.Array(
              Type.Object(
                {
                  name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\\.(csv|ndjson|jsonl)$' }),
                  content: Type.String({ maxLength: 30 << 20 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 20 },
            ),
            lenient: Type.Optional(Type.Boolean()),
            simulate: Type.Optional(Type.Boolean({ description: 'run the flood engine on the measured rain' })),
            cellM: Type.Optional(Type.Number({ minimum: 2, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: anyObject('{run, summary}'), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (req, reply) => {
      const b = req.body as {
        district: string;
        files: { name: string; content: string }[];
        lenient?: boolean;
        simulate?: boolean;
        cellM?: number;
      };
      const district = districts.get(b.district);
      const id = `imp-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
      const out = runs.recordDir(id);
      let summary: unknown;
      try {
        summary = await runTask({
          kind: 'import',
          request: {
            districtDir: district.dir,
            files: b.files.map((f) => ({
              name: f.name,
              text: f.content,
              sha256: createHash('sha256').update(f.content).digest('hex'),
            })),
            names: b.files.map((f) => f.name),
            out,
            lenient: b.lenient === true,
            simulate: b.simulate === true,
            ...(b.cellM ? { cellM: b.cellM } : {}),
            quiet: true,
          },
        });
      } catch (err) {
        rmSync(out, { recursive: true, force: true });
        throw err;
      }
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as RecordManifest;
      const kpis = JSON.parse(readFileSync(join(out, 'kpis.json'), 'utf8')) as { kpis: unknown };
      const now = new Date().toISOString();
      const row = {
        id,
        districtId: b.district,
        scenarioName: manifest.scenario.name,
        specJson: JSON.stringify(manifest.scenario),
        seed: manifest.seed,
        status: 'finished' as const,
        pace: 0,
        parentId: null,
        forkAtS: null,
        planFor: null,
        checkpointEveryS: 0,
        reachedS: manifest.endS,
        durationS: manifest.endS,
        kpisJson: JSON.stringify(kpis.kpis),
        error: null,
        resumes: 0,
        resumedFromS: null,
        createdBy: req.caller!.name,
        createdAt: now,
        finishedAt: now,
      };
      store.insertRun(row);
      const events = readFileSync(join(out, 'events.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as RunEvent);
      store.appendEvents(id, events);
      void reply.status(201);
      return { run: runInfo(row), summary };
    },
  );
}
