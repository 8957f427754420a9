/** The local notifications adapter writes into the dev outbox once per dedupe key, attachments included. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { readDevOutbox, readDevOutboxAttachment } from './dev-outbox.js';
import { createLocalNotifications } from './local-notifications.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.close());

async function anAccount(contact: { email?: string; phone?: string }): Promise<string> {
  const id = randomUUID();
  await db.pool.query('INSERT INTO accounts (id, email, phone) VALUES ($1, $2, $3)', [
    id,
    contact.email ?? null,
    contact.phone ?? null,
  ]);
  return id;
}

describe('local notifications', () => {
  it('delivers a key once, with its attachment', async () => {
    const email = `${randomUUID()}@example.test`;
    const accountId = await anAccount({ email });
    const notifications = createLocalNotifications({ pool: db.pool });
    const message = {
      to: { accountId },
      channel: 'email' as const,
      subject: 'Appointment confirmed',
      text: 'See you then.',
      attachments: [{ filename: 'appointment.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\n' }],
      dedupeKey: `${randomUUID()}:appointment_confirmed:3:patient`,
    };
    expect(await notifications.send(message)).toBe('sent');
    expect(await notifications.send(message)).toBe('duplicate');

    const [stored, ...more] = await readDevOutbox(db.pool, { recipient: email, limit: 10 });
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ channel: 'email', subject: 'Appointment confirmed', body: 'See you then.' });
    expect(stored?.attachments).toEqual([{ filename: 'appointment.ics', contentType: 'text/calendar', size: 17 }]);
    const attachment = await readDevOutboxAttachment(db.pool, stored?.id ?? 0, 0);
    expect(attachment?.content.toString('utf8')).toBe('BEGIN:VCALENDAR\r\n');
    expect(await readDevOutboxAttachment(db.pool, stored?.id ?? 0, 1)).toBeUndefined();
  });

  it('sends an SMS to the phone, without attachments, and reports an account it cannot reach', async () => {
    const phone = `+2588${String(Date.now()).slice(-7)}`;
    const accountId = await anAccount({ phone });
    const notifications = createLocalNotifications({ pool: db.pool });
    const base = { to: { accountId }, subject: 'Reminder', text: 'Consulta: Reminder.', dedupeKey: randomUUID() };
    expect(
      await notifications.send({
        ...base,
        channel: 'sms',
        attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'x' }],
      }),
    ).toBe('sent');
    const [sms] = await readDevOutbox(db.pool, { recipient: phone, limit: 1 });
    expect(sms).toMatchObject({ channel: 'sms', subject: null, body: 'Consulta: Reminder.', attachments: [] });

    expect(await notifications.send({ ...base, channel: 'email', dedupeKey: randomUUID() })).toBe('no_address');
    expect(await notifications.send({ ...base, to: { accountId: randomUUID() }, channel: 'sms' })).toBe('no_address');
  });
});
