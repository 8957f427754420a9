/** Two-factor authentication with an authenticator app (TOTP) and backup codes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authDepsFrom } from '../auth/auth-deps.js';
import { requireAccount } from '../auth/authenticate.js';
import { revokeSession, startSession } from '../auth/sessions.js';
import { disableTotp, enableTotp, setUpTotp } from '../auth/totp.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { codeInput, sessionFor, tokenPair } from './auth-schemas.js';

export const authTotpRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);

    app.post(
      '/api/v1/auth/totp/setup',
      {
        config: { allowWithoutMfa: true },
        schema: {
          summary: 'Start two-factor setup: a new secret, as text, otpauth:// URL and QR code',
          tags: ['auth'],
          response: {
            200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() }),
            401: errorBody,
            409: errorBody,
          },
        },
      },
      async (request) => setUpTotp(auth, requireAccount(request).accountId),
    );

    app.post(
      '/api/v1/auth/totp/enable',
      {
        config: { allowWithoutMfa: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'Confirm setup with a first code; answers the backup codes (shown once) and a new session',
          description: 'The new session has passed the second factor (mfa=true); the one used for this call ends.',
          tags: ['auth'],
          body: z.strictObject({ code: codeInput }),
          response: {
            200: z.object({ backupCodes: z.array(z.string()), session: tokenPair }),
            400: errorBody,
            401: errorBody,
            409: errorBody,
          },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const backupCodes = await enableTotp(auth, actor.accountId, request.body.code);
        const session = await startSession(auth, auth.pool, { accountId: actor.accountId, mfa: true });
        await revokeSession(auth, {
          familyId: actor.sessionId,
          accountId: actor.accountId,
          actorId: actor.accountId,
          reason: 'mfa_enabled',
        });
        return { backupCodes, session: sessionFor(auth, request, reply, session) };
      },
    );

    app.post(
      '/api/v1/auth/totp/disable',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'Turn two-factor authentication off (not allowed for admin and finance accounts)',
          tags: ['auth'],
          body: z.strictObject({ code: codeInput }),
          response: { 204: z.null(), 400: errorBody, 401: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        await disableTotp(auth, requireAccount(request).accountId, request.body.code);
        return reply.code(204).send(null);
      },
    );
  };
