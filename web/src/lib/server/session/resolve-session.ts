/**
 * Who is asking, resolved once per request: the API's /auth/status for the access token in the
 * cookies (renewed first when only the refresh token is left). The API stays the judge: the web
 * server never reads roles out of a token itself.
 */
import type { ApiClient } from '../api-client';
import type { AuthStatus } from '../identity-schemas';
import type { SessionKeeper } from './session-keeper';

export type SessionResolution =
  | { kind: 'anonymous' }
  | { kind: 'signed-in'; session: AuthStatus }
  /** There was a session and it is over (refresh refused, account logged out elsewhere). */
  | { kind: 'expired' }
  /** The API could not say (down, or failing): keep the cookies, say so on pages that need it. */
  | { kind: 'unavailable'; message: string };

export async function resolveSession(keeper: SessionKeeper, api: ApiClient): Promise<SessionResolution> {
  if (!keeper.hadSession) return { kind: 'anonymous' };

  if (!keeper.accessToken) {
    const renewed = await keeper.renew();
    if (renewed === 'refused') return { kind: 'expired' };
    if (renewed === 'unavailable') return { kind: 'unavailable', message: 'The API did not answer.' };
  }

  // The session fetch renews once more if this token expires on the way.
  const status = await api.auth.status();
  if (status.ok) return { kind: 'signed-in', session: status.data };
  if (status.status === 401 || status.status === 403) {
    keeper.end();
    return { kind: 'expired' };
  }
  return { kind: 'unavailable', message: status.error.message };
}
