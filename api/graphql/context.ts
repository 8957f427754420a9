/** The authenticated GraphQL context: the request's actor and its one access context. */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Actor } from '../../domain/access/actor.js';
import type { AccessContext } from '../../domain/access/policy.js';
import { accessContextOf } from '../access/access-context.js';
import { accessTokenOf } from '../auth/authenticate.js';
import { accessTokenExpiry } from '../auth/tokens.js';

declare module 'mercurius' {
  interface MercuriusContext {
    actor: Actor;
    access: AccessContext;
    /** When the caller's access token expires (null without one): a subscription ends there. */
    accessExpiresAt: Date | null;
  }
}

export async function graphqlContext(
  request: FastifyRequest,
  pool: pg.Pool,
): Promise<{ actor: Actor; access: AccessContext; accessExpiresAt: Date | null }> {
  const token = request.actor.kind === 'account' ? accessTokenOf(request) : undefined;
  return {
    actor: request.actor,
    access: await accessContextOf(request, pool),
    accessExpiresAt: token ? accessTokenExpiry(token) : null,
  };
}
