/**
 * Browser sessions live in cookies: the access token (httpOnly, every path), the refresh token
 * (httpOnly, only the auth routes) and a readable CSRF token. Each unsafe request authenticated by
 * cookie must echo the CSRF cookie in the x-csrf-token header (double submit): a page on another
 * site can make the browser send the cookies, but it cannot read them to copy one into a header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import { randomToken, safeEqual } from './secrets.js';
import type { IssuedSession } from './sessions.js';

export const ACCESS_COOKIE = 'consulta_access';
export const REFRESH_COOKIE = 'consulta_refresh';
export const CSRF_COOKIE = 'consulta_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A request with `x-consulta-session: cookie` gets its session as cookies instead of in the body. */
export const SESSION_MODE_HEADER = 'x-consulta-session';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafeMethod = (request: FastifyRequest) => !SAFE_METHODS.has(request.method);

export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return cookies?.[name] || undefined;
}

export const wantsCookies = (request: FastifyRequest) => request.headers[SESSION_MODE_HEADER] === 'cookie';

export function csrfProblem(request: FastifyRequest): DomainError | undefined {
  const header = request.headers[CSRF_HEADER];
  const expected = cookieOf(request, CSRF_COOKIE);
  if (typeof header !== 'string' || header.length === 0 || !expected)
    return new DomainError(
      'forbidden',
      'CSRF_TOKEN_MISSING',
      `Send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header with every change made by cookie session.`,
    );
  if (!safeEqual(header, expected))
    return new DomainError(
      'forbidden',
      'CSRF_TOKEN_INVALID',
      `The ${CSRF_HEADER} header does not match the ${CSRF_COOKIE} cookie.`,
    );
  return undefined;
}

export function assertCsrf(request: FastifyRequest): void {
  const problem = csrfProblem(request);
  if (problem) throw problem;
}

const seconds = (until: Date, from: Date) => Math.max(0, Math.ceil((until.getTime() - from.getTime()) / 1000));

export function setSessionCookies(
  reply: FastifyReply,
  session: IssuedSession,
  options: { secure: boolean; now: Date },
): void {
  const base = { sameSite: 'strict', secure: options.secure } as const;
  void reply
    .setCookie(ACCESS_COOKIE, session.accessToken, {
      ...base,
      httpOnly: true,
      path: '/',
      maxAge: seconds(session.accessTokenExpiresAt, options.now),
    })
    .setCookie(REFRESH_COOKIE, session.refreshToken, {
      ...base,
      httpOnly: true,
      path: REFRESH_COOKIE_PATH,
      maxAge: seconds(session.refreshTokenExpiresAt, options.now),
    })
    // Readable by the page's script on purpose: it copies it into the x-csrf-token header.
    .setCookie(CSRF_COOKIE, randomToken(), {
      ...base,
      httpOnly: false,
      path: '/',
      maxAge: seconds(session.refreshTokenExpiresAt, options.now),
    });
}

export function clearSessionCookies(reply: FastifyReply, options: { secure: boolean }): void {
  const base = { sameSite: 'strict', secure: options.secure } as const;
  void reply
    .clearCookie(ACCESS_COOKIE, { ...base, httpOnly: true, path: '/' })
    .clearCookie(REFRESH_COOKIE, { ...base, httpOnly: true, path: REFRESH_COOKIE_PATH })
    .clearCookie(CSRF_COOKIE, { ...base, path: '/' });
}
