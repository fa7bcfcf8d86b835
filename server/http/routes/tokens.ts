// Tokens (admin): list, create (the token is shown once), delete. The CLI verb `rivertwin token` does the same on a
// data directory before a server starts.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { newToken, requireRole, ROLES } from '../auth.ts';
import { notFound } from '../error-codes.ts';
import { errors, IdParam } from '../schemas.ts';

const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String(),
});

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.twin;
  const admin = requireRole('admin');
  app.get(
    '/api/tokens',
    {
      onRequest: admin,
      schema: {
        tags: ['auth'],
        summary: 'Tokens (never the tokens themselves)',
        response: { 200: Type.Array(TokenInfo), ...errors(401, 403) },
      },
    },
    async () => store.listTokens().map(({ hash: _h, ...t }) => t),
  );
  app.post(
    '/api/tokens',
    {
      onRequest: admin,
      schema: {
        tags: ['auth'],
        summary: 'Creates a token; the answer is the only time it is shown',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 64 }), role: Type.Union(ROLES.map((r) => Type.Literal(r))) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([TokenInfo, Type.Object({ token: Type.String() })]),
          ...errors(400, 401, 403, 409),
        },
      },
    },
    async (req, reply) => {
      const { name, role } = req.body as { name: string; role: (typeof ROLES)[number] };
      const { token, row } = newToken(store, role, name);
      void reply.status(201);
      return { id: row.id, name: row.name, role: row.role, createdAt: row.createdAt, token };
    },
  );
  app.delete(
    '/api/tokens/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['auth'],
        summary: 'Deletes a token',
        params: IdParam,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!store.deleteToken(id)) throw notFound('token', id);
      void reply.status(204);
      return null;
    },
  );
}
