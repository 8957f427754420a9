/** Logging in: password, phone OTP, and the second factor (TOTP or a backup code). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { selfServiceRole } from '../../domain/identity/roles.js';
import { authDepsFrom } from '../auth/auth-deps.js';
import { completeMfaLogin, loginWithPassword } from '../auth/login.js';
import { requestOtp, verifyOtp } from '../auth/otp-login.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import {
  codeInput,
  emailAddress,
  loginAnswer,
  loginAnswerFor,
  passwordInput,
  phoneNumber,
  sessionAnswer,
  sessionFor,
} from './auth-schemas.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody };
const secondFactorNote =
  'When the account has two-factor authentication on, the answer is { mfaRequired, mfaToken }: ' +
  'send the token with a code to POST /api/v1/auth/login/mfa within 5 minutes.';

export const authLoginRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);

    app.post(
      '/api/v1/auth/login',
      {
        // The per-address ceiling; the per-account limit (5 a minute) is our own, in PostgreSQL.
        config: { publicAuth: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary: 'Log in with email and password',
          description: `${secondFactorNote} Send x-consulta-session: cookie to get the session as cookies.`,
          tags: ['auth'],
          body: z.strictObject({ email: emailAddress, password: passwordInput }),
          response: { 200: loginAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await loginWithPassword(auth, { ...request.body, ip: request.ip });
        return loginAnswerFor(auth, request, reply, outcome);
      },
    );

    app.post(
      '/api/v1/auth/login/mfa',
      {
        config: { publicAuth: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary: 'Second step of a login: a TOTP code or a backup code',
          tags: ['auth'],
          body: z.strictObject({ mfaToken: z.string().min(1).max(2048), code: codeInput }),
          response: { 200: sessionAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const session = await completeMfaLogin(auth, { ...request.body, ip: request.ip });
        return { session: sessionFor(auth, request, reply, session) };
      },
    );

    app.post(
      '/api/v1/auth/otp/request',
      {
        config: { publicAuth: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          summary: 'Send a one-time code by SMS',
          tags: ['auth'],
          body: z.strictObject({ phone: phoneNumber }),
          response: { 202: z.object({ expiresInSeconds: z.number().int() }), 400: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        return reply.code(202).send(await requestOtp(auth, { phone: request.body.phone, ip: request.ip }));
      },
    );

    app.post(
      '/api/v1/auth/otp/verify',
      {
        config: { publicAuth: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary: 'Log in (or sign up) with the code sent by SMS',
          description:
            'A number without an account signs up, as the `role` given (patient or doctor; patient when absent). ' +
            'For a number that has an account, `role` never changes its roles: one the account holds is a plain ' +
            'login, one it lacks is refused with 409 PHONE_ACCOUNT_EXISTS and no session. ' +
            secondFactorNote,
          tags: ['auth'],
          body: z.strictObject({
            phone: phoneNumber,
            code: z
              .string()
              .trim()
              .regex(/^\d{4,10}$/, 'must be the digits from the SMS'),
            /** Staff roles are granted by an admin, never chosen at sign-up. */
            role: selfServiceRole.optional(),
          }),
          response: { 200: loginAnswer, 409: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await verifyOtp(auth, { ...request.body, ip: request.ip });
        return loginAnswerFor(auth, request, reply, outcome);
      },
    );
  };
