// GET /api/runs/:id/report?lang=zh|en: the run's one-page HTML report (the `rivertwin report` page: map, charts,
// case timeline, KPIs, a drill's score card, a fork's difference), built in a worker thread and kept beside the record
// once the run is done.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RecordFolderSink } from '../../../simulation/record/record-folder.node.ts';
import { requireRole } from '../auth.ts';
import { ApiError } from '../error-codes.ts';
import { runTask } from '../jobs/run-task.ts';
import { errors, IdParam } from '../schemas.ts';

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const { runs, districts } = app.twin;
  app.get(
    '/api/runs/:id/report',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['runs'],
        summary: 'The run report as one self-contained HTML page (zh or en)',
        params: IdParam,
        querystring: Type.Object({ lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }),
        response: { ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { lang } = req.query as { lang: 'zh' | 'en' };
      const row = runs.get(id);
      if (row.status !== 'finished' && row.status !== 'cancelled')
        throw new ApiError(
          'API_ERR_RUN_STATE',
          `run ${id} is ${row.status}; a report comes at its end`,
          'ask again when it has finished',
        );
      const recordDir = runs.recordDir(id);
      // A drill's report waits for its score card, which the plan's run writes.
      const name = `report-${lang}${existsSync(join(recordDir, 'score-card.json')) ? '-scored' : ''}.html`;
      const cached = join(recordDir, name);
      let html: string;
      if (existsSync(cached)) html = readFileSync(cached, 'utf8');
      else {
        html = await runTask<string>({
          kind: 'report',
          recordDir,
          districtDir: districts.get(row.districtId).dir,
          lang,
        });
        new RecordFolderSink(recordDir).writeFile(name, html);
      }
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
