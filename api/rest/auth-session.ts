/** Sessions: refresh (rotation), logout, log out everywhere, and the session's status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { role } from '../../domain/identity/roles.js';
import { findAccountById, rolesOf, totpEnabled } from '../auth/accounts.js';
import { authDepsFrom } from '../auth/auth-deps.js';
import { requireAccount } from '../auth/authenticate.js';
import { assertCsrf, clearSessionCookies, cookieOf, REFRESH_COOKIE, wantsCookies } from '../auth/cookies.js';
import { requiresMfa } from '../auth/require-mfa.js';
import { familyOfRefreshToken, revokeAllSessions, revokeSession, rotateRefreshToken } from '../auth/sessions.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { sessionAnswer, sessionFor } from './auth-schemas.js';

// Fastify hands a missing body over as null.
const refreshTokenBody = z.strictObject({ refreshToken: z.string().min(1).max(256).optional() }).nullish();

const authStatus = z.object({
  accountId: z.uuid(),
  roles: z.array(role),
  mfa: z.boolean(),
  totpEnabled: z.boolean(),
  emailVerified: z.boolean(),
  mfaSetupRequired: z.boolean(),
});

export const authSessionRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);
    const secure = deps.appEnv === 'production';

    /** The refresh token from the body, else from its cookie (which then needs the CSRF header). */
    function presentedRefreshToken(request: Parameters<typeof cookieOf>[0], body: z.infer<typeof refreshTokenBody>) {
      if (body?.refreshToken) return { token: body.refreshToken, fromCookie: false };
      const cookie = cookieOf(request, REFRESH_COOKIE);
      if (!cookie) return undefined;
      assertCsrf(request);
      return { token: cookie, fromCookie: true };
    }

    app.post(
      '/api/v1/auth/refresh',
      {
        config: { publicAuth: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          summary: 'Trade a refresh token for a new session (the old token is spent)',
          description:
            'Presenting a spent refresh token again ends the whole session (REFRESH_TOKEN_REUSED): someone else has a copy.',
          tags: ['auth'],
          body: refreshTokenBody,
          response: { 200: sessionAnswer, 400: errorBody, 401: errorBody, 403: errorBody },
        },
      },
      async (request, reply) => {
        const presented = presentedRefreshToken(request, request.body);
        if (!presented)
          throw new DomainError('unauthenticated', 'INVALID_REFRESH_TOKEN', 'Send the refresh token (or its cookie).');
        const session = await rotateRefreshToken(auth, presented.token);
        return {
          session: sessionFor(auth, request, reply, session, {
            cookies: presented.fromCookie || wantsCookies(request),
          }),
        };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { publicAuth: true, allowWithoutMfa: true },
        schema: {
          summary: 'End this session (the refresh token’s, else the access token’s)',
          tags: ['auth'],
          body: refreshTokenBody,
          response: { 204: z.null(), 400: errorBody, 403: errorBody },
        },
      },
      async (request, reply) => {
        const presented = presentedRefreshToken(request, request.body);
        const actor = request.actor;
        const session = presented
          ? await familyOfRefreshToken(auth, presented.token)
          : actor.kind === 'account'
            ? { familyId: actor.sessionId, accountId: actor.accountId }
            : undefined;
        if (session) await revokeSession(auth, { ...session, actorId: session.accountId, reason: 'logout' });
        if (presented?.fromCookie || wantsCookies(request) || cookieOf(request, REFRESH_COOKIE))
          clearSessionCookies(reply, { secure });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/logout-all',
      {
        config: { allowWithoutMfa: true },
        schema: {
          summary: 'End every session of this account, on every device',
          tags: ['auth'],
          response: { 204: z.null(), 401: errorBody },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        await revokeAllSessions(auth, { accountId: actor.accountId, actorId: actor.accountId, reason: 'logout_all' });
        clearSessionCookies(reply, { secure });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/status',
      {
        config: { allowWithoutMfa: true },
        schema: {
          summary: 'Who is signed in, with which roles, and whether two-factor setup is still due',
          tags: ['auth'],
          response: { 200: authStatus, 401: errorBody },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const account = await findAccountById(auth.pool, actor.accountId);
        if (!account)
          throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'This account no longer exists.');
        const roles = await rolesOf(auth.pool, account.id);
        return {
          accountId: account.id,
          roles,
          mfa: actor.mfa,
          totpEnabled: await totpEnabled(auth.pool, account.id),
          emailVerified: account.emailVerifiedAt !== null,
          // Roles granted since this token was issued count too: the nav should say so at once.
          mfaSetupRequired: requiresMfa([...roles, ...actor.roles]) && !actor.mfa,
        };
      },
    );
  };
