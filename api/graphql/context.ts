/** The authenticated GraphQL context: the request's actor and its one access context. */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Actor } from '../../domain/access/actor.js';
import type { AccessContext } from '../../domain/access/policy.js';
import { accessContextOf } from '../access/access-context.js';

declare module 'mercurius' {
  interface MercuriusContext {
    actor: Actor;
    access: AccessContext;
  }
}

export async function graphqlContext(
  request: FastifyRequest,
  pool: pg.Pool,
): Promise<{ actor: Actor; access: AccessContext }> {
  return { actor: request.actor, access: await accessContextOf(request, pool) };
}
