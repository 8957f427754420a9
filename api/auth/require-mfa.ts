/**
 * Staff (admin, finance) must act with a second factor. Until a staff account has TOTP on, its
 * session carries mfa=false and it may only set TOTP up (and look at its status, refresh, log
 * out). authenticate.ts applies requireMfaIfStaff to every API route; a route opts out with
 * `config: { allowWithoutMfa: true }`. It is exported for code that runs outside those hooks.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { ROLES_REQUIRING_MFA, type Role } from '../../domain/identity/roles.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is for staff who have not set up TOTP yet (setup, enable, status, logout). */
    allowWithoutMfa?: boolean;
    /** A sign-in route: a stale or invalid access token is ignored (the caller is anonymous) instead of a 401. */
    publicAuth?: boolean;
  }
}

export const requiresMfa = (roles: readonly Role[]) => roles.some((role) => ROLES_REQUIRING_MFA.includes(role));

export function mfaSetupRequired(actor: Actor): boolean {
  return actor.kind === 'account' && requiresMfa(actor.roles) && !actor.mfa;
}

/** A preHandler: 403 MFA_REQUIRED for a staff session without a second factor. */
export async function requireMfaIfStaff(request: FastifyRequest): Promise<void> {
  if (mfaSetupRequired(request.actor))
    throw new DomainError(
      'forbidden',
      'MFA_REQUIRED',
      'Staff accounts must use two-factor authentication. Set it up (POST /api/v1/auth/totp/setup, then /enable) and continue with the new session.',
    );
}

/** A preHandler for admin routes: the admin role and a second factor. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (request.actor.kind !== 'account')
    throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Log in to do this.');
  await requireMfaIfStaff(request);
  if (!request.actor.roles.includes('admin'))
    throw new DomainError('forbidden', 'ADMIN_ONLY', 'Only administrators can do this.');
}
