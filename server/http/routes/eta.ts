// The trucks that can reach a case and when, on a live run's roads as flooded now: the drill desk asks before the
// operator sends one. The run's own thread computes it (simulation/fleet/case-etas.ts), so it is the dispatch's view.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth.ts';
import { errors, ID_PATTERN, IdParam } from '../schemas.ts';

const TruckEta = Type.Object({
  truckId: Type.String(),
  name: Type.String(),
  state: Type.String(),
  caseId: Type.String({ description: "the case it serves now ('' for none)" }),
  held: Type.Boolean(),
  available: Type.Boolean({ description: 'free to take a case: in service, not held or recalled, on no case' }),
  etaS: Type.Union([Type.Number(), Type.Null()], {
    description: 'driving time (s) if sent now; null when flooded roads cut it off',
  }),
});

export async function etaRoutes(app: FastifyInstance): Promise<void> {
  const { runs } = app.twin;
  app.get(
    '/api/runs/:id/eta',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['drills'],
        summary: "Every truck's ETA to a case of a live run, on the roads as flooded at its current control step",
        params: IdParam,
        querystring: Type.Object({ case: Type.String({ pattern: ID_PATTERN, description: 'a case id (C001…)' }) }),
        response: {
          200: Type.Object({
            caseId: Type.String(),
            caseState: Type.String(),
            servedBy: Type.String(),
            tS: Type.Number({ description: 'the run time (s) the roads are as of' }),
            trucks: Type.Array(TruckEta, { description: 'reachable first by ETA, then those cut off' }),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return runs.etas(id, (req.query as { case: string }).case);
    },
  );
}
