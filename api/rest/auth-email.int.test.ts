/** Email verification and password reset, through the local mailer's dev outbox. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import {
  anEmail,
  auditTypes,
  bearer,
  client,
  errorCode,
  latestOutboxMessage,
  login,
  register,
  tokenFromLink,
  type TokenPairBody,
} from '../../tests/fixtures/identity.js';
import { buildApp } from '../app.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const NEW_PASSWORD = 'seven quiet otters at dawn';

describe('email verification', () => {
  it('verifies the address with the emailed link, once', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const email = await latestOutboxMessage(platform.db.pool, account.email);
    expect(email.subject).toBe('Confirm your email address for Consulta');
    expect(email.body).toContain('http://127.0.0.1:5173/verify-email?token=');
    const token = tokenFromLink(email.body);

    const verified = await http.post('/api/v1/auth/email/verify', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ emailVerified: true });
    expect((await http.get('/api/v1/auth/status', bearer(account.session))).json()).toMatchObject({
      emailVerified: true,
    });
    expect(errorCode(await http.post('/api/v1/auth/email/verify', { token }))).toBe('TOKEN_INVALID');
    expect(await auditTypes(platform.db.pool, account.id)).toContain('EmailVerified');
  });

  it('sends the link again on request, until the address is verified', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const resent = await http.post('/api/v1/auth/email/resend', {}, bearer(account.session));
    expect(resent.statusCode).toBe(202);
    await http.post('/api/v1/auth/email/verify', {
      token: tokenFromLink((await latestOutboxMessage(platform.db.pool, account.email)).body),
    });
    const again = await http.post('/api/v1/auth/email/resend', {}, bearer(account.session));
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('EMAIL_ALREADY_VERIFIED');
  });
});

describe('password reset', () => {
  async function resetToken(http: ReturnType<typeof client>, email: string): Promise<string> {
    const forgot = await http.post('/api/v1/auth/password/forgot', { email });
    expect(forgot.statusCode).toBe(202);
    const message = await latestOutboxMessage(platform.db.pool, email);
    expect(message.subject).toBe('Reset your Consulta password');
    return tokenFromLink(message.body);
  }

  it('sets a new password once with the emailed token and ends every session', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const other = await login(http, account.email, account.password);
    const token = await resetToken(http, account.email);

    const weak = await http.post('/api/v1/auth/password/reset', { token, password: 'short' });
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    // A weak choice does not spend the link.
    const reset = await http.post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(reset.statusCode, reset.body).toBe(200);

    for (const session of [account.session, other])
      expect(errorCode(await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken }))).toBe(
        'REFRESH_TOKEN_REVOKED',
      );
    expect(errorCode(await http.post('/api/v1/auth/login', { email: account.email, password: account.password }))).toBe(
      'INVALID_CREDENTIALS',
    );
    await login(http, account.email, NEW_PASSWORD);

    const reused = await http.post('/api/v1/auth/password/reset', { token, password: 'another fine long phrase' });
    expect(reused.statusCode).toBe(400);
    expect(errorCode(reused)).toBe('TOKEN_INVALID');
    expect(await auditTypes(platform.db.pool, account.id)).toEqual(
      expect.arrayContaining(['PasswordResetRequested', 'PasswordResetCompleted', 'SessionRevoked']),
    );
  });

  it('lets the token expire after 30 minutes', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const token = await resetToken(http, account.email);
    const later: FastifyInstance = await buildApp({ ...platform.deps, now: () => new Date(Date.now() + 31 * 60_000) });
    try {
      const response = await client(later).post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD });
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('TOKEN_INVALID');
    } finally {
      await later.close();
    }
    // Within the 30 minutes it still works.
    expect((await http.post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    const email = anEmail('nobody');
    const response = await client(platform.app).post('/api/v1/auth/password/forgot', { email });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: true });
    const { rowCount } = await platform.db.pool.query('SELECT 1 FROM dev_outbox WHERE recipient = $1', [email]);
    expect(rowCount).toBe(0);
  });

  it('gives a new session after reset only through login', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const token = await resetToken(http, account.email);
    const body = (await http.post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD })).json<{
      session?: TokenPairBody;
    }>();
    expect(body).toEqual({ passwordReset: true });
  });
});
