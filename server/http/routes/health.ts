// GET /api/health: 200 once the server is ready, with the districts served and the run queue's load.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { BullQueue } from '../jobs/bullmq-queue.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready and serving',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            districts: Type.Array(Type.String()),
            queue: Type.Object({
              kind: Type.String({ description: 'embedded (worker threads here) or bullmq (REDIS_URL)' }),
              running: Type.Integer(),
              queued: Type.Integer(),
              maxThreads: Type.Integer(),
              maxQueued: Type.Integer(),
            }),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      districts: app.twin.districts.list().map((d) => d.id),
      queue: { kind: app.twin.queue instanceof BullQueue ? 'bullmq' : 'embedded', ...app.twin.queue.stats() },
    }),
  );
}
