/** Sign-up, login, refresh-token rotation and reuse, logout, throttling and suspension. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import {
  A_STRONG_PASSWORD,
  anEmail,
  auditTypes,
  bearer,
  client,
  errorCode,
  givenAccount,
  login,
  register,
  type ErrorAnswer,
  type TokenPairBody,
} from '../../tests/fixtures/identity.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const refresh = (http: ReturnType<typeof client>, refreshToken: string) =>
  http.post('/api/v1/auth/refresh', { refreshToken });

describe('register, login and refresh', () => {
  it('registers, logs in and rotates the refresh token on every refresh', async () => {
    const http = client(platform.app);
    const account = await register(http, { role: 'doctor' });
    expect(account.session).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });

    const status = await http.get('/api/v1/auth/status', bearer(account.session));
    expect(status.json()).toEqual({
      accountId: account.id,
      roles: ['doctor'],
      mfa: false,
      totpEnabled: false,
      emailVerified: false,
      mfaSetupRequired: false,
    });

    const session = await login(http, account.email.toUpperCase(), account.password);
    const first = await refresh(http, session.refreshToken);
    expect(first.statusCode).toBe(200);
    const rotated = first.json<{ session: TokenPairBody }>().session;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect((await http.get('/api/v1/auth/status', bearer(rotated))).statusCode).toBe(200);

    const second = await refresh(http, rotated.refreshToken);
    expect(second.statusCode).toBe(200);
  });

  it('ends the whole family when a rotated refresh token is used again', async () => {
    const http = client(platform.app);
    const { session } = await register(http);
    const next = (await refresh(http, session.refreshToken)).json<{ session: TokenPairBody }>().session;

    const replay = await refresh(http, session.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer token stops working too.
    const newer = await refresh(http, next.refreshToken);
    expect(newer.statusCode).toBe(401);
    expect(errorCode(newer)).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('answers 401 for an unknown or expired refresh token', async () => {
    const http = client(platform.app);
    expect(errorCode(await refresh(http, 'not-a-token-we-ever-issued'))).toBe('INVALID_REFRESH_TOKEN');

    const { session, id } = await register(http);
    await platform.db.pool.query(
      "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1",
      [id],
    );
    const expired = await refresh(http, session.refreshToken);
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe('REFRESH_TOKEN_EXPIRED');
  });

  it('refuses a duplicate email (any case) with 409 EMAIL_TAKEN', async () => {
    const http = client(platform.app);
    const { email } = await register(http);
    const again = await http.post('/api/v1/auth/register', { email: email.toUpperCase(), password: A_STRONG_PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('EMAIL_TAKEN');
  });

  it('refuses a weak password with 400 WEAK_PASSWORD naming each broken rule', async () => {
    const http = client(platform.app);
    const email = `marialopez+${randomUUID().slice(0, 8)}@example.test`;
    const response = await http.post('/api/v1/auth/register', { email, password: 'marialopez1' });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ErrorAnswer>();
    expect(error.code).toBe('WEAK_PASSWORD');
    expect(error.details?.map((d) => d.message)).toEqual([
      expect.stringContaining('at least 12 characters (this one has 11)'),
      expect.stringContaining('email address’s name'),
    ]);
    const { rowCount } = await platform.db.pool.query('SELECT 1 FROM accounts WHERE email = $1', [email]);
    expect(rowCount).toBe(0);
  });

  it('does not let a patient sign up as admin', async () => {
    const response = await client(platform.app).post('/api/v1/auth/register', {
      email: anEmail(),
      password: A_STRONG_PASSWORD,
      role: 'admin',
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('VALIDATION_FAILED');
  });

  it('stores passwords as argon2id and audits without personal data', async () => {
    const http = client(platform.app);
    const { id, email } = await register(http);
    await login(http, email, A_STRONG_PASSWORD);
    const { rows } = await platform.db.pool.query<{ password_hash: string }>(
      'SELECT password_hash FROM password_credentials WHERE account_id = $1',
      [id],
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await auditTypes(platform.db.pool, id)).toEqual(['AccountRegistered', 'LoginSucceeded']);
    const { rows: leaks } = await platform.db.pool.query(
      "SELECT 1 FROM events WHERE stream_id LIKE 'audit-%' AND (data::text ILIKE $1 OR data::text LIKE $2)",
      [`%${email}%`, `%${A_STRONG_PASSWORD}%`],
    );
    expect(leaks).toEqual([]);
  });
});

describe('login failures and limits', () => {
  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const http = client(platform.app);
    const { email, id } = await register(http);
    const wrongPassword = await http.post('/api/v1/auth/login', { email, password: 'not the password at all' });
    const unknownEmail = await http.post('/api/v1/auth/login', { email: anEmail(), password: A_STRONG_PASSWORD });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual(wrongPassword.json());
    }
    expect(errorCode(wrongPassword)).toBe('INVALID_CREDENTIALS');
    expect(await auditTypes(platform.db.pool, id)).toContain('LoginFailed');
    expect(await auditTypes(platform.db.pool, 'login-failures')).toContain('LoginFailed');
  });

  it('refuses the 6th password for an account within a minute with 429, even the right one', async () => {
    const { email } = await register(client(platform.app));
    for (let attempt = 1; attempt <= 5; attempt++) {
      // A new address each time: the account's own limit is what stops this.
      const wrong = await client(platform.app).post('/api/v1/auth/login', {
        email,
        password: `wrong password ${attempt}!`,
      });
      expect(wrong.statusCode).toBe(401);
    }
    const sixth = await client(platform.app).post('/api/v1/auth/login', { email, password: A_STRONG_PASSWORD });
    expect(sixth.statusCode).toBe(429);
    expect(errorCode(sixth)).toBe('RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not affected.
    const other = await register(client(platform.app));
    await login(client(platform.app), other.email, other.password);
  });

  it('keeps suspended accounts out: no login, no refresh', async () => {
    const http = client(platform.app);
    const { id, email, session } = await register(http);
    await platform.db.pool.query("UPDATE accounts SET status = 'suspended' WHERE id = $1", [id]);
    const loginAttempt = await http.post('/api/v1/auth/login', { email, password: A_STRONG_PASSWORD });
    expect(loginAttempt.statusCode).toBe(403);
    expect(errorCode(loginAttempt)).toBe('ACCOUNT_SUSPENDED');
    const refreshAttempt = await refresh(http, session.refreshToken);
    expect(refreshAttempt.statusCode).toBe(403);
    expect(errorCode(refreshAttempt)).toBe('ACCOUNT_SUSPENDED');
  });
});

describe('logout', () => {
  it('ends the current session only', async () => {
    const http = client(platform.app);
    const { email, password, session: first } = await register(http);
    const second = await login(http, email, password);
    const logout = await http.post('/api/v1/auth/logout', { refreshToken: first.refreshToken });
    expect(logout.statusCode).toBe(204);
    expect(errorCode(await refresh(http, first.refreshToken))).toBe('REFRESH_TOKEN_REVOKED');
    expect((await refresh(http, second.refreshToken)).statusCode).toBe(200);
  });

  it('ends the access token’s session when no refresh token is sent', async () => {
    const http = client(platform.app);
    const { session } = await register(http);
    expect((await http.post('/api/v1/auth/logout', undefined, bearer(session))).statusCode).toBe(204);
    expect(errorCode(await refresh(http, session.refreshToken))).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('logs out everywhere', async () => {
    const http = client(platform.app);
    const { id, email, password, session: first } = await register(http);
    const second = await login(http, email, password);
    expect((await http.post('/api/v1/auth/logout-all', {}, bearer(second))).statusCode).toBe(204);
    for (const token of [first.refreshToken, second.refreshToken])
      expect(errorCode(await refresh(http, token))).toBe('REFRESH_TOKEN_REVOKED');
    expect(await auditTypes(platform.db.pool, id)).toContain('SessionRevoked');
  });

  it('needs a signed-in account for logout-all and status', async () => {
    const http = client(platform.app);
    expect((await http.post('/api/v1/auth/logout-all', {})).statusCode).toBe(401);
    expect((await http.get('/api/v1/auth/status')).statusCode).toBe(401);
  });
});

describe('accounts made by the CLI', () => {
  it('can log in with any role', async () => {
    const doctor = await givenAccount(platform.deps, { role: 'doctor' });
    const session = await login(client(platform.app), doctor.email, doctor.password);
    expect(session.accessToken).toEqual(expect.any(String));
  });
});
