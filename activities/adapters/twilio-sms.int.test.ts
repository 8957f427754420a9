/**
 * The Twilio SMS adapter against a local stand-in of Twilio's REST API, on PostgreSQL: the exact
 * request, each dedupe key delivered once across retries and overlapping attempts, Twilio's
 * answers mapped to retryable failures or final refusals, and email routed to the dev outbox.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../eventstore/index.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { startTwilioMock, type TwilioMock } from '../../tests/fixtures/twilio-mock.js';
import { createTestDatabase, lockWaitersReach, type TestDatabase } from '../../tests/support/db.js';
import { eventually } from '../../tests/support/temporal.js';
import { createAppointmentEffects } from '../appointment-effects.impl.js';
import { NotificationRefusedError, type NotificationMessage } from '../ports/notifications.js';
import { readDevOutbox } from './dev-outbox.js';
import { createLocalNotifications } from './local-notifications.js';
import { createLocalPayments } from './local-payments.js';
import { createLocalVideo } from './local-video.js';
import { notificationsByChannel } from './notifications-by-channel.js';
import { createTwilioSms, type TwilioSmsConfig } from './twilio-sms.js';

let db: TestDatabase;
let twilio: TwilioMock;
let eventStore: EventStore;

beforeAll(async () => {
  [db, twilio] = await Promise.all([createTestDatabase(), startTwilioMock()]);
  eventStore = createEventStore({ kind: 'postgres', pool: db.pool });
});
afterAll(async () => {
  await eventStore?.close();
  await Promise.all([db?.close(), twilio?.close()]);
});

const ACCOUNT_SID = 'AC00000000000000000000000000000002';
const apiKey = { username: 'SK00000000000000000000000000000002', password: 'sms-key-secret' };

const sms = (overrides: Partial<TwilioSmsConfig> = {}) =>
  createTwilioSms({
    pool: db.pool,
    accountSid: ACCOUNT_SID,
    credentials: apiKey,
    sender: { from: '+15005550006' },
    baseUrl: twilio.baseUrl,
    ...overrides,
  });

const aPhone = () => `+2588${String(randomInt(10_000_000)).padStart(7, '0')}`;

async function anAccount(contact: { email?: string; phone?: string }): Promise<string> {
  const id = randomUUID();
  await db.pool.query('INSERT INTO accounts (id, email, phone) VALUES ($1, $2, $3)', [
    id,
    contact.email ?? null,
    contact.phone ?? null,
  ]);
  return id;
}

const aMessage = (accountId: string, dedupeKey = randomUUID()): NotificationMessage => ({
  to: { accountId },
  channel: 'sms',
  subject: 'Reminder',
  text: 'Consulta: your appointment is tomorrow at 11:00.',
  dedupeKey,
});

const messageRequests = () => twilio.requests.filter((r) => r.path.endsWith('/Messages.json'));
const sentTo = (phone: string) => messageRequests().filter((r) => r.form.To === phone);

async function deliveryOf(dedupeKey: string) {
  const { rows } = await db.pool.query<Record<string, unknown>>(
    'SELECT * FROM notification_deliveries WHERE dedupe_key = $1',
    [dedupeKey],
  );
  return rows[0];
}

describe('Twilio SMS adapter', () => {
  it('posts the message as a form to the account’s Messages, once per dedupe key', async () => {
    const phone = aPhone();
    const message = aMessage(await anAccount({ phone }));
    const adapter = sms();
    expect(await adapter.send(message)).toBe('sent');
    expect(await adapter.send(message)).toBe('duplicate');

    const [request, ...more] = sentTo(phone);
    expect(more).toEqual([]);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      form: { To: phone, From: '+15005550006', Body: 'Consulta: your appointment is tomorrow at 11:00.' },
    });
    expect(Object.keys(request?.form ?? {}).sort()).toEqual(['Body', 'From', 'To']);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${apiKey.username}:${apiKey.password}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // The record of it names the key and Twilio's message, never the number or the text.
    const delivery = await deliveryOf(message.dedupeKey);
    expect(delivery).toMatchObject({
      channel: 'sms',
      provider: 'twilio',
      provider_message_id: expect.stringMatching(/^SM/),
    });
    expect(JSON.stringify(delivery)).not.toContain(phone.slice(1));
  });

  it('sends through a Messaging Service with the account SID and auth token', async () => {
    const phone = aPhone();
    const adapter = sms({
      sender: { messagingServiceSid: 'MG00000000000000000000000000000002' },
      credentials: { username: ACCOUNT_SID, password: 'auth-token' },
    });
    expect(await adapter.send(aMessage(await anAccount({ phone })))).toBe('sent');
    const [request] = sentTo(phone);
    expect(request?.form).toEqual({
      To: phone,
      Body: 'Consulta: your appointment is tomorrow at 11:00.',
      MessagingServiceSid: 'MG00000000000000000000000000000002',
    });
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:auth-token`).toString('base64')}`);
  });

  it('leaves a failed attempt retryable, and a retry after it sends once', async () => {
    const phone = aPhone();
    const message = aMessage(await anAccount({ phone }));
    const adapter = sms();
    twilio.answerNextWith(503, { code: 20500, message: `Internal error for ${phone}`, status: 503 });
    const outage = adapter.send(message);
    await expect(outage).rejects.toThrow('Twilio could not send an SMS: HTTP 503, Twilio error 20500');
    await expect(outage).rejects.not.toBeInstanceOf(NotificationRefusedError);
    await expect(outage).rejects.not.toThrow(phone);
    expect(await deliveryOf(message.dedupeKey)).toBeUndefined();

    twilio.answerNextWith(429, { code: 20429, message: 'Too Many Requests', status: 429 });
    await expect(adapter.send(message)).rejects.toThrow('HTTP 429, Twilio error 20429');

    expect(await adapter.send(message)).toBe('sent');
    expect(await adapter.send(message)).toBe('duplicate');
    expect(sentTo(phone)).toHaveLength(3);
  });

  it('refuses for good what Twilio will never deliver, without quoting the number', async () => {
    const phone = aPhone();
    const message = aMessage(await anAccount({ phone }));
    for (const code of [21211, 21610, 21614]) {
      twilio.answerNextWith(400, { code, message: `The 'To' number ${phone} is not valid.`, status: 400 });
      const refusal = sms().send(message);
      await expect(refusal).rejects.toBeInstanceOf(NotificationRefusedError);
      await expect(refusal).rejects.toMatchObject({ reason: `twilio:${code}` });
      await expect(refusal).rejects.not.toThrow(phone);
    }
    expect(await deliveryOf(message.dedupeKey)).toBeUndefined();
  });

  it('sends once when two attempts of the same key overlap', async () => {
    const phone = aPhone();
    const message = aMessage(await anAccount({ phone }));
    const release = twilio.holdAnswers();
    const results = [sms().send(message), sms().send(message)];
    try {
      // One attempt holds the key and waits for Twilio; the other waits on the key's row.
      await eventually(async () => (sentTo(phone).length === 1 ? true : undefined), 10_000, 'the first request');
      await lockWaitersReach(db.pool, 1, 'the second attempt to wait on the key');
    } finally {
      release();
    }
    expect((await Promise.all(results)).sort()).toEqual(['duplicate', 'sent']);
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('reports an account without a phone, and takes no email', async () => {
    const accountId = await anAccount({ email: `${randomUUID()}@example.test` });
    const before = messageRequests().length;
    expect(await sms().send(aMessage(accountId))).toBe('no_address');
    expect(await sms().send(aMessage(randomUUID()))).toBe('no_address');
    await expect(sms().send({ ...aMessage(accountId), channel: 'email' })).rejects.toThrow(/SMS only/);
    expect(messageRequests()).toHaveLength(before);
  });
});

describe('notifications by channel, in the notify effect', () => {
  const notifications = () =>
    notificationsByChannel({ sms: sms(), email: createLocalNotifications({ pool: db.pool }) });

  it('sends SMS through Twilio and email to the dev outbox', async () => {
    const phone = aPhone();
    const email = `${randomUUID()}@example.test`;
    const byPhone = await anAccount({ phone });
    const byEmail = await anAccount({ email });
    expect(await notifications().send(aMessage(byPhone))).toBe('sent');
    expect(await notifications().send({ ...aMessage(byEmail), channel: 'email' })).toBe('sent');
    expect(sentTo(phone)).toHaveLength(1);
    expect(await readDevOutbox(db.pool, { recipient: email, limit: 5 })).toHaveLength(1);
    expect(await readDevOutbox(db.pool, { recipient: phone, limit: 5 })).toEqual([]);
  });

  it('tells the doctor even when Twilio refuses the patient’s number, then fails without retries', async () => {
    const phone = aPhone();
    const patientId = await anAccount({ phone });
    const doctorEmail = `${randomUUID()}@example.test`;
    const doctorId = await anAccount({ email: doctorEmail });
    await db.pool.query(
      'INSERT INTO doctor_search (doctor_id, display_name, availability, updated_at) VALUES ($1, $2, $3, now())',
      [doctorId, 'Dr. Ana Macuácua', JSON.stringify({ timeZone: 'Africa/Maputo', weekly: [] })],
    );
    const effects = createAppointmentEffects({
      pool: db.pool,
      eventStore,
      payments: createLocalPayments({
        pool: db.pool,
        webhookSecret: randomBytes(32),
        checkoutBaseUrl: 'http://api.test',
      }),
      notifications: notifications(),
      video: createLocalVideo({ tokenKey: randomBytes(32), publicWebUrl: 'http://web.test' }),
      publicWebUrl: 'http://web.test',
    });
    twilio.answerNextWith(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 });
    const notified = effects.notify({
      kind: 'appointment_confirmed',
      eventRevision: 3,
      facts: {
        appointmentId: randomUUID(),
        patientId,
        bookedBy: patientId,
        doctorId,
        serviceName: 'General consultation',
        method: 'video',
        startsAt: '2026-03-08T09:00:00.000Z',
        endsAt: '2026-03-08T09:30:00.000Z',
        fee: { amountMinor: 150_000, currency: 'MZN' },
      },
    });
    await expect(notified).rejects.toMatchObject({ type: 'NOTIFICATION_REFUSED', nonRetryable: true });
    await expect(notified).rejects.toThrow('patient: twilio:21610');
    await expect(notified).rejects.not.toThrow(phone);
    expect(sentTo(phone)).toHaveLength(1);
    expect(await readDevOutbox(db.pool, { recipient: doctorEmail, limit: 5 })).toHaveLength(1);
  });
});
