/**
 * Email verification and password reset with EMAIL=smtp: the Mailer that identityAdaptersFrom
 * builds from the environment hands the links to a real SMTP server (tests/fixtures/smtp-server.ts),
 * a mailbox the server refuses changes no answer of the API that could tell an account exists, and
 * asking for the verification link again tells its signed-in owner when the mail did not go.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpTransport } from '../../activities/adapters/smtp-transport.js';
import { loadConfig } from '../../scripts/lib/config.js';
import { smtpTransportFrom } from '../../scripts/lib/email.js';
import { identityAdaptersFrom } from '../../scripts/lib/identity-adapters.js';
import { anEmail, bearer, client, errorCode, register, tokenFromLink } from '../../tests/fixtures/identity.js';
import { startSmtpServer, type ReceivedMail, type SmtpServerStub } from '../../tests/fixtures/smtp-server.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { buildApp } from '../app.js';

let platform: TestPlatform;
let smtp: SmtpServerStub;
let transport: SmtpTransport | undefined;
let app: FastifyInstance;

beforeAll(async () => {
  [platform, smtp] = await Promise.all([startTestPlatform(), startSmtpServer({ users: { consulta: 'p@ss:word' } })]);
  const config = loadConfig({
    EMAIL: 'smtp',
    // Credentials percent-encoded in the URL, as the README says.
    SMTP_URL: `smtp://consulta:p%40ss%3Aword@127.0.0.1:${smtp.port}`,
    EMAIL_FROM: 'Consulta <accounts@consulta.example>',
    PUBLIC_WEB_URL: 'https://consulta.example',
  });
  transport = smtpTransportFrom(config);
  app = await buildApp({ ...platform.deps, ...identityAdaptersFrom(config, { smtp: transport }) });
});
afterAll(async () => {
  await app?.close();
  transport?.close();
  await Promise.all([platform?.close(), smtp?.close()]);
});

const textOf = (mail: ReceivedMail | undefined) =>
  mail?.parts.find((p) => /^text\/plain/i.test(p.contentType))?.body ?? '';

async function outboxCount(recipient: string): Promise<number> {
  const { rows } = await platform.db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM dev_outbox WHERE recipient = $1',
    [recipient],
  );
  return rows[0]?.n ?? 0;
}

describe('identity emails over SMTP', () => {
  it('emails the verification link through the server, and the link verifies the address', async () => {
    const http = client(app);
    const account = await register(http);
    const [mail, ...more] = smtp.to(account.email);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ user: 'consulta', envelope: { from: 'accounts@consulta.example' } });
    expect(mail?.header('From')).toBe('Consulta <accounts@consulta.example>');
    expect(mail?.header('Subject')).toBe('Confirm your email address for Consulta');
    expect(textOf(mail)).toContain('https://consulta.example/verify-email?token=');
    expect(await outboxCount(account.email)).toBe(0);

    const verified = await http.post('/api/v1/auth/email/verify', { token: tokenFromLink(textOf(mail)) });
    expect(verified.statusCode).toBe(200);
    expect((await http.get('/api/v1/auth/status', bearer(account.session))).json()).toMatchObject({
      emailVerified: true,
    });
  });

  it('emails the password reset link through the server, and the link sets a new password', async () => {
    const http = client(app);
    const account = await register(http);
    expect((await http.post('/api/v1/auth/password/forgot', { email: account.email })).statusCode).toBe(202);
    const mail = smtp.to(account.email).find((m) => m.header('Subject') === 'Reset your Consulta password');
    expect(textOf(mail)).toContain('https://consulta.example/reset-password?token=');
    const reset = await http.post('/api/v1/auth/password/reset', {
      token: tokenFromLink(textOf(mail)),
      password: 'seven quiet otters at dawn',
    });
    expect(reset.statusCode).toBe(200);
  });

  it('answers as usual when the server refuses the mailbox: nobody learns the address has an account', async () => {
    const http = client(app);
    const email = anEmail('bounces');
    smtp.refuseRecipient(email, `550 5.1.1 <${email}>: User unknown`);
    const account = await register(http, { email });
    expect(account.email).toBe(email);

    const known = await http.post('/api/v1/auth/password/forgot', { email });
    const unknown = await http.post('/api/v1/auth/password/forgot', { email: anEmail('nobody') });
    expect([known.statusCode, known.json()]).toEqual([202, { accepted: true }]);
    expect([unknown.statusCode, unknown.json()]).toEqual([202, { accepted: true }]);
    expect(smtp.to(email)).toEqual([]);
  });
});

describe('sending the verification link again over SMTP', () => {
  it('answers 422 EMAIL_UNDELIVERABLE when the server refuses the mailbox for good', async () => {
    const http = client(app);
    const email = anEmail('bounces');
    smtp.refuseRecipient(email, `550 5.1.1 <${email}>: User unknown`);
    const account = await register(http, { email });

    const resent = await http.post('/api/v1/auth/email/resend', {}, bearer(account.session));
    expect(resent.statusCode).toBe(422);
    expect(resent.json()).toEqual({
      error: { code: 'EMAIL_UNDELIVERABLE', message: expect.stringMatching(/check that the address/i) },
    });
    expect(resent.body).not.toContain(email);
    expect(smtp.to(email)).toEqual([]);
  });

  it('answers 503 EMAIL_UNAVAILABLE with Retry-After when the server fails for now, and sends on the next request', async () => {
    const http = client(app);
    const account = await register(http);
    expect(smtp.to(account.email)).toHaveLength(1);
    smtp.refuseRecipient(account.email, `451 4.3.0 <${account.email}>: Temporary lookup failure`, 1);

    const failed = await http.post('/api/v1/auth/email/resend', {}, bearer(account.session));
    expect([failed.statusCode, failed.headers['retry-after'], errorCode(failed)]).toEqual([
      503,
      '60',
      'EMAIL_UNAVAILABLE',
    ]);
    expect(failed.body).not.toContain(account.email);
    expect(smtp.to(account.email)).toHaveLength(1);

    const resent = await http.post('/api/v1/auth/email/resend', {}, bearer(account.session));
    expect([resent.statusCode, resent.json()]).toEqual([202, { accepted: true }]);
    const mails = smtp.to(account.email);
    expect(mails).toHaveLength(2);
    const verified = await http.post('/api/v1/auth/email/verify', { token: tokenFromLink(textOf(mails[1])) });
    expect(verified.statusCode).toBe(200);
  });
});
