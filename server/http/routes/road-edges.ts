// GET /api/districts/:id/road-edges: the road graph's edges as GeoJSON lines keyed by edge key, so the app can draw
// the roads a run closed (views and road.closed events name edges by key).
import type { FastifyInstance } from 'fastify';
import { roadEdgeLines, type EdgeLineCollection } from '../../../twin/road-graph/index.ts';
import { requireRole } from '../auth.ts';
import { anyObject, errors, IdParam } from '../schemas.ts';

export async function roadEdgeRoutes(app: FastifyInstance): Promise<void> {
  const cache = new Map<string, string>();
  app.get(
    '/api/districts/:id/road-edges',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['districts'],
        summary: "The road graph's edges as GeoJSON LineStrings (WGS84); `keys` lists the edge keys of each line",
        params: IdParam,
        response: { 200: anyObject('GeoJSON FeatureCollection of road-graph edges'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      let body = cache.get(id);
      if (!body) {
        const twin = app.twin.districts.twin(id);
        const lines: EdgeLineCollection = roadEdgeLines(twin.graph, twin.district.frame);
        body = JSON.stringify(lines);
        cache.set(id, body);
      }
      void reply.type('application/geo+json');
      return reply.send(body);
    },
  );
}
