// Scenarios: each district's library (ids "<district>.<name>") and those planners stored (ids "scn-…"); validate
// and create check a scenario with the same schema and checks as the CLI, so a bad field is a 400 naming its JSON path.
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ScenarioSchema } from '../../../simulation/scenario/index.ts';
import { requireRole } from '../auth.ts';
import { notFound } from '../error-codes.ts';
import { anyObject, errors, ID_PATTERN, IdParam } from '../schemas.ts';

const ScenarioBody = Type.Object(
  {
    district: Type.String({ pattern: ID_PATTERN }),
    scenario: Type.Unsafe<Record<string, unknown>>({
      type: 'object',
      description: 'A scenario (datasets/schemas/scenario.schema.json); checked by the same code as the CLI',
    }),
  },
  { additionalProperties: false },
);

const ScenarioInfo = Type.Object({
  id: Type.String(),
  district: Type.String(),
  name: Type.String(),
  source: Type.Union([Type.Literal('library'), Type.Literal('stored')]),
  createdBy: Type.Optional(Type.String()),
});

/** The raw JSON of a scenario id, and its district; 404 for an unknown one. */
export function scenarioById(app: FastifyInstance, id: string): { district: string; raw: unknown; name: string } {
  const reg = app.twin.districts;
  const stored = app.twin.store.getScenario(id);
  if (stored) return { district: stored.districtId, raw: JSON.parse(stored.json), name: stored.name };
  const dot = id.indexOf('.');
  if (dot > 0) {
    const district = id.slice(0, dot);
    const name = id.slice(dot + 1);
    if (reg.list().some((d) => d.id === district)) return { district, raw: reg.libraryScenario(district, name), name };
  }
  throw notFound('scenario', id);
}

export async function scenarioRoutes(app: FastifyInstance): Promise<void> {
  const { districts: reg, store } = app.twin;
  app.get(
    '/api/scenarios',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['scenarios'],
        summary: "Scenarios: every district's library and those stored",
        querystring: Type.Object({ district: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
        response: { 200: Type.Array(ScenarioInfo), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { district } = req.query as { district?: string };
      const ds = district ? [reg.get(district)] : reg.list();
      return [
        ...ds.flatMap((d) =>
          d.scenarios.map((name) => ({ id: `${d.id}.${name}`, district: d.id, name, source: 'library' as const })),
        ),
        ...store.listScenarios(district).map((s) => ({
          id: s.id,
          district: s.districtId,
          name: s.name,
          source: 'stored' as const,
          createdBy: s.createdBy,
        })),
      ];
    },
  );
  app.get(
    '/api/scenarios/:id',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['scenarios'],
        summary: 'One scenario as written',
        params: IdParam,
        response: { 200: anyObject('{id, district, scenario}'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const s = scenarioById(app, id);
      return { id, district: s.district, scenario: s.raw };
    },
  );
  app.post(
    '/api/scenarios/validate',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['scenarios'],
        summary: 'Checks a scenario on a district; 200 with the scenario as it would run (defaults filled in)',
        body: ScenarioBody,
        response: { 200: anyObject('{valid: true, spec}'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { district, scenario } = req.body as { district: string; scenario: unknown };
      return { valid: true, spec: reg.place(district, scenario, 'scenario') };
    },
  );
  app.post(
    '/api/scenarios',
    {
      onRequest: requireRole('planner'),
      schema: {
        tags: ['scenarios'],
        summary: 'Stores a scenario (checked first; nothing is stored when it fails)',
        body: ScenarioBody,
        response: { 201: ScenarioInfo, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { district, scenario } = req.body as { district: string; scenario: Record<string, unknown> };
      const spec = reg.place(district, scenario, 'scenario');
      const row = {
        id: `scn-${randomBytes(5).toString('hex')}`,
        districtId: district,
        name: spec.name,
        json: JSON.stringify(scenario),
        createdBy: req.caller!.name,
        createdAt: new Date().toISOString(),
      };
      store.insertScenario(row);
      void reply.status(201);
      return { id: row.id, district, name: row.name, source: 'stored' as const, createdBy: row.createdBy };
    },
  );
  // The published scenario schema, for editors.
  app.get(
    '/api/schemas/scenario',
    { onRequest: requireRole('viewer'), schema: { tags: ['scenarios'], summary: 'The scenario JSON Schema' } },
    async () => ScenarioSchema,
  );
}
