// Runs: start (a scenario by id or inline, paced for drills or as fast as it can), list, status, pause, resume,
// cancel, KPIs, operator commands on a live run, and forks of a finished one.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { mergePatch } from '../../../simulation/record/index.ts';
import { RUN_COMMAND_KINDS, type RunCommand } from '../../../simulation/scenario/index.ts';
import { requireRole } from '../auth.ts';
import { ApiError } from '../error-codes.ts';
import type { RunRow } from '../store/store.ts';
import { anyObject, errors, ID_PATTERN, IdParam, SECONDS } from '../schemas.ts';
import { scenarioById } from './scenarios.ts';

const RunInfo = Type.Object({
  id: Type.String(),
  district: Type.String(),
  scenario: Type.String(),
  seed: Type.Integer(),
  status: Type.String({ description: 'queued, running, paused, finished, cancelled, failed, interrupted' }),
  pace: Type.Number(),
  reachedS: Type.Number(),
  durationS: Type.Number(),
  parent: Type.Union([Type.Null(), Type.Object({ id: Type.String(), atS: Type.Number() })]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.Null(), Type.String()]),
  error: Type.Union([Type.Null(), Type.String()]),
  resumes: Type.Integer({ description: 'times resumed from a checkpoint after a crash or a shutdown' }),
  resumedFromS: Type.Union([Type.Null(), Type.Number()]),
  planFor: Type.Union([Type.Null(), Type.String()], {
    description: 'for the automatic plan a drill is scored against: the drill it was run for',
  }),
});

export function runInfo(r: RunRow) {
  return {
    id: r.id,
    district: r.districtId,
    scenario: r.scenarioName,
    seed: r.seed,
    status: r.status,
    pace: r.pace,
    reachedS: r.reachedS,
    durationS: r.durationS,
    parent: r.parentId ? { id: r.parentId, atS: r.forkAtS ?? 0 } : null,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    error: r.error,
    resumes: r.resumes,
    resumedFromS: r.resumedFromS,
    planFor: r.planFor,
  };
}

const CommandSchema = Type.Object(
  {
    kind: Type.Union(RUN_COMMAND_KINDS.map((k) => Type.Literal(k))),
    atS: Type.Optional(SECONDS('when it applies (s of simulated time); default the next control step')),
  },
  { additionalProperties: true, description: 'An operator command (README "fork"): kind and its ids' },
);

export async function runRoutes(app: FastifyInstance): Promise<void> {
  const { runs, districts: reg, store } = app.twin;
  app.post(
    '/api/runs',
    {
      onRequest: requireRole('planner'),
      schema: {
        tags: ['runs'],
        summary: 'Starts a run; 202 with the run, queued until a simulation thread is free',
        body: Type.Object(
          {
            district: Type.Optional(Type.String({ pattern: ID_PATTERN })),
            scenario: Type.Union([
              Type.String({ pattern: ID_PATTERN, description: 'a scenario id (GET /api/scenarios)' }),
              Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'a scenario inline' }),
            ]),
            pace: Type.Optional(
              Type.Number({ minimum: 0, maximum: 3600, description: 'simulated s per wall s; 0 = as fast as it can' }),
            ),
            checkpointEveryS: Type.Optional(Type.Number({ minimum: 60, maximum: 86400 })),
            pauseAtS: Type.Optional(
              Type.Number({
                minimum: 0,
                description:
                  'pause by itself at the first control step at or after this simulated time (s), before the end; resume with POST runs/:id/resume',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 202: RunInfo, ...errors(400, 401, 403, 404, 503) },
      },
    },
    async (req, reply) => {
      const body = req.body as {
        district?: string;
        scenario: string | object;
        pace?: number;
        checkpointEveryS?: number;
        pauseAtS?: number;
      };
      const s =
        typeof body.scenario === 'string'
          ? scenarioById(app, body.scenario)
          : { district: body.district ?? '', raw: body.scenario, name: '' };
      if (!s.district)
        throw new ApiError('API_ERR_VALIDATION', 'body: an inline scenario needs "district"', 'add "district"');
      if (body.district && body.district !== s.district)
        throw new ApiError('API_ERR_BAD_REQUEST', `scenario is for district ${s.district}, not ${body.district}`);
      const spec = reg.place(
        s.district,
        s.raw,
        typeof body.scenario === 'string' ? `scenario ${body.scenario}` : 'scenario',
      );
      if (body.pauseAtS !== undefined && !(body.pauseAtS < spec.durationS))
        throw new ApiError(
          'API_ERR_VALIDATION',
          `body/pauseAtS: ${body.pauseAtS} s is not before the run's end (${spec.durationS} s)`,
          `give a time from 0 to ${spec.durationS - 1} s, or leave pauseAtS out`,
        );
      const row = runs.start({
        districtId: s.district,
        spec,
        pace: body.pace ?? 0,
        checkpointEveryS: body.checkpointEveryS ?? 3600,
        createdBy: req.caller!.name,
        ...(body.pauseAtS === undefined ? {} : { pauseAtS: body.pauseAtS }),
      });
      void reply.status(202);
      return runInfo(row);
    },
  );
  app.get(
    '/api/runs',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['runs'],
        summary: 'Runs, newest first',
        querystring: Type.Object({
          district: Type.Optional(Type.String({ pattern: ID_PATTERN })),
          status: Type.Optional(Type.String({ pattern: '^[a-z]{1,20}$' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Array(RunInfo), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query as { district?: string; status?: RunRow['status']; limit: number; offset: number };
      return store.listRuns({ ...q }).map(runInfo);
    },
  );
  app.get(
    '/api/runs/:id',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['runs'],
        summary: 'A run',
        params: IdParam,
        response: { 200: RunInfo, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => runInfo(runs.get((req.params as { id: string }).id)),
  );
  for (const [action, role] of [
    ['pause', 'operator'],
    ['resume', 'operator'],
    ['cancel', 'planner'],
  ] as const) {
    app.post(
      `/api/runs/:id/${action}`,
      {
        onRequest: requireRole(role),
        schema: {
          tags: ['runs'],
          summary: `${action[0].toUpperCase()}${action.slice(1)}s a run (${role} and above)`,
          params: IdParam,
          response: { 200: RunInfo, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const row =
          action === 'pause'
            ? runs.pause(id)
            : action === 'resume'
              ? runs.resume(id)
              : runs.cancel(id, req.caller!.name);
        return runInfo(row);
      },
    );
  }
  app.get(
    '/api/runs/:id/kpis',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['runs'],
        summary: "The fleet's KPIs of a finished run (README 'Fleet KPIs')",
        params: IdParam,
        response: { 200: anyObject('FleetKpis'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = runs.get((req.params as { id: string }).id);
      if (!row.kpisJson)
        throw new ApiError(
          'API_ERR_RUN_STATE',
          `run ${row.id} is ${row.status}; KPIs come at its end`,
          'see …/state for KPIs so far',
        );
      return JSON.parse(row.kpisJson) as object;
    },
  );
  app.get(
    '/api/runs/:id/score-card',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['drills'],
        summary: "A drill's score card (rivertwin.score-card/1) against the automatic plan, run when the drill ends",
        params: IdParam,
        response: { 200: anyObject('ScoreCard (README "Drills")'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const answer = runs.scoreCard((req.params as { id: string }).id);
      if ('pending' in answer)
        throw new ApiError(
          'API_ERR_RUN_STATE',
          `no score card yet: ${answer.pending}`,
          'ask again when it has finished',
        );
      return answer.card as object;
    },
  );
  app.post(
    '/api/runs/:id/commands',
    {
      onRequest: requireRole('operator'),
      schema: {
        tags: ['drills'],
        summary: 'An operator command on a live run: stored durably, then acknowledged with the time the run issued it',
        params: IdParam,
        body: CommandSchema,
        response: {
          201: Type.Object({ n: Type.Integer(), issuedS: Type.Number(), applyAtS: Type.Number() }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const answer = await runs.command(id, req.body as RunCommand, req.caller!.name);
      void reply.status(201);
      return answer;
    },
  );
  app.get(
    '/api/runs/:id/commands',
    {
      onRequest: requireRole('viewer'),
      schema: {
        tags: ['drills'],
        summary: 'The operator commands a run acknowledged',
        params: IdParam,
        response: { 200: Type.Array(anyObject('{n, issuedS, command, by, at}')), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const row = runs.get((req.params as { id: string }).id);
      return store.commands(row.id, 'accepted').map((c) => ({
        n: c.n,
        issuedS: c.issuedS,
        command: JSON.parse(c.commandJson) as object,
        by: c.by,
        at: c.createdAt,
      }));
    },
  );
  app.post(
    '/api/runs/:id/forks',
    {
      onRequest: requireRole('planner'),
      schema: {
        tags: ['runs'],
        summary: 'A what-if from a moment of a finished run: a new run from its checkpoint, with a patch and commands',
        params: IdParam,
        body: Type.Object(
          {
            atS: SECONDS('fork time (s)'),
            patch: Type.Optional(
              Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'partial scenario' }),
            ),
            commands: Type.Optional(Type.Array(CommandSchema, { maxItems: 1000 })),
            laterCommands: Type.Optional(Type.Union([Type.Literal('keep'), Type.Literal('drop')])),
            pace: Type.Optional(Type.Number({ minimum: 0, maximum: 3600 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: RunInfo, ...errors(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const b = req.body as {
        atS: number;
        patch?: Record<string, unknown>;
        commands?: RunCommand[];
        laterCommands?: 'keep' | 'drop';
        pace?: number;
      };
      const parent = runs.get(id);
      const patch = b.patch ?? {};
      // The fork's scenario is checked now, so a bad patch is a 400 before anything runs.
      const spec = reg.place(parent.districtId, mergePatch(JSON.parse(parent.specJson), patch), 'patch');
      const row = runs.fork(
        id,
        { atS: b.atS, patch, commands: b.commands ?? [], laterCommands: b.laterCommands ?? 'keep' },
        spec,
        b.pace ?? 0,
        req.caller!.name,
      );
      void reply.status(202);
      return runInfo(row);
    },
  );
}
