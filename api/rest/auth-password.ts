/** Forgotten passwords: an emailed single-use link (30 minutes), then the new password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authDepsFrom } from '../auth/auth-deps.js';
import { requestPasswordReset, resetPassword } from '../auth/password-reset.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { emailAddress, passwordInput, tokenInput } from './auth-schemas.js';

export const authPasswordRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);

    app.post(
      '/api/v1/auth/password/forgot',
      {
        config: { publicAuth: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'Email a password reset link',
          description: 'Always 202, whether or not the address has an account, so nobody can probe for accounts.',
          tags: ['auth'],
          body: z.strictObject({ email: emailAddress }),
          response: { 202: z.object({ accepted: z.literal(true) }), 400: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        try {
          await requestPasswordReset(auth, request.body.email);
        } catch (error) {
          // Only an existing account gets as far as the mail server: a failure answered otherwise
          // than 202 (a refused mailbox, an outage) would tell that the address has an account.
          request.log.error({ err: error }, 'could not send the password reset email');
        }
        return reply.code(202).send({ accepted: true as const });
      },
    );

    app.post(
      '/api/v1/auth/password/reset',
      {
        config: { publicAuth: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          summary: 'Set a new password with the token from the emailed link; ends every session',
          tags: ['auth'],
          body: z.strictObject({ token: tokenInput, password: passwordInput }),
          response: { 200: z.object({ passwordReset: z.literal(true) }), 400: errorBody },
        },
      },
      async (request) => {
        await resetPassword(auth, request.body);
        return { passwordReset: true as const };
      },
    );
  };
