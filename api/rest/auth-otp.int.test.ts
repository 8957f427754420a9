/** Phone sign-in with a one-time code: the local development adapter and Twilio Verify. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioVerification } from '../../activities/adapters/twilio-verify.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { startTwilioMock, type TwilioMock } from '../../tests/fixtures/twilio-mock.js';
import {
  aPhone,
  auditTypes,
  bearer,
  client,
  errorCode,
  type Client,
  type TokenPairBody,
} from '../../tests/fixtures/identity.js';
import { buildApp } from '../app.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function codeFromOutbox(app: FastifyInstance, phone: string): Promise<string> {
  const outbox = await app.inject({ method: 'GET', url: `/api/v1/dev/outbox?recipient=${encodeURIComponent(phone)}` });
  const [latest] = outbox.json<{ items: Array<{ channel: string; body: string }> }>().items;
  expect(latest?.channel).toBe('sms');
  const code = /\b(\d{6})\b/.exec(latest?.body ?? '')?.[1];
  if (!code) throw new Error('no code in the SMS');
  return code;
}

/** Asks for a code and sends it back, with `extra` fields (a role), as a phone sign-in does. */
async function signInByPhone(http: Client, phone: string, extra: Record<string, string> = {}) {
  expect((await http.post('/api/v1/auth/otp/request', { phone })).statusCode).toBe(202);
  return http.post('/api/v1/auth/otp/verify', { phone, code: await codeFromOutbox(platform.app, phone), ...extra });
}

/** The claims of an access token as the API signed them (not verified here: the API does that). */
const tokenClaims = (session: TokenPairBody) =>
  JSON.parse(Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    roles: string[];
  };

async function registrations(accountId: string) {
  const { rows } = await platform.db.pool.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM events WHERE stream_id = $1 AND type = 'AccountRegistered' ORDER BY revision`,
    [`audit-${accountId}`],
  );
  return rows.map(({ data }) => ({ method: data.method, role: data.role, via: data.via }));
}

describe('phone OTP with the local development adapter', () => {
  it('signs a new number up as a patient, and the same number in again later', async () => {
    const http = client(platform.app);
    const phone = aPhone();
    const requested = await http.post('/api/v1/auth/otp/request', { phone });
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ expiresInSeconds: 600 });

    const verified = await http.post('/api/v1/auth/otp/verify', {
      phone,
      code: await codeFromOutbox(platform.app, phone),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const session = verified.json<{ session: TokenPairBody }>().session;
    const status = (await http.get('/api/v1/auth/status', bearer(session))).json<{
      accountId: string;
      roles: string[];
    }>();
    expect(status.roles).toEqual(['patient']);
    expect(await auditTypes(platform.db.pool, status.accountId)).toEqual(['AccountRegistered', 'LoginSucceeded']);

    await http.post('/api/v1/auth/otp/request', { phone });
    const again = await http.post('/api/v1/auth/otp/verify', {
      phone,
      code: await codeFromOutbox(platform.app, phone),
    });
    const secondSession = again.json<{ session: TokenPairBody }>().session;
    expect((await http.get('/api/v1/auth/status', bearer(secondSession))).json()).toMatchObject({
      accountId: status.accountId,
    });
  });

  it('signs a new number up as the role it asks for: a doctor gets a doctor account', async () => {
    const http = client(platform.app);
    const phone = aPhone();
    const verified = await signInByPhone(http, phone, { role: 'doctor' });
    expect(verified.statusCode, verified.body).toBe(200);
    const session = verified.json<{ session: TokenPairBody }>().session;
    expect(tokenClaims(session).roles).toEqual(['doctor']);
    const status = (await http.get('/api/v1/auth/status', bearer(session))).json<{ accountId: string }>();
    expect(await registrations(status.accountId)).toEqual([
      { method: 'otp', role: 'doctor', via: 'self_registration' },
    ]);
    // The doctor routes take it as it is: nothing else is needed to start an application.
    expect((await http.get('/api/v1/doctors/me/profile', bearer(session))).statusCode).toBe(200);
  });

  it('refuses staff roles at sign-up (400, no account made), and makes a patient without a role', async () => {
    const http = client(platform.app);
    const phone = aPhone();
    await http.post('/api/v1/auth/otp/request', { phone });
    const code = await codeFromOutbox(platform.app, phone);
    for (const role of ['admin', 'finance']) {
      const refused = await http.post('/api/v1/auth/otp/verify', { phone, code, role });
      expect(refused.statusCode).toBe(400);
      expect(errorCode(refused)).toBe('VALIDATION_FAILED');
    }
    const { rowCount } = await platform.db.pool.query('SELECT 1 FROM accounts WHERE phone = $1', [phone]);
    expect(rowCount).toBe(0);

    // Refused at the edge, before the code was checked: it still works.
    const verified = await http.post('/api/v1/auth/otp/verify', { phone, code });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(tokenClaims(verified.json<{ session: TokenPairBody }>().session).roles).toEqual(['patient']);
  });

  it('never changes the roles of a number that has an account: another role is refused, the same one logs in', async () => {
    const http = client(platform.app);
    const phone = aPhone();
    const first = (await signInByPhone(http, phone)).json<{ session: TokenPairBody }>().session;
    const { accountId } = (await http.get('/api/v1/auth/status', bearer(first))).json<{ accountId: string }>();

    const asDoctor = await signInByPhone(http, phone, { role: 'doctor' });
    expect(asDoctor.statusCode).toBe(409);
    expect(errorCode(asDoctor)).toBe('PHONE_ACCOUNT_EXISTS');
    expect(asDoctor.json()).not.toHaveProperty('session');
    expect((await http.get('/api/v1/auth/status', bearer(first))).json()).toMatchObject({ roles: ['patient'] });

    const asPatient = await signInByPhone(http, phone, { role: 'patient' });
    expect(asPatient.statusCode, asPatient.body).toBe(200);
    const session = asPatient.json<{ session: TokenPairBody }>().session;
    expect(tokenClaims(session).roles).toEqual(['patient']);
    expect((await http.get('/api/v1/auth/status', bearer(session))).json()).toMatchObject({ accountId });
    expect(await auditTypes(platform.db.pool, accountId)).toEqual([
      'AccountRegistered',
      'LoginSucceeded',
      'LoginFailed',
      'LoginSucceeded',
    ]);
    expect(await registrations(accountId)).toEqual([{ method: 'otp', role: 'patient', via: 'self_registration' }]);
  });

  it('burns the code after 5 wrong tries', async () => {
    const http = client(platform.app);
    const phone = aPhone();
    await http.post('/api/v1/auth/otp/request', { phone });
    const code = await codeFromOutbox(platform.app, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await http.post('/api/v1/auth/otp/verify', { phone, code: wrong });
      expect(errorCode(response)).toBe('INVALID_OTP_CODE');
    }
    const right = await http.post('/api/v1/auth/otp/verify', { phone, code });
    expect(right.statusCode).toBe(401);
    expect(errorCode(right)).toBe('OTP_EXPIRED');
  });

  it('refuses a malformed number and a code for a number that was sent none', async () => {
    const http = client(platform.app);
    expect(errorCode(await http.post('/api/v1/auth/otp/request', { phone: '0612345678' }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await http.post('/api/v1/auth/otp/verify', { phone: aPhone(), code: '123456' }))).toBe(
      'OTP_EXPIRED',
    );
  });

  it('limits codes sent to one number', async () => {
    const phone = aPhone();
    for (let i = 0; i < 5; i++)
      expect((await client(platform.app).post('/api/v1/auth/otp/request', { phone })).statusCode).toBe(202);
    const sixth = await client(platform.app).post('/api/v1/auth/otp/request', { phone });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
  });
});

describe('phone OTP through Twilio Verify', () => {
  let twilio: TwilioMock;
  let app: FastifyInstance;
  beforeAll(async () => {
    twilio = await startTwilioMock();
    const verification = createTwilioVerification({
      accountSid: 'AC0001',
      authToken: 's3cret',
      serviceSid: 'VA0042',
      baseUrl: twilio.baseUrl,
    });
    app = await buildApp({ ...platform.deps, verification });
  });
  afterAll(async () => {
    await app?.close();
    await twilio?.close();
  });

  it('sends and checks the code with Twilio, and keeps nothing in the dev outbox', async () => {
    const http = client(app);
    const phone = aPhone();
    expect((await http.post('/api/v1/auth/otp/request', { phone })).statusCode).toBe(202);
    expect(errorCode(await http.post('/api/v1/auth/otp/verify', { phone, code: '999999' }))).toBe('INVALID_OTP_CODE');
    const verified = await http.post('/api/v1/auth/otp/verify', { phone, code: '424242' });
    expect(verified.statusCode, verified.body).toBe(200);

    const ours = twilio.requests.filter((r) => r.form.To === phone);
    expect(ours.map((r) => [r.method, r.path, r.form])).toEqual([
      ['POST', '/v2/Services/VA0042/Verifications', { To: phone, Channel: 'sms' }],
      ['POST', '/v2/Services/VA0042/VerificationCheck', { To: phone, Code: '999999' }],
      ['POST', '/v2/Services/VA0042/VerificationCheck', { To: phone, Code: '424242' }],
    ]);
    for (const request of ours) {
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC0001:s3cret').toString('base64')}`);
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    }
    const { rowCount } = await platform.db.pool.query('SELECT 1 FROM dev_outbox WHERE recipient = $1', [phone]);
    expect(rowCount).toBe(0);
  });
});

describe('the dev outbox', () => {
  it('does not exist in production', async () => {
    const production = await buildApp({ ...platform.deps, appEnv: 'production' });
    try {
      const response = await production.inject({ method: 'GET', url: '/api/v1/dev/outbox' });
      expect(response.statusCode).toBe(404);
      expect(errorCode(response)).toBe('ROUTE_NOT_FOUND');
    } finally {
      await production.close();
    }
  });
});
