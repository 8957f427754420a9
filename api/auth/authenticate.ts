/**
 * Resolves `request.actor` once per request from `Authorization: Bearer <jwt>` (API clients) or
 * the `consulta_access` cookie (browsers). No token is anonymous; a bad token is a 401, never
 * silently anonymous, so a client learns that it must refresh (sign-in routes, marked
 * `config.publicAuth`, ignore a stale token instead: their caller is signing in).
 *
 * A request authenticated by cookie that changes something (POST, PUT, PATCH, DELETE) must carry
 * the CSRF header (cookies.ts); Bearer requests are exempt, a browser never adds that header on
 * its own. Then staff sessions without a second factor are held to the TOTP setup routes
 * (require-mfa.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { anonymous, type Actor } from '../../domain/access/actor.js';
import { DomainError } from '../../domain/index.js';
import { ACCESS_COOKIE, cookieOf, csrfProblem, isUnsafeMethod } from './cookies.js';
import { requireMfaIfStaff } from './require-mfa.js';
import { verifyAccessToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export { ACCESS_COOKIE };

export function accessTokenSource(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), via: 'bearer' };
  const cookie = cookieOf(request, ACCESS_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export function accessTokenOf(request: FastifyRequest): string | undefined {
  return accessTokenSource(request)?.token;
}

/** API routes only: the docs and health pages stay reachable. */
const isApiRoute = (url: string | undefined) => !!url && (url.startsWith('/api/v1/') || url.startsWith('/graphql'));

export const authenticate = fp(async (app: FastifyInstance, options: { masterKey: Buffer }) => {
  // Reference-type decorators must start as null; every request gets its own value below.
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
  });
  app.addHook('onRequest', async (request) => {
    const source = accessTokenSource(request);
    if (!source) return;
    const lenient = request.routeOptions.config?.publicAuth === true;
    const actor = await verifyAccessToken(options.masterKey, source.token);
    if (!actor) {
      if (lenient) return;
      throw new DomainError(
        'unauthenticated',
        'SESSION_EXPIRED',
        'Your session has expired or is invalid. Log in again (or refresh the access token).',
      );
    }
    if (source.via === 'cookie' && isUnsafeMethod(request)) {
      const problem = csrfProblem(request);
      if (problem) {
        if (lenient) return;
        throw problem;
      }
    }
    request.actor = actor;
  });
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config?.allowWithoutMfa || request.routeOptions.config?.publicAuth) return;
    if (isApiRoute(request.routeOptions.url)) await requireMfaIfStaff(request);
  });
});

/** For routes that need a signed-in account: the actor, or a 401. */
export function requireAccount(request: Pick<FastifyRequest, 'actor'>): Extract<Actor, { kind: 'account' }> {
  if (request.actor.kind !== 'account')
    throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Log in to do this.');
  return request.actor;
}
