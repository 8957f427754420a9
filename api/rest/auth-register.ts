/** Sign-up with email and password, and email verification. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { role, selfServiceRole } from '../../domain/identity/roles.js';
import { authDepsFrom } from '../auth/auth-deps.js';
import { requireAccount } from '../auth/authenticate.js';
import {
  MailUnavailableError,
  resendVerificationEmail,
  sendVerificationEmail,
  verifyEmail,
} from '../auth/email-verification.js';
import { createPasswordAccount } from '../auth/registration.js';
import { startSession } from '../auth/sessions.js';
import type { ApiDeps } from '../deps.js';
import { body, errorBody } from '../errors.js';
import { emailAddress, passwordInput, sessionFor, tokenInput, tokenPair } from './auth-schemas.js';

const registerBody = z.strictObject({
  email: emailAddress,
  password: passwordInput,
  /** Staff roles are granted by an admin, never chosen at sign-up. */
  role: selfServiceRole.default('patient'),
});

const registered = z.object({
  account: z.object({ id: z.uuid(), email: z.string(), roles: z.array(role) }),
  session: tokenPair,
});

export const authRegisterRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);

    app.post(
      '/api/v1/auth/register',
      {
        config: { publicAuth: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'Create an account with email and password',
          description:
            'Answers with a session right away and emails a verification link. Password rules: 12 to 128 characters, ' +
            'not a commonly used password, not containing the email’s name; each broken rule is one detail of WEAK_PASSWORD.',
          tags: ['auth'],
          body: registerBody,
          response: { 201: registered, 400: errorBody, 409: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const account = await createPasswordAccount(auth, request.body);
        try {
          await sendVerificationEmail(auth, account);
        } catch (error) {
          // The account exists either way; the person can ask for the link again.
          request.log.warn({ err: error, accountId: account.id }, 'could not send the verification email');
        }
        const session = await startSession(auth, auth.pool, { accountId: account.id, mfa: false });
        return reply.code(201).send({ account, session: sessionFor(auth, request, reply, session) });
      },
    );

    app.post(
      '/api/v1/auth/email/verify',
      {
        config: { publicAuth: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          summary: 'Confirm an email address with the token from the emailed link',
          tags: ['auth'],
          body: z.strictObject({ token: tokenInput }),
          response: { 200: z.object({ emailVerified: z.literal(true) }), 400: errorBody },
        },
      },
      async (request) => {
        await verifyEmail(auth, request.body.token);
        return { emailVerified: true as const };
      },
    );

    app.post(
      '/api/v1/auth/email/resend',
      {
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          summary: 'Send the email verification link again',
          description:
            '202 once the mail server has taken the email. Unlike registration and the password reset request, ' +
            'which answer as usual when the mail fails (the account exists either way; no answer may tell whether ' +
            'an address has an account), this request is only about sending, by the signed-in owner of the address, ' +
            'so a failure is told: 422 EMAIL_UNDELIVERABLE when the address’s mail server refuses it for good ' +
            '(sending again will not help), 503 EMAIL_UNAVAILABLE with Retry-After when the mail server failed ' +
            'otherwise (down, busy, a 4xx reply): nothing is queued, so ask again later.',
          tags: ['auth'],
          response: {
            202: z.object({ accepted: z.literal(true) }),
            401: errorBody,
            409: errorBody,
            422: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { accountId } = requireAccount(request);
        try {
          await resendVerificationEmail(auth, accountId);
        } catch (error) {
          if (!(error instanceof MailUnavailableError)) throw error;
          // An outage of the mail server, not a fault in the request: said so, with when to try again.
          request.log.warn({ err: error.cause, accountId }, 'could not send the verification email again');
          return reply
            .code(503)
            .header('retry-after', '60')
            .send(body('EMAIL_UNAVAILABLE', 'We could not send the email just now. Please try again in a minute.'));
        }
        return reply.code(202).send({ accepted: true as const });
      },
    );
  };
