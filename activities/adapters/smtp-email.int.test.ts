/**
 * The SMTP adapters (email notifications and the Mailer) against a real SMTP server on a
 * loopback port (tests/fixtures/smtp-server.ts), on PostgreSQL: what arrives (sender, recipient,
 * subject, text, Message-ID, the calendar invitation as MIME parts), each dedupe key delivered
 * once, refusals for good versus failures worth retrying, and AUTH.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../eventstore/event-store.js';
import { createEventStore } from '../../eventstore/index.js';
import { startSmtpServer, type ReceivedMail, type SmtpServerStub } from '../../tests/fixtures/smtp-server.js';
import { createTestDatabase, lockWaitersReach, type TestDatabase } from '../../tests/support/db.js';
import { eventually } from '../../tests/support/temporal.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { createAppointmentEffects } from '../appointment-effects.impl.js';
import { calendarInvite } from '../notifications/ics.js';
import { MailRecipientRefusedError } from '../ports/mailer.js';
import { NotificationRefusedError, type NotificationMessage } from '../ports/notifications.js';
import { createLocalNotifications } from './local-notifications.js';
import { createLocalPayments } from './local-payments.js';
import { createLocalVideo } from './local-video.js';
import { notificationsByChannel } from './notifications-by-channel.js';
import { createSmtpMailer } from './smtp-mailer.js';
import { createSmtpNotifications } from './smtp-notifications.js';
import { createSmtpTransport, messageIdFor, type SmtpSettings, type SmtpTransport } from './smtp-transport.js';

const SENDER = { name: 'Consulta', address: 'no-reply@consulta.example' };

let db: TestDatabase;
let smtp: SmtpServerStub;
/** One that wants AUTH. */
let guarded: SmtpServerStub;
let eventStore: EventStore;
const transports: SmtpTransport[] = [];

beforeAll(async () => {
  [db, smtp, guarded] = await Promise.all([
    createTestDatabase(),
    startSmtpServer(),
    startSmtpServer({ users: { consulta: 'mail-secret' } }),
  ]);
  eventStore = createEventStore({ kind: 'postgres', pool: db.pool });
});
afterAll(async () => {
  // Transports first: a server closes only once its connections have ended.
  for (const transport of transports) transport.close();
  await eventStore?.close();
  await Promise.all([db?.close(), smtp?.close(), guarded?.close()]);
});

/** A pooled transport to `server` (plain SMTP on loopback), closed after the file. */
function transportTo(server: { port: number }, settings: Partial<SmtpSettings> = {}): SmtpTransport {
  const transport = createSmtpTransport(
    { host: '127.0.0.1', port: server.port, secure: false, requireTls: false, ...settings },
    SENDER,
  );
  transports.push(transport);
  return transport;
}

let shared: SmtpTransport | undefined;
const email = () => createSmtpNotifications({ pool: db.pool, transport: (shared ??= transportTo(smtp)) });

const anEmail = () => `patient-${randomUUID().slice(0, 8)}@example.test`;

async function anAccount(contact: { email?: string; phone?: string }): Promise<string> {
  const id = randomUUID();
  await db.pool.query('INSERT INTO accounts (id, email, phone) VALUES ($1, $2, $3)', [
    id,
    contact.email ?? null,
    contact.phone ?? null,
  ]);
  return id;
}

const TEXT = [
  'Hello Ana Macuácua,',
  '',
  'Your General consultation with Dr. João Sitoe is confirmed for Sunday 8 March 2026, 11:00 (Africa/Maputo), ' +
    'a line long enough to be folded on the way.',
  '',
  'Consulta',
].join('\n');

const aMessage = (accountId: string, dedupeKey = randomUUID()): NotificationMessage => ({
  to: { accountId },
  channel: 'email',
  subject: 'Appointment confirmed — amanhã às 11:00',
  text: TEXT,
  dedupeKey,
});

/** Line breaks as SMTP carries them (CRLF) back to the port's \n. */
const plainText = (mail: ReceivedMail | undefined) =>
  mail?.parts.find((p) => /^text\/plain/i.test(p.contentType))?.body.replace(/\r\n/g, '\n');

async function deliveryOf(dedupeKey: string) {
  const { rows } = await db.pool.query<Record<string, unknown>>(
    'SELECT * FROM notification_deliveries WHERE dedupe_key = $1',
    [dedupeKey],
  );
  return rows[0];
}

describe('SMTP email notifications', () => {
  it('sends the message from the sender to the account’s address, once per dedupe key', async () => {
    const address = anEmail();
    const message = aMessage(await anAccount({ email: address }));
    expect(await email().send(message)).toBe('sent');
    expect(await email().send(message)).toBe('duplicate');

    const [mail, ...more] = smtp.to(address);
    expect(more).toEqual([]);
    expect(mail?.envelope).toEqual({ from: SENDER.address, to: [address] });
    expect(mail?.header('From')).toBe('Consulta <no-reply@consulta.example>');
    expect(mail?.header('To')).toBe(address);
    expect(mail?.header('Subject')).toBe('Appointment confirmed — amanhã às 11:00');
    expect(mail?.header('Auto-Submitted')).toBe('auto-generated');
    expect(mail?.parts).toHaveLength(1);
    expect(mail?.parts[0]?.contentType).toMatch(/^text\/plain; charset=utf-8/i);
    expect(plainText(mail)).toBe(TEXT);

    // The Message-ID comes from the key, so a copy sent again after a crash is the same message.
    const messageId = messageIdFor(message.dedupeKey, 'consulta.example');
    expect(mail?.header('Message-ID')).toBe(messageId);
    expect(messageId).not.toContain(message.dedupeKey);
    const delivery = await deliveryOf(message.dedupeKey);
    expect(delivery).toMatchObject({ channel: 'email', provider: 'smtp', provider_message_id: messageId });
    expect(JSON.stringify(delivery)).not.toContain(address.split('@')[0]);
  });

  it('carries a calendar invitation as a text/calendar part with its method and as an .ics attachment', async () => {
    const address = anEmail();
    const accountId = await anAccount({ email: address });
    const event = {
      uid: `${randomUUID()}@consulta`,
      startsAt: '2026-03-08T09:00:00.000Z',
      endsAt: '2026-03-08T09:30:00.000Z',
      stampedAt: '2026-03-01T10:00:00.000Z',
      summary: 'General consultation with Dr. João Sitoe',
      organizer: { name: SENDER.name, email: SENDER.address },
    };
    for (const [method, sequence] of [
      ['REQUEST', 3],
      ['CANCEL', 7],
    ] as const) {
      const content = calendarInvite(method, { ...event, sequence });
      const sent = await email().send({
        ...aMessage(accountId),
        attachments: [
          { filename: 'appointment.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content },
        ],
      });
      expect(sent).toBe('sent');
      const mail = smtp.to(address).at(-1);
      expect(mail?.header('Content-Type')).toMatch(/^multipart\/mixed/i);
      expect(plainText(mail)).toBe(TEXT);
      const alternative = mail?.parts.find((p) => /^text\/calendar/i.test(p.contentType));
      expect(alternative?.contentType).toMatch(new RegExp(`^text/calendar; charset=utf-8; method=${method}$`, 'i'));
      expect(alternative?.body).toBe(content);
      const attached = mail?.parts.find((p) => /^application\/ics/i.test(p.contentType));
      expect(attached?.disposition).toMatch(/^attachment; filename=appointment\.ics$/i);
      expect(attached?.body).toBe(content);
    }
  });

  it('refuses for good a recipient the server refuses with a 5xx, without quoting the address', async () => {
    const address = anEmail();
    const message = aMessage(await anAccount({ email: address }));
    smtp.refuseRecipient(address, `550 5.1.1 <${address}>: Recipient address rejected: User unknown`);
    const refusal = email().send(message);
    await expect(refusal).rejects.toBeInstanceOf(NotificationRefusedError);
    await expect(refusal).rejects.toMatchObject({ reason: 'smtp:550 5.1.1' });
    await expect(refusal).rejects.toThrow('The mail server refused the recipient for good (smtp:550 5.1.1)');
    await expect(refusal).rejects.not.toThrow(address.split('@')[0]);
    expect(await deliveryOf(message.dedupeKey)).toBeUndefined();
    expect(smtp.to(address)).toEqual([]);
  });

  it('leaves a 4xx retryable, and the next attempt sends once', async () => {
    const address = anEmail();
    const message = aMessage(await anAccount({ email: address }));
    smtp.refuseRecipient(address, `451 4.3.0 <${address}>: Temporary lookup failure`, 1);
    const deferred = email().send(message);
    await expect(deferred).rejects.toThrow(
      'The mail server did not take the email (smtp:451 4.3.0 on RCPT TO); it may be sent again',
    );
    await expect(deferred).rejects.not.toBeInstanceOf(NotificationRefusedError);
    await expect(deferred).rejects.not.toThrow(address.split('@')[0]);
    expect(await deliveryOf(message.dedupeKey)).toBeUndefined();

    expect(await email().send(message)).toBe('sent');
    expect(await email().send(message)).toBe('duplicate');
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('leaves an unreachable server retryable', async () => {
    const address = anEmail();
    const message = aMessage(await anAccount({ email: address }));
    const nowhere = createSmtpNotifications({ pool: db.pool, transport: transportTo({ port: await freePort() }) });
    const failed = nowhere.send(message);
    await expect(failed).rejects.toThrow(/did not take the email \(ESOCKET ECONNREFUSED\); it may be sent again/);
    await expect(failed).rejects.not.toBeInstanceOf(NotificationRefusedError);
    expect(await deliveryOf(message.dedupeKey)).toBeUndefined();
    expect(await email().send(message)).toBe('sent');
  });

  it('sends once when two attempts of the same key overlap', async () => {
    const address = anEmail();
    const message = aMessage(await anAccount({ email: address }));
    const release = smtp.holdMessages();
    const results = [email().send(message), email().send(message)];
    try {
      // One attempt holds the key and waits for the server; the other waits on the key's row.
      await eventually(async () => (smtp.to(address).length === 1 ? true : undefined), 10_000, 'the first message');
      await lockWaitersReach(db.pool, 1, 'the second attempt to wait on the key');
    } finally {
      release();
    }
    expect((await Promise.all(results)).sort()).toEqual(['duplicate', 'sent']);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('reports an account without an email, and takes no SMS', async () => {
    const accountId = await anAccount({ phone: '+258840000009' });
    const before = smtp.received.length;
    expect(await email().send(aMessage(accountId))).toBe('no_address');
    expect(await email().send(aMessage(randomUUID()))).toBe('no_address');
    await expect(email().send({ ...aMessage(accountId), channel: 'sms' })).rejects.toThrow(/email only/);
    expect(smtp.received).toHaveLength(before);
  });
});

describe('SMTP with AUTH', () => {
  it('logs in with the user and password, and retries (never refuses) when they are wrong or missing', async () => {
    const address = anEmail();
    const accountId = await anAccount({ email: address });
    const send = (settings: Partial<SmtpSettings>) =>
      createSmtpNotifications({ pool: db.pool, transport: transportTo(guarded, settings) }).send(aMessage(accountId));

    const wrong = send({ auth: { user: 'consulta', pass: 'not-it' } });
    await expect(wrong).rejects.toThrow(/did not take the email \(smtp:535 on AUTH PLAIN\)/);
    await expect(wrong).rejects.not.toBeInstanceOf(NotificationRefusedError);
    await expect(wrong).rejects.not.toThrow('not-it');
    await expect(send({})).rejects.toThrow(/did not take the email \(smtp:530 .*on MAIL FROM\)/);
    expect(guarded.received).toEqual([]);

    expect(await send({ auth: { user: 'consulta', pass: 'mail-secret' } })).toBe('sent');
    expect(guarded.to(address)).toMatchObject([{ user: 'consulta', envelope: { from: SENDER.address } }]);
  });
});

describe('SMTP mailer', () => {
  it('sends verification and reset emails, and refuses for good a mailbox the server refuses', async () => {
    const mailer = createSmtpMailer((shared ??= transportTo(smtp)));
    const address = anEmail();
    const text = 'Open this link to confirm your email address:\n\nhttp://web.test/verify-email?token=abc';
    await mailer.send({ to: address, subject: 'Confirm your email address for Consulta', text });
    const [mail] = smtp.to(address);
    expect(mail?.header('From')).toBe('Consulta <no-reply@consulta.example>');
    expect(mail?.header('Subject')).toBe('Confirm your email address for Consulta');
    expect(mail?.header('Message-ID')).toMatch(/^<.+@consulta\.example>$/);
    expect(plainText(mail)).toBe(text);

    const unknown = anEmail();
    smtp.refuseRecipient(unknown, `550 5.1.1 <${unknown}>: User unknown`);
    const refusal = mailer.send({ to: unknown, subject: 'Reset your Consulta password', text });
    await expect(refusal).rejects.toBeInstanceOf(MailRecipientRefusedError);
    await expect(refusal).rejects.toMatchObject({ reason: 'smtp:550 5.1.1' });
    await expect(refusal).rejects.not.toThrow(unknown.split('@')[0]);
  });
});

describe('SMTP email in the notify effect', () => {
  it('sends both parties their invitation, and fails without retries when a mailbox is refused', async () => {
    const patientEmail = anEmail();
    const doctorEmail = anEmail();
    const patientId = await anAccount({ email: patientEmail });
    const doctorId = await anAccount({ email: doctorEmail });
    await db.pool.query(
      'INSERT INTO doctor_search (doctor_id, display_name, availability, updated_at) VALUES ($1, $2, $3, now())',
      [doctorId, 'Dr. João Sitoe', JSON.stringify({ timeZone: 'Africa/Maputo', weekly: [] })],
    );
    const effects = createAppointmentEffects({
      pool: db.pool,
      eventStore,
      payments: createLocalPayments({
        pool: db.pool,
        webhookSecret: randomBytes(32),
        checkoutBaseUrl: 'http://api.test',
      }),
      notifications: notificationsByChannel({ sms: createLocalNotifications({ pool: db.pool }), email: email() }),
      video: createLocalVideo({ tokenKey: randomBytes(32), publicWebUrl: 'http://web.test' }),
      publicWebUrl: 'http://web.test',
      organizerEmail: SENDER.address,
    });
    const facts = {
      appointmentId: randomUUID(),
      patientId,
      bookedBy: patientId,
      doctorId,
      serviceName: 'General consultation',
      method: 'video' as const,
      startsAt: '2026-03-08T09:00:00.000Z',
      endsAt: '2026-03-08T09:30:00.000Z',
      fee: { amountMinor: 150_000, currency: 'MZN' },
    };
    await effects.notify({ kind: 'appointment_confirmed', eventRevision: 3, facts });
    for (const address of [patientEmail, doctorEmail]) {
      const [mail, ...more] = smtp.to(address);
      expect(more).toEqual([]);
      const invitation = mail?.parts.find((p) => /^text\/calendar/i.test(p.contentType));
      expect(invitation?.contentType).toMatch(/method=REQUEST$/i);
      expect(invitation?.body).toContain(`UID:${facts.appointmentId}@consulta`);
      expect(invitation?.body).toContain('ORGANIZER;CN=Consulta:mailto:no-reply@consulta.example');
    }

    smtp.refuseRecipient(patientEmail, `550 5.1.1 <${patientEmail}>: User unknown`);
    const notified = effects.notify({ kind: 'appointment_cancelled', eventRevision: 4, facts });
    await expect(notified).rejects.toMatchObject({ type: 'NOTIFICATION_REFUSED', nonRetryable: true });
    await expect(notified).rejects.toThrow('patient: smtp:550 5.1.1');
    await expect(notified).rejects.not.toThrow(patientEmail.split('@')[0]);
    expect(smtp.to(doctorEmail)).toHaveLength(2);
  });
});
