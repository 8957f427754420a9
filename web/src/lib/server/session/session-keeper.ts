/**
 * One request's view of the session tokens: what the cookies held, and a renewal that runs at
 * most once per request. A refused renewal ends the session (cookies cleared) for the rest of
 * the request; an unreachable API leaves the cookies alone, since the session may well be fine.
 */
import type { Cookies } from '@sveltejs/kit';
import { clearTokens, readTokens, storeTokens, type StoredTokens } from './cookies';
import type { RefreshResult } from './refresh-once';

export type RenewOutcome = 'renewed' | 'refused' | 'unavailable';

export interface SessionKeeper {
  readonly accessToken: string | null;
  /** The request arrived with session cookies (so losing them now means "expired", not "anonymous"). */
  readonly hadSession: boolean;
  readonly ended: boolean;
  /** Whether a renewal is still possible in this request (a refresh token and no attempt yet). */
  readonly canRenew: boolean;
  renew(): Promise<RenewOutcome>;
  /** Forget the session: cookies cleared, no token sent for the rest of the request. */
  end(): void;
}

export function createSessionKeeper(options: {
  cookies: Cookies;
  url: URL;
  refresh: (refreshToken: string) => Promise<RefreshResult>;
}): SessionKeeper {
  const { cookies, url, refresh } = options;
  let tokens: StoredTokens = readTokens(cookies);
  const hadSession = tokens.accessToken !== null || tokens.refreshToken !== null;
  let ended = false;
  let renewal: Promise<RenewOutcome> | null = null;

  function end(): void {
    ended = true;
    tokens = { accessToken: null, refreshToken: null };
    clearTokens(cookies, url);
  }

  async function renewNow(refreshToken: string): Promise<RenewOutcome> {
    const result = await refresh(refreshToken);
    if (result.ok) {
      storeTokens(cookies, url, result.data.session);
      tokens = { accessToken: result.data.session.accessToken, refreshToken: result.data.session.refreshToken };
      return 'renewed';
    }
    if (result.status === 0 || result.status >= 500) return 'unavailable';
    end();
    return 'refused';
  }

  return {
    get accessToken() {
      return tokens.accessToken;
    },
    hadSession,
    get ended() {
      return ended;
    },
    get canRenew() {
      return renewal === null && tokens.refreshToken !== null;
    },
    renew() {
      if (renewal) return renewal;
      const refreshToken = tokens.refreshToken;
      renewal = refreshToken ? renewNow(refreshToken) : Promise.resolve<RenewOutcome>('refused');
      return renewal;
    },
    end,
  };
}
