/**
 * Role gates for the doctor practice routes, from `request.actor` (api/auth/authenticate.ts):
 * anonymous → 401 AUTHENTICATION_REQUIRED; signed in without the role → 403 ROLE_REQUIRED (these
 * routes are documented and hold nothing to hide, unlike another person's records, which answer
 * 404); admins without a second factor → 403 MFA_REQUIRED, as domain/access/policy.ts does.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/index.js';
import { ROLES_REQUIRING_MFA, type Role } from '../../domain/identity/roles.js';
import { requireAccount } from '../auth/authenticate.js';

export function requireRole(request: FastifyRequest, role: Role): string {
  const actor = requireAccount(request);
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
export const requireDoctor = (request: FastifyRequest) => requireRole(request, 'doctor');
export const requireAdmin = (request: FastifyRequest) => requireRole(request, 'admin');
