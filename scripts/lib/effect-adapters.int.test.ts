/**
 * VIDEO=twilio, NOTIFICATIONS=twilio and EMAIL=smtp from the environment to the wire: the
 * adapters the entry points get talk to Twilio (a local stand-in of its REST API) with the
 * configured key, room type and sender, and to an SMTP server (a real one on loopback) with the
 * configured login; without EMAIL=smtp, email lands in the dev outbox.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevOutbox } from '../../activities/adapters/dev-outbox.js';
import { startSmtpServer, type SmtpServerStub } from '../../tests/fixtures/smtp-server.js';
import { startTwilioMock, type TwilioMock } from '../../tests/fixtures/twilio-mock.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { loadConfig } from './config.js';
import { effectAdaptersFrom } from './effect-adapters.js';
import { smtpTransportFrom } from './email.js';

let db: TestDatabase;
let twilio: TwilioMock;
let smtp: SmtpServerStub;
beforeAll(async () => {
  [db, twilio, smtp] = await Promise.all([
    createTestDatabase(),
    startTwilioMock(),
    startSmtpServer({ users: { 'mailer@consulta.example': 'smtp-secret' } }),
  ]);
});
afterAll(async () => Promise.all([db?.close(), twilio?.close(), smtp?.close()]));

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Twilio adapters from the environment', () => {
  it('opens rooms and sends SMS through Twilio, and keeps email in the dev outbox', async () => {
    const config = loadConfig({
      VIDEO: 'twilio',
      NOTIFICATIONS: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC0003',
      TWILIO_API_KEY_SID: 'SK0003',
      TWILIO_API_KEY_SECRET: 'key-secret',
      TWILIO_VIDEO_ROOM_TYPE: 'go',
      TWILIO_MESSAGING_SERVICE_SID: 'MG0003',
      TWILIO_API_BASE_URL: twilio.baseUrl,
      PUBLIC_WEB_URL: 'https://consulta.example',
    });
    const { video, notifications } = effectAdaptersFrom(config, { pool: db.pool, masterKey: randomBytes(32) });

    const appointmentId = randomUUID();
    const { roomId } = await video.createRoom(appointmentId);
    const participant = { accountId: randomUUID(), role: 'patient' as const, displayName: 'P' };
    const joined = await video.joinDescriptor({ appointmentId, roomId, participant });
    expect(joined.url).toBe(`https://consulta.example/appointments/${appointmentId}/room`);
    const [createRequest] = twilio.requests.filter((r) => r.path === '/v1/Rooms');
    expect(createRequest?.form).toMatchObject({ UniqueName: roomId, Type: 'go' });
    expect(createRequest?.headers.authorization).toBe(basic('SK0003', 'key-secret'));

    const phone = '+258840000003';
    const email = `${randomUUID()}@example.test`;
    const accountId = randomUUID();
    await db.pool.query('INSERT INTO accounts (id, email, phone) VALUES ($1, $2, $3)', [accountId, email, phone]);
    const message = { to: { accountId }, subject: 'Confirmed', text: 'Consulta: confirmed.' };
    expect(await notifications.send({ ...message, channel: 'sms', dedupeKey: randomUUID() })).toBe('sent');
    expect(await notifications.send({ ...message, channel: 'email', dedupeKey: randomUUID() })).toBe('sent');

    const smsRequests = twilio.requests.filter((r) => r.path.endsWith('/Messages.json'));
    expect(smsRequests).toMatchObject([
      {
        path: '/2010-04-01/Accounts/AC0003/Messages.json',
        form: { To: phone, MessagingServiceSid: 'MG0003', Body: 'Consulta: confirmed.' },
        headers: { authorization: basic('SK0003', 'key-secret') },
      },
    ]);
    expect(await readDevOutbox(db.pool, { recipient: email, limit: 5 })).toMatchObject([
      { channel: 'email', subject: 'Confirmed' },
    ]);
    expect(await readDevOutbox(db.pool, { recipient: phone, limit: 5 })).toEqual([]);
  });
});

describe('SMTP email from the environment', () => {
  it('sends email through the SMTP server with the configured login and sender, and SMS through Twilio', async () => {
    const config = loadConfig({
      EMAIL: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'mailer@consulta.example',
      SMTP_PASSWORD: 'smtp-secret',
      EMAIL_FROM: 'Consulta <no-reply@consulta.example>',
      NOTIFICATIONS: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC0004',
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_SMS_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.baseUrl,
    });
    const transport = smtpTransportFrom(config);
    try {
      const { notifications } = effectAdaptersFrom(config, {
        pool: db.pool,
        masterKey: randomBytes(32),
        smtp: transport,
      });
      const phone = '+258840000004';
      const email = `${randomUUID()}@example.test`;
      const accountId = randomUUID();
      await db.pool.query('INSERT INTO accounts (id, email, phone) VALUES ($1, $2, $3)', [accountId, email, phone]);
      const message = { to: { accountId }, subject: 'Confirmed', text: 'Consulta: confirmed.' };
      expect(await notifications.send({ ...message, channel: 'email', dedupeKey: randomUUID() })).toBe('sent');
      expect(await notifications.send({ ...message, channel: 'sms', dedupeKey: randomUUID() })).toBe('sent');

      expect(smtp.to(email)).toMatchObject([
        { user: 'mailer@consulta.example', envelope: { from: 'no-reply@consulta.example', to: [email] } },
      ]);
      expect(smtp.to(email)[0]?.header('Subject')).toBe('Confirmed');
      expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(1);
      expect(await readDevOutbox(db.pool, { recipient: email, limit: 5 })).toEqual([]);
      expect(await readDevOutbox(db.pool, { recipient: phone, limit: 5 })).toEqual([]);
    } finally {
      transport?.close();
    }
  });
});
