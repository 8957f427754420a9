/** Browser sessions in cookies, and the double-submit CSRF check on changes made by cookie. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { anAddress, bearer, client, errorCode, register } from '../../tests/fixtures/identity.js';
import { buildApp } from '../app.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const COOKIE_MODE = { 'x-consulta-session': 'cookie' };

type Jar = Record<string, string>;
const jarOf = (response: LightMyRequestResponse): Jar =>
  Object.fromEntries(response.cookies.filter((c) => c.value).map((c) => [c.name, c.value]));

async function browserLogin(app: FastifyInstance): Promise<{ response: LightMyRequestResponse; jar: Jar }> {
  const account = await register(client(app));
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: account.email, password: account.password },
    headers: COOKIE_MODE,
    remoteAddress: anAddress(),
  });
  expect(response.statusCode, response.body).toBe(200);
  return { response, jar: jarOf(response) };
}

describe('cookie sessions', () => {
  it('puts the tokens in httpOnly cookies and leaves them out of the body', async () => {
    const { response } = await browserLogin(platform.app);
    const session = response.json<{ session: Record<string, unknown> }>().session;
    expect(session).not.toHaveProperty('accessToken');
    expect(session).not.toHaveProperty('refreshToken');
    expect(session).toMatchObject({ tokenType: 'Bearer', accessTokenExpiresAt: expect.any(String) });

    const byName = Object.fromEntries(response.cookies.map((c) => [c.name, c]));
    expect(byName.consulta_access).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Strict', maxAge: 900 });
    expect(byName.consulta_refresh).toMatchObject({ path: '/api/v1/auth', httpOnly: true, sameSite: 'Strict' });
    expect(byName.consulta_csrf).toMatchObject({ path: '/', sameSite: 'Strict' });
    expect(byName.consulta_csrf?.httpOnly).toBeFalsy();
    // Plain HTTP in development and tests; Secure in production (below).
    expect(byName.consulta_access?.secure).toBeFalsy();
  });

  it('authenticates reads by cookie without a CSRF header', async () => {
    const { jar } = await browserLogin(platform.app);
    const status = await platform.app.inject({ method: 'GET', url: '/api/v1/auth/status', cookies: jar });
    expect(status.statusCode).toBe(200);
  });

  it('refuses a change made by cookie without the CSRF header, or with a wrong one', async () => {
    const { jar } = await browserLogin(platform.app);
    const missing = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      cookies: jar,
      payload: {},
    });
    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('CSRF_TOKEN_MISSING');

    const wrong = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      cookies: jar,
      payload: {},
      headers: { 'x-csrf-token': 'guessed' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('CSRF_TOKEN_INVALID');

    const right = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      cookies: jar,
      payload: {},
      headers: { 'x-csrf-token': jar.consulta_csrf! },
    });
    expect(right.statusCode).toBe(204);
  });

  it('exempts Bearer requests from the CSRF check', async () => {
    const http = client(platform.app);
    const { session } = await register(http);
    expect((await http.post('/api/v1/auth/email/resend', {}, bearer(session))).statusCode).toBe(202);
  });

  it('refreshes from the refresh cookie (with the CSRF header) and sets new cookies', async () => {
    const { jar } = await browserLogin(platform.app);
    const without = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: jar,
      payload: {},
    });
    expect(errorCode(without)).toBe('CSRF_TOKEN_MISSING');

    const refreshed = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: jar,
      payload: {},
      headers: { 'x-csrf-token': jar.consulta_csrf! },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const next = jarOf(refreshed);
    expect(next.consulta_refresh).toBeDefined();
    expect(next.consulta_refresh).not.toBe(jar.consulta_refresh);
    expect(refreshed.json<{ session: Record<string, unknown> }>().session).not.toHaveProperty('refreshToken');
  });

  it('logs out by cookie and clears the cookies', async () => {
    const { jar } = await browserLogin(platform.app);
    const logout = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: jar,
      payload: {},
      headers: { 'x-csrf-token': jar.consulta_csrf! },
    });
    expect(logout.statusCode).toBe(204);
    const cleared = Object.fromEntries(logout.cookies.map((c) => [c.name, c.value]));
    expect(cleared).toEqual({ consulta_access: '', consulta_refresh: '', consulta_csrf: '' });
    const again = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: jar,
      payload: {},
      headers: { 'x-csrf-token': jar.consulta_csrf! },
    });
    expect(errorCode(again)).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('ignores a stale access cookie on the sign-in routes', async () => {
    const account = await register(client(platform.app));
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: account.email, password: account.password },
      cookies: { consulta_access: 'expired.or.forged' },
      remoteAddress: anAddress(),
    });
    expect(response.statusCode).toBe(200);
    // Elsewhere it is a 401 that tells the client to refresh.
    const elsewhere = await platform.app.inject({
      method: 'GET',
      url: '/api/v1/auth/status',
      cookies: { consulta_access: 'expired.or.forged' },
    });
    expect(errorCode(elsewhere)).toBe('SESSION_EXPIRED');
  });

  it('marks the cookies Secure in production', async () => {
    const production = await buildApp({ ...platform.deps, appEnv: 'production' });
    try {
      const { response } = await browserLogin(production);
      expect(response.cookies.map((c) => [c.name, c.secure])).toEqual([
        ['consulta_access', true],
        ['consulta_refresh', true],
        ['consulta_csrf', true],
      ]);
    } finally {
      await production.close();
    }
  });
});
