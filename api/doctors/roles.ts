/**
 * Role gates for the doctor practice routes and their GraphQL reads, from the caller's actor
 * (api/auth/authenticate.ts; a request and a GraphQL context both carry it): anonymous → 401
 * AUTHENTICATION_REQUIRED; signed in without the role → 403 ROLE_REQUIRED (these routes are
 * documented and hold nothing to hide, unlike another person's records, which answer 404); admins
 * without a second factor → 403 MFA_REQUIRED, as domain/access/policy.ts does.
 * The token's roles decide, not the access context: an unverified doctor has no doctor role there
 * (policy.ts) yet must set up the practice and follow the application.
 */
import type { Actor } from '../../domain/access/actor.js';
import { DomainError } from '../../domain/index.js';
import { ROLES_REQUIRING_MFA, type Role } from '../../domain/identity/roles.js';
import { requireAccount } from '../auth/authenticate.js';

/** A Fastify request or a GraphQL context. */
export interface WithActor {
  readonly actor: Actor;
}

export function requireRole(caller: WithActor, role: Role): string {
  const actor = requireAccount(caller);
  if (!actor.roles.includes(role)) {
    throw new DomainError('forbidden', 'ROLE_REQUIRED', `Only accounts with the ${role} role can do this.`);
  }
  if (ROLES_REQUIRING_MFA.includes(role) && !actor.mfa) {
    throw new DomainError(
      'forbidden',
      'MFA_REQUIRED',
      'Staff accounts must sign in with a second factor (TOTP) before they can do this.',
    );
  }
  return actor.accountId;
}

/** The doctor id of the caller (a doctor's id is their account id). */
export const requireDoctor = (caller: WithActor) => requireRole(caller, 'doctor');
export const requireAdmin = (caller: WithActor) => requireRole(caller, 'admin');
