import type { Role } from '../identity/roles.js';

/**
 * Who is asking, resolved once per request from a verified access token. A patient's own
 * patient id is their account id; a doctor's doctor id is their account id.
 */
export type Actor =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'account';
      readonly accountId: string;
      readonly roles: readonly Role[];
      /** The session passed a second factor (TOTP or backup code). */
      readonly mfa: boolean;
      /** Refresh-token family of the session, for "log out everywhere" and audit. */
      readonly sessionId: string;
    };

export const anonymous: Actor = { kind: 'anonymous' };

export function hasRole(actor: Actor, wanted: Role): boolean {
  return actor.kind === 'account' && actor.roles.includes(wanted);
}
