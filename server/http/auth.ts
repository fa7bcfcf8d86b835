// Who may do what: four roles, each with the rights of those below it (viewer < operator < planner < admin). A
// request carries `Authorization: Bearer <token>`; tokens are stored as SHA-256 hashes. Without a token a request is
// an anonymous viewer when the server allows that (by default only when it listens on loopback), else refused.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './error-codes.ts';
import type { Role, TokenRow, TwinStore } from './store/store.ts';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'planner', 'admin'];

/** Who made a request. */
export interface Caller {
  role: Role;
  /** Token name, or 'anonymous'. */
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new token: shown once, stored only as its hash. */
export function newToken(store: TwinStore, role: Role, name: string): { token: string; row: TokenRow } {
  if (!ROLES.includes(role))
    throw new ApiError('API_ERR_BAD_REQUEST', `unknown role "${role}"`, `use one of ${ROLES.join(', ')}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new ApiError(
      'API_ERR_BAD_ID',
      `token name "${name}" is not allowed`,
      'use 1–64 letters, digits, dot, dash or underscore',
    );
  if (store.listTokens().some((t) => t.name === name))
    throw new ApiError('API_ERR_CONFLICT', `a token named "${name}" exists`, 'choose another name or delete it first');
  const token = `rt_${randomBytes(24).toString('base64url')}`;
  const row: TokenRow = {
    id: `tok-${randomBytes(6).toString('hex')}`,
    name,
    role,
    hash: hashToken(token),
    createdAt: new Date().toISOString(),
  };
  store.insertToken(row);
  return { token, row };
}

/** Resolves the caller of a request; throws 401 for a bad token or a missing one when anonymous access is off. */
export function identify(store: TwinStore, req: FastifyRequest, anonymousViewer: boolean): Caller {
  const header = req.headers.authorization;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.token;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : typeof fromQuery === 'string' ? fromQuery : '';
  if (!token) {
    if (anonymousViewer) return { role: 'viewer', name: 'anonymous' };
    throw new ApiError('API_ERR_UNAUTHORIZED', 'this server needs a token', 'send Authorization: Bearer <token>');
  }
  const row = store.tokenByHash(hashToken(token));
  if (!row)
    throw new ApiError(
      'API_ERR_UNAUTHORIZED',
      'the token is not known',
      'ask an admin for a token (rivertwin token add --role <role> --name <name>)',
    );
  return { role: row.role, name: row.name };
}

/** An onRequest hook that lets through callers with at least `role` (before the body is parsed or validated). */
export function requireRole(role: Role) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const caller = req.caller;
    if (!caller)
      throw new ApiError('API_ERR_UNAUTHORIZED', 'this server needs a token', 'send Authorization: Bearer <token>');
    if (ROLES.indexOf(caller.role) < ROLES.indexOf(role))
      throw new ApiError(
        'API_ERR_FORBIDDEN',
        `${req.method} ${req.routeOptions.url} needs the ${role} role; ${caller.name} is a ${caller.role}`,
        `use a token with the ${role} role`,
      );
  };
}
