import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { bearer, client, login, totpCode, type TokenPairBody } from '../../tests/fixtures/identity.js';
import { DEMO } from './demo-data.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoAccounts } from './seed-accounts.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const snapshot = async () =>
  (
    await platform.db.pool.query(
      `SELECT (SELECT json_agg(a ORDER BY id) FROM accounts a) AS accounts,
              (SELECT json_agg(r ORDER BY account_id, role) FROM account_roles r) AS roles,
              (SELECT json_agg(p ORDER BY account_id) FROM password_credentials p) AS passwords,
              (SELECT json_agg(t ORDER BY account_id) FROM totp_credentials t) AS totp,
              (SELECT count(*) FROM events) AS events`,
    )
  ).rows[0];

describe('seedDemoAccounts', () => {
  it('creates one account per role with the fixed ids, and changes nothing the second time', async () => {
    const lines: string[] = [];
    const first = await seedDemoAccounts(platform.deps, (line) => lines.push(line));
    expect(first.map((c) => [c.role, c.id, c.email])).toEqual([
      ['patient', DEMO.patientId, 'patient@demo.consulta.test'],
      ['doctor', DEMO.doctorId, 'doctor@demo.consulta.test'],
      ['admin', DEMO.adminId, 'admin@demo.consulta.test'],
      ['finance', DEMO.financeId, 'finance@demo.consulta.test'],
    ]);
    expect(first.find((c) => c.role === 'admin')).toMatchObject({
      totpSecret: DEMO_TOTP_SECRET,
      otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\/Consulta:admin%40demo\.consulta\.test\?/),
    });
    expect(lines.join('\n')).toContain(DEMO_TOTP_SECRET);

    const before = await snapshot();
    const second = await seedDemoAccounts(platform.deps, () => {});
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  it('lets the demo patient in with the password and the demo admin with password and TOTP', async () => {
    await seedDemoAccounts(platform.deps, () => {});
    const http = client(platform.app);
    const patient = await login(http, 'patient@demo.consulta.test', DEMO_PASSWORD);
    expect((await http.get('/api/v1/auth/status', bearer(patient))).json()).toMatchObject({
      accountId: DEMO.patientId,
      roles: ['patient'],
      emailVerified: true,
    });
    // With a profile, so the doctor's queue and the messages have a name to show.
    expect((await http.get('/api/v1/me', bearer(patient))).json()).toMatchObject({
      profile: { name: 'Maria Demo', timeZone: 'Africa/Maputo' },
    });

    const first = await http.post('/api/v1/auth/login', { email: 'admin@demo.consulta.test', password: DEMO_PASSWORD });
    const { mfaToken } = first.json<{ mfaToken: string }>();
    const second = await http.post('/api/v1/auth/login/mfa', {
      mfaToken,
      code: totpCode(DEMO_TOTP_SECRET, new Date()),
    });
    expect(second.statusCode, second.body).toBe(200);
    const admin = second.json<{ session: TokenPairBody }>().session;
    expect((await http.get('/api/v1/admin/accounts?email=finance@', bearer(admin))).json()).toEqual({
      items: [{ id: DEMO.financeId, email: 'finance@demo.consulta.test', roles: ['finance'], status: 'active' }],
    });
  });
});
