/** Request and response schemas of the identity routes (auth-*.ts, admin-accounts.ts). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { emailAddress, phoneNumber } from '../../domain/identity/contact.js';
import { PASSWORD_MAX_LENGTH } from '../../domain/identity/password-policy.js';
import { role } from '../../domain/identity/roles.js';
import type { AuthDeps } from '../auth/auth-deps.js';
import { accessTokenSource } from '../auth/authenticate.js';
import { setSessionCookies, wantsCookies } from '../auth/cookies.js';
import type { LoginOutcome } from '../auth/login.js';
import type { IssuedSession } from '../auth/sessions.js';

export { emailAddress, phoneNumber };

/** Policy rules (length, blocklist…) answer WEAK_PASSWORD with details; this only bounds the input. */
export const passwordInput = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);
export const codeInput = z.string().trim().min(1).max(32);
export const tokenInput = z.string().min(16).max(256);

export const tokenPair = z.object({
  /** Absent in cookie mode (x-consulta-session: cookie): the tokens are in httpOnly cookies then. */
  accessToken: z.string().optional(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().optional(),
  refreshTokenExpiresAt: z.string(),
  tokenType: z.literal('Bearer'),
});

export const sessionAnswer = z.object({ session: tokenPair });
export const mfaRequiredAnswer = z.object({ mfaRequired: z.literal(true), mfaToken: z.string() });
export const loginAnswer = z.union([sessionAnswer, mfaRequiredAnswer]);

export const accountSummary = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  roles: z.array(role),
  status: z.enum(['active', 'suspended']),
});

/**
 * The session as the caller asked for it: tokens in the body, or cookies (browser mode: the
 * x-consulta-session header, or a request already authenticated by cookie).
 */
export function sessionFor(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  session: IssuedSession,
  options: { cookies?: boolean } = {},
): z.infer<typeof tokenPair> {
  const expiries = {
    accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
    refreshTokenExpiresAt: session.refreshTokenExpiresAt.toISOString(),
    tokenType: 'Bearer' as const,
  };
  if (options.cookies || wantsCookies(request) || accessTokenSource(request)?.via === 'cookie') {
    setSessionCookies(reply, session, { secure: deps.appEnv === 'production', now: deps.now() });
    return expiries;
  }
  return { accessToken: session.accessToken, refreshToken: session.refreshToken, ...expiries };
}

export function loginAnswerFor(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: LoginOutcome,
): z.infer<typeof loginAnswer> {
  return outcome.kind === 'session'
    ? { session: sessionFor(deps, request, reply, outcome.session) }
    : { mfaRequired: true, mfaToken: outcome.mfaToken };
}
