/**
 * The notify effect end to end on PostgreSQL: recipients looked up from the identity and read-model
 * tables, times in each recipient's own zone, a calendar invitation attached, each message once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../eventstore/event-store.js';
import { createEventStore } from '../../eventstore/index.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { readDevOutbox, readDevOutboxAttachment } from '../adapters/dev-outbox.js';
import { createLocalNotifications } from '../adapters/local-notifications.js';
import { createLocalPayments } from '../adapters/local-payments.js';
import { createLocalVideo } from '../adapters/local-video.js';
import type { AppointmentFacts, NotifyInput } from '../appointment-effects.js';
import { createAppointmentEffects } from '../appointment-effects.impl.js';

let db: TestDatabase;
let eventStore: EventStore;
let effects: ReturnType<typeof createAppointmentEffects>;

beforeAll(async () => {
  db = await createTestDatabase();
  eventStore = createEventStore({ kind: 'postgres', pool: db.pool });
  effects = createAppointmentEffects({
    pool: db.pool,
    eventStore,
    payments: createLocalPayments({
      pool: db.pool,
      webhookSecret: randomBytes(32),
      checkoutBaseUrl: 'http://api.test',
    }),
    notifications: createLocalNotifications({ pool: db.pool }),
    video: createLocalVideo({ tokenKey: randomBytes(32), publicWebUrl: 'http://web.test' }),
    publicWebUrl: 'http://web.test',
  });
});
afterAll(async () => {
  await eventStore.close();
  await db.close();
});

interface Person {
  readonly id: string;
  readonly email: string;
}

async function anAccount(): Promise<Person> {
  const id = randomUUID();
  const email = `${id}@example.test`;
  await db.pool.query('INSERT INTO accounts (id, email) VALUES ($1, $2)', [id, email]);
  return { id, email };
}

async function aProfile(patientId: string, name: string, timeZone: string, guardianId?: string) {
  await db.pool.query(
    `INSERT INTO patient_profiles (patient_id, guardian_id, relationship, name, time_zone, stream_revision, updated_at)
     VALUES ($1, $2, $3, $4, $5, 0, now())`,
    [patientId, guardianId ?? null, guardianId ? 'child' : null, name, timeZone],
  );
}

async function aDoctor(): Promise<Person> {
  const doctor = await anAccount();
  await db.pool.query(
    `INSERT INTO doctor_search (doctor_id, display_name, availability, updated_at) VALUES ($1, $2, $3, now())`,
    [doctor.id, 'Dr. Ana Macuácua', JSON.stringify({ timeZone: 'Africa/Maputo', weekly: [] })],
  );
  return doctor;
}

function factsOf(patientId: string, bookedBy: string, doctorId: string): AppointmentFacts {
  return {
    appointmentId: randomUUID(),
    patientId,
    bookedBy,
    doctorId,
    serviceName: 'General consultation',
    method: 'video',
    // 14:30 in Kolkata (+05:30), 11:00 in Maputo (+02:00).
    startsAt: '2026-03-08T09:00:00.000Z',
    endsAt: '2026-03-08T09:30:00.000Z',
    fee: { amountMinor: 150_000, currency: 'MZN' },
  };
}

const inbox = async (who: Person) => readDevOutbox(db.pool, { recipient: who.email, limit: 20 });

async function icsOf(who: Person): Promise<string> {
  const [latest] = await inbox(who);
  const attachment = await readDevOutboxAttachment(db.pool, latest?.id ?? 0, 0);
  return (attachment?.content.toString('utf8') ?? '').replace(/\r\n /g, '');
}

describe('notify', () => {
  it('tells patient and doctor in their own time zones, once, with a calendar invitation', async () => {
    const [patient, doctor] = [await anAccount(), await aDoctor()];
    await aProfile(patient.id, 'Priya Sharma', 'Asia/Kolkata');
    const facts = factsOf(patient.id, patient.id, doctor.id);
    const input: NotifyInput = { kind: 'appointment_confirmed', facts, eventRevision: 3 };
    await effects.notify(input);
    await effects.notify(input);

    const [toPatient, ...morePatient] = await inbox(patient);
    const [toDoctor, ...moreDoctor] = await inbox(doctor);
    expect(morePatient).toEqual([]);
    expect(moreDoctor).toEqual([]);
    expect(toPatient?.subject).toContain('14:30 (Asia/Kolkata)');
    expect(toPatient?.body).toContain('Hello Priya Sharma,');
    expect(toPatient?.body).toContain('with Dr. Ana Macuácua');
    expect(toPatient?.body).toContain(`http://web.test/appointments/${facts.appointmentId}`);
    expect(toDoctor?.subject).toContain('11:00 (Africa/Maputo)');
    expect(toDoctor?.body).toContain('with Priya Sharma');

    for (const who of [patient, doctor]) {
      const ics = await icsOf(who);
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:${facts.appointmentId}@consulta`);
      expect(ics).toContain('SEQUENCE:3');
      expect(ics).toContain('DTSTART:20260308T090000Z');
      expect(ics).toContain('DTEND:20260308T093000Z');
    }
  });

  it('sends a moved appointment as a higher SEQUENCE and a cancellation as METHOD:CANCEL with the refund', async () => {
    const [patient, doctor] = [await anAccount(), await aDoctor()];
    await aProfile(patient.id, 'Priya Sharma', 'Asia/Kolkata');
    const facts = factsOf(patient.id, patient.id, doctor.id);
    await effects.notify({ kind: 'appointment_confirmed', facts, eventRevision: 3 });
    await effects.notify({
      kind: 'appointment_rescheduled',
      facts: { ...facts, startsAt: '2026-03-09T09:00:00.000Z', endsAt: '2026-03-09T09:30:00.000Z' },
      eventRevision: 5,
      previousStartsAt: facts.startsAt,
    });
    const moved = await icsOf(patient);
    expect(moved).toContain('SEQUENCE:5');
    expect(moved).toContain('DTSTART:20260309T090000Z');
    expect((await inbox(patient))[0]?.body).toMatch(/\(it was Sunday,? 8 March 2026.* 14:30 \(Asia\/Kolkata\)\)/);

    await effects.notify({
      kind: 'appointment_cancelled',
      facts,
      eventRevision: 7,
      cancelledBy: 'doctor',
      refund: { amountMinor: 150_000, currency: 'MZN' },
    });
    const cancelled = await icsOf(patient);
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:7');
    const [patientCancel] = await inbox(patient);
    const [doctorCancel] = await inbox(doctor);
    expect(patientCancel?.body).toMatch(/A refund of MZN\s1,500\.00 is on its way/);
    expect(patientCancel?.body).toContain('cancelled by the doctor');
    expect(doctorCancel?.body).not.toContain('refund');
    expect(await inbox(patient)).toHaveLength(3);
  });

  it('writes to the guardian for a dependant, and only to the patient for patient-only kinds', async () => {
    const [guardian, doctor] = [await anAccount(), await aDoctor()];
    const dependantId = randomUUID();
    await aProfile(guardian.id, 'Maria Cossa', 'Africa/Maputo');
    await aProfile(dependantId, 'Tomás Cossa', 'Africa/Maputo', guardian.id);
    const facts = factsOf(dependantId, guardian.id, doctor.id);
    await effects.notify({ kind: 'payment_failed', facts, eventRevision: 2 });
    const [message] = await inbox(guardian);
    expect(message?.subject).toBe('Your payment did not go through');
    expect(message?.body).toContain('with Dr. Ana Macuácua for Tomás Cossa');
    expect(message?.body).toContain('11:00 (Africa/Maputo)');
    expect(message?.attachments).toEqual([]);
    expect(await inbox(doctor)).toEqual([]);
  });

  it('skips a recipient it cannot reach and still tells the other', async () => {
    const doctor = await aDoctor();
    const patientWithoutAccount = randomUUID();
    const facts = factsOf(patientWithoutAccount, patientWithoutAccount, doctor.id);
    await effects.notify({ kind: 'appointment_reminder', facts, eventRevision: 4 });
    const [reminder, ...more] = await inbox(doctor);
    expect(more).toEqual([]);
    expect(reminder?.subject).toMatch(
      /^Reminder: General consultation \(video consultation\) on Sunday,? 8 March 2026.* 11:00 \(Africa\/Maputo\)$/,
    );
  });
});
