/** Two-factor authentication (TOTP, backup codes), staff who must use it, and account admin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import {
  auditTypes,
  bearer,
  client,
  enrolTotp,
  errorCode,
  givenAccount,
  login,
  register,
  totpCode,
  type Client,
  type TokenPairBody,
} from '../../tests/fixtures/identity.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function mfaToken(http: Client, email: string, password: string): Promise<string> {
  const response = await http.post('/api/v1/auth/login', { email, password });
  expect(response.statusCode).toBe(200);
  const body = response.json<{ mfaRequired?: boolean; mfaToken?: string }>();
  expect(body.mfaRequired).toBe(true);
  return body.mfaToken!;
}

const sessionRows = async (accountId: string) =>
  Number(
    (
      await platform.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM refresh_tokens WHERE account_id = $1', [
        accountId,
      ])
    ).rows[0]?.n,
  );

async function statusOf(http: Client, session: TokenPairBody) {
  return (await http.get('/api/v1/auth/status', bearer(session))).json<{
    roles: string[];
    mfa: boolean;
    totpEnabled: boolean;
    mfaSetupRequired: boolean;
  }>();
}

describe('TOTP for a patient', () => {
  it('asks for the second factor after the password, and only a right code yields a session', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const { secret, backupCodes, session } = await enrolTotp(http, account.session);
    expect(backupCodes).toHaveLength(10);
    expect(await statusOf(http, session)).toMatchObject({ mfa: true, totpEnabled: true, mfaSetupRequired: false });

    const token = await mfaToken(http, account.email, account.password);
    const rowsBefore = await sessionRows(account.id);
    const wrong = await http.post('/api/v1/auth/login/mfa', { mfaToken: token, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('INVALID_MFA_CODE');
    expect(wrong.json()).not.toHaveProperty('session');
    expect(await sessionRows(account.id)).toBe(rowsBefore);

    const right = await http.post('/api/v1/auth/login/mfa', { mfaToken: token, code: totpCode(secret, new Date(), 1) });
    expect(right.statusCode, right.body).toBe(200);
    const mfaSession = right.json<{ session: TokenPairBody }>().session;
    expect((await statusOf(http, mfaSession)).mfa).toBe(true);
    expect(await auditTypes(platform.db.pool, account.id)).toEqual(
      expect.arrayContaining(['TwoFactorEnabled', 'LoginFailed', 'LoginSucceeded']),
    );
  });

  it('refuses the same code twice (replay within its window)', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const { secret } = await enrolTotp(http, account.session);
    const code = totpCode(secret, new Date(), 1);
    const first = await http.post('/api/v1/auth/login/mfa', {
      mfaToken: await mfaToken(http, account.email, account.password),
      code,
    });
    expect(first.statusCode).toBe(200);
    const replay = await http.post('/api/v1/auth/login/mfa', {
      mfaToken: await mfaToken(http, account.email, account.password),
      code,
    });
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('INVALID_MFA_CODE');
  });

  it('accepts each backup code once', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const { backupCodes } = await enrolTotp(http, account.session);
    const code = backupCodes[3]!;
    const first = await http.post('/api/v1/auth/login/mfa', {
      mfaToken: await mfaToken(http, account.email, account.password),
      code: code.toUpperCase(),
    });
    expect(first.statusCode).toBe(200);
    const again = await http.post('/api/v1/auth/login/mfa', {
      mfaToken: await mfaToken(http, account.email, account.password),
      code,
    });
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('INVALID_MFA_CODE');
  });

  it('refuses a forged or foreign mfaToken, and an access token in its place', async () => {
    const http = client(platform.app);
    const account = await register(http);
    for (const token of ['not-a-token', account.session.accessToken]) {
      const response = await http.post('/api/v1/auth/login/mfa', { mfaToken: token, code: '123456' });
      expect(response.statusCode).toBe(401);
      expect(errorCode(response)).toBe('INVALID_MFA_TOKEN');
    }
  });

  it('limits wrong codes per account: the 6th try within a minute is 429', async () => {
    const account = await register(client(platform.app));
    await enrolTotp(client(platform.app), account.session);
    const token = await mfaToken(client(platform.app), account.email, account.password);
    for (let i = 0; i < 5; i++)
      expect(
        (await client(platform.app).post('/api/v1/auth/login/mfa', { mfaToken: token, code: '000000' })).statusCode,
      ).toBe(401);
    const sixth = await client(platform.app).post('/api/v1/auth/login/mfa', { mfaToken: token, code: '000000' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
  });

  it('turns off with a code, for patients only', async () => {
    const http = client(platform.app);
    const account = await register(http);
    const { backupCodes, session } = await enrolTotp(http, account.session);
    const wrong = await http.post('/api/v1/auth/totp/disable', { code: 'zzzzz-zzzzz' }, bearer(session));
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('INVALID_MFA_CODE');
    expect((await http.post('/api/v1/auth/totp/disable', { code: backupCodes[0]! }, bearer(session))).statusCode).toBe(
      204,
    );
    expect((await statusOf(http, session)).totpEnabled).toBe(false);
    // Back to password only.
    await login(http, account.email, account.password);
    expect(await auditTypes(platform.db.pool, account.id)).toContain('TwoFactorDisabled');
  });
});

describe('staff must use a second factor', () => {
  it('lets an admin without TOTP only set it up, then opens the admin routes', async () => {
    const http = client(platform.app);
    const admin = await givenAccount(platform.deps, { role: 'admin' });
    const session = await login(http, admin.email, admin.password);
    expect(await statusOf(http, session)).toMatchObject({ mfa: false, totpEnabled: false, mfaSetupRequired: true });

    const denied = await http.get('/api/v1/admin/accounts', bearer(session));
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('MFA_REQUIRED');
    // Held to the setup routes everywhere else in the API, too.
    expect(errorCode(await http.get('/api/v1/appointments', bearer(session)))).toBe('MFA_REQUIRED');

    const enrolled = await enrolTotp(http, session);
    expect(await statusOf(http, enrolled.session)).toMatchObject({ mfa: true, mfaSetupRequired: false });
    expect((await http.get('/api/v1/admin/accounts', bearer(enrolled.session))).statusCode).toBe(200);
    // The session without the second factor ended when TOTP was turned on.
    const old = await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(errorCode(old)).toBe('REFRESH_TOKEN_REVOKED');

    const disable = await http.post(
      '/api/v1/auth/totp/disable',
      { code: enrolled.backupCodes[0]! },
      bearer(enrolled.session),
    );
    expect(disable.statusCode).toBe(409);
    expect(errorCode(disable)).toBe('MFA_REQUIRED_FOR_ROLE');
  });

  it('asks a finance account for setup too', async () => {
    const http = client(platform.app);
    const finance = await givenAccount(platform.deps, { role: 'finance' });
    const session = await login(http, finance.email, finance.password);
    expect((await statusOf(http, session)).mfaSetupRequired).toBe(true);
  });
});

describe('account administration', () => {
  async function givenSignedInAdmin(http: Client): Promise<{ id: string; session: TokenPairBody }> {
    const admin = await givenAccount(platform.deps, { role: 'admin' });
    const { session } = await enrolTotp(http, await login(http, admin.email, admin.password));
    return { id: admin.id, session };
  }

  it('finds accounts, grants and revokes roles, suspends and reinstates', async () => {
    const http = client(platform.app);
    const admin = await givenSignedInAdmin(http);
    const patient = await register(http);

    const found = await http.get(
      `/api/v1/admin/accounts?email=${encodeURIComponent(patient.email)}`,
      bearer(admin.session),
    );
    expect(found.json()).toEqual({
      items: [{ id: patient.id, email: patient.email, roles: ['patient'], status: 'active' }],
    });

    const granted = await http.post(
      `/api/v1/admin/accounts/${patient.id}/roles`,
      { role: 'doctor' },
      bearer(admin.session),
    );
    expect(granted.json()).toMatchObject({ roles: ['patient', 'doctor'] });
    const revoked = await http.delete(`/api/v1/admin/accounts/${patient.id}/roles/patient`, bearer(admin.session));
    expect(revoked.json()).toMatchObject({ roles: ['doctor'] });
    // The role change reaches the patient's session at its next refresh.
    const refreshed = (await http.post('/api/v1/auth/refresh', { refreshToken: patient.session.refreshToken })).json<{
      session: TokenPairBody;
    }>().session;
    expect((await statusOf(http, refreshed)).roles).toEqual(['doctor']);

    const suspended = await http.post(`/api/v1/admin/accounts/${patient.id}/suspend`, {}, bearer(admin.session));
    expect(suspended.json()).toMatchObject({ status: 'suspended' });
    expect(errorCode(await http.post('/api/v1/auth/login', { email: patient.email, password: patient.password }))).toBe(
      'ACCOUNT_SUSPENDED',
    );
    expect(errorCode(await http.post('/api/v1/auth/refresh', { refreshToken: refreshed.refreshToken }))).toBe(
      'REFRESH_TOKEN_REVOKED',
    );
    await http.post(`/api/v1/admin/accounts/${patient.id}/reinstate`, {}, bearer(admin.session));
    await login(http, patient.email, patient.password);

    expect(await auditTypes(platform.db.pool, patient.id)).toEqual(
      expect.arrayContaining(['RoleGranted', 'RoleRevoked', 'AccountSuspended', 'SessionRevoked', 'AccountReinstated']),
    );
    const { rows } = await platform.db.pool.query<{ data: { actorId: string } }>(
      "SELECT data FROM events WHERE stream_id = $1 AND type = 'RoleGranted'",
      [`audit-${patient.id}`],
    );
    expect(rows[0]?.data.actorId).toBe(admin.id);
  });

  it('refuses non-admins and an admin removing their own admin role', async () => {
    const http = client(platform.app);
    const admin = await givenSignedInAdmin(http);
    const patient = await register(http);
    const asPatient = await http.get('/api/v1/admin/accounts', bearer(patient.session));
    expect(asPatient.statusCode).toBe(403);
    expect(errorCode(asPatient)).toBe('ADMIN_ONLY');
    const self = await http.delete(`/api/v1/admin/accounts/${admin.id}/roles/admin`, bearer(admin.session));
    expect(self.statusCode).toBe(409);
    expect(errorCode(self)).toBe('CANNOT_REVOKE_OWN_ADMIN');
    expect(
      (await http.post(`/api/v1/admin/accounts/${patient.id}/roles`, { role: 'root' }, bearer(admin.session)))
        .statusCode,
    ).toBe(400);
  });
});
