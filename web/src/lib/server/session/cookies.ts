/**
 * The web server keeps the API's tokens in its own httpOnly cookies: the browser never sees a
 * token in script, and the API never sees the browser. Each cookie lives exactly as long as the
 * token it holds, so a missing access cookie next to a refresh cookie means "renew before calling".
 */
import type { Cookies } from '@sveltejs/kit';
import type { TokenPair } from '../identity-schemas';

export const ACCESS_COOKIE = 'consulta_web_access';
export const REFRESH_COOKIE = 'consulta_web_refresh';
/** The pending second-factor challenge between /login and /login/verify. */
export const MFA_COOKIE = 'consulta_web_mfa';

const MFA_CHALLENGE_SECONDS = 5 * 60;
/** Used only when the API sends an expiry we cannot read; the API stays the judge of validity. */
const FALLBACK_SECONDS = { access: 15 * 60, refresh: 30 * 24 * 3600 } as const;

export interface StoredTokens {
  accessToken: string | null;
  refreshToken: string | null;
}

function options(url: URL, maxAge: number, path = '/') {
  // Secure only over https: browsers drop Secure cookies set on plain-http 127.0.0.1 in development.
  return { path, httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge } as const;
}

/** The second-factor challenge is only ever read by /login/verify. */
const MFA_COOKIE_PATH = '/login';

export function secondsUntil(iso: string, fallback: number, now = Date.now()): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return fallback;
  return Math.max(0, Math.floor((at - now) / 1000));
}

export function readTokens(cookies: Cookies): StoredTokens {
  return { accessToken: cookies.get(ACCESS_COOKIE) ?? null, refreshToken: cookies.get(REFRESH_COOKIE) ?? null };
}

export function storeTokens(cookies: Cookies, url: URL, pair: TokenPair): void {
  cookies.set(
    ACCESS_COOKIE,
    pair.accessToken,
    options(url, secondsUntil(pair.accessTokenExpiresAt, FALLBACK_SECONDS.access)),
  );
  cookies.set(
    REFRESH_COOKIE,
    pair.refreshToken,
    options(url, secondsUntil(pair.refreshTokenExpiresAt, FALLBACK_SECONDS.refresh)),
  );
}

export function clearTokens(cookies: Cookies, url: URL): void {
  cookies.delete(ACCESS_COOKIE, options(url, 0));
  cookies.delete(REFRESH_COOKIE, options(url, 0));
}

export function storeMfaChallenge(cookies: Cookies, url: URL, mfaToken: string): void {
  cookies.set(MFA_COOKIE, mfaToken, options(url, MFA_CHALLENGE_SECONDS, MFA_COOKIE_PATH));
}

export function readMfaChallenge(cookies: Cookies): string | null {
  return cookies.get(MFA_COOKIE) ?? null;
}

export function clearMfaChallenge(cookies: Cookies, url: URL): void {
  cookies.delete(MFA_COOKIE, options(url, 0, MFA_COOKIE_PATH));
}
