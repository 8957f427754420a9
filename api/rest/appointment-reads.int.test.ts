/**
 * The booking lifecycle's REST reads over histories appended straight to the event store (the
 * workflow is not involved): appointment details and timeline, dashboards, prescriptions with
 * their access rules and erasure, reviews with the doctor's rating, and the payments ledger.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { auditStreamId } from '../audit.js';
import type { AppointmentEvent } from '../../domain/index.js';
import { doctorsProjection, rebuildProjection } from '../../projections/index.js';
import { anAppointment, eventsOf, type AppointmentFacts } from '../../tests/fixtures/appointment-events.js';
import { aPrescription } from '../../tests/fixtures/prescriptions.js';
import { givenAccount } from '../../tests/support/accounts.js';
import {
  appendAppointmentEvents,
  LIFECYCLE_PROJECTIONS,
  projectionsCaughtUp,
  sealFor,
} from '../../tests/support/appointment-history.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenDoctorAndFamily } from '../../tests/support/family.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';

/** The dashboards' clock: 00:30 on 26 November in Maputo (UTC+2), the doctor's zone. */
const NOW = new Date('2026-11-25T22:30:00.000Z');
const PRESCRIPTION = aPrescription();

let platform: TestPlatform;
/** The same API on a pinned clock, for the dashboards. */
let clocked: FastifyInstance;
let doctor: TestActor;
let maria: TestActor;
let rui: string;
let stranger: TestActor;
let admin: TestActor;
let finance: TestActor;

beforeAll(async () => {
  platform = await startTestPlatform();
  clocked = await buildApp({ ...platform.deps, now: () => NOW });
  await clocked.ready();
  ({ doctor, maria, rui, stranger, admin } = await givenDoctorAndFamily(platform));
  finance = await givenAccount(platform.db.pool, ['finance']);
});
afterAll(async () => {
  await clocked?.close();
  await platform?.close();
});

function send(
  actor: TestActor | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  app?: FastifyInstance,
) {
  return (app ?? platform.app).inject({
    method,
    url,
    headers: actor?.headers ?? {},
    ...(payload ? { payload } : {}),
  });
}

const caughtUp = () => projectionsCaughtUp(platform.db.pool, platform.eventStore, LIFECYCLE_PROJECTIONS);

/** An appointment with the test's doctor, in the state the builder's events leave it. */
async function given(
  patientId: string,
  startsAt: string,
  history: (
    e: ReturnType<typeof eventsOf>,
    facts: AppointmentFacts,
  ) => Promise<AppointmentEvent[]> | AppointmentEvent[],
): Promise<AppointmentFacts> {
  const facts = anAppointment({ patientId, bookedBy: maria.accountId, doctorId: doctor.accountId, startsAt });
  const e = eventsOf(facts);
  await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [
    e.requested(),
    ...(await history(e, facts)),
  ]);
  return facts;
}

const paid = (e: ReturnType<typeof eventsOf>) => [e.paymentRequested(), e.paymentReceived(), e.confirmed()];

describe('one appointment', () => {
  it('shows the booking snapshot and lifecycle fields; the patient’s name to the patient’s side and their doctor only', async () => {
    const facts = await given(maria.accountId, '2026-12-01T09:00:00.000Z', (e) => [...paid(e), e.reminderSent()]);
    await caughtUp();
    const mine = await send(maria, 'GET', `/api/v1/appointments/${facts.appointmentId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      id: facts.appointmentId,
      status: 'reminded',
      final: false,
      revision: 4,
      serviceName: 'General consultation (30 min)',
      endsAt: '2026-12-01T09:30:00.000Z',
      fee: { amountMinor: 150_000, currency: 'MZN' },
      policy: { version: 'standard-2026-12', maxPatientReschedules: 2 },
      paymentStatus: 'received',
      paidAmountMinor: 150_000,
      remindersSent: 1,
      reschedulesLeft: 2,
      checkInOpensAt: '2026-12-01T08:50:00.000Z',
      doctorName: 'Dr. Ana Macuácua',
      doctorTimeZone: 'Africa/Maputo',
      patientName: 'Maria Silva',
    });
    expect(mine.json()).not.toHaveProperty('roomId');
    const theirs = await send(doctor, 'GET', `/api/v1/appointments/${facts.appointmentId}`);
    expect(theirs.json()).toMatchObject({ id: facts.appointmentId, patientName: 'Maria Silva' });
    // Staff read it audited, without the name (that is a profile read of its own).
    const staff = await send(admin, 'GET', `/api/v1/appointments/${facts.appointmentId}`);
    expect(staff.json()).toMatchObject({ id: facts.appointmentId, patientName: null });
    expect((await send(stranger, 'GET', `/api/v1/appointments/${facts.appointmentId}`)).statusCode).toBe(404);
  });

  it('keeps sealed values out of the timeline', async () => {
    const sealed = await sealFor(platform.db.pool, maria.accountId, PRESCRIPTION);
    const facts = await given(maria.accountId, '2026-11-20T09:00:00.000Z', (e) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
      e.prescriptionIssued(sealed, 1),
    ]);
    const response = await send(maria, 'GET', `/api/v1/appointments/${facts.appointmentId}/events`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('pii:v1:');
    const items = response.json<{ items: Array<{ type: string; data: Record<string, unknown> }> }>().items;
    expect(items.map((item) => item.type)).toEqual([
      'AppointmentRequested',
      'PaymentRequested',
      'PaymentReceived',
      'AppointmentConfirmed',
      'PatientCheckedIn',
      'ConsultationStarted',
      'PrescriptionIssued',
    ]);
    expect(items.at(-1)?.data).toEqual({
      appointmentId: facts.appointmentId,
      prescriptionId: expect.any(String),
      medicineCount: 1,
      issuedAt: expect.any(String),
    });
  });
});

describe('dashboards', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const at = async (name: string, patientId: string, startsAt: string, history: Parameters<typeof given>[2]) => {
      ids[name] = (await given(patientId, startsAt, history)).appointmentId;
    };
    await at('startedJustNow', maria.accountId, '2026-11-25T22:20:00.000Z', paid);
    await at('ruiTomorrowUnpaid', rui, '2026-11-26T10:00:00.000Z', (e) => [e.paymentRequested()]);
    await at('nextWeek', maria.accountId, '2026-11-27T09:00:00.000Z', paid);
    await at('ruiCancelled', rui, '2026-11-28T09:00:00.000Z', (e) => [e.cancelled('system', null)]);
    await at('missed', maria.accountId, '2026-11-24T09:00:00.000Z', paid);
    await at('completed', maria.accountId, '2026-11-19T09:00:00.000Z', (e) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
      e.consultationEnded(),
      e.reviewWindowClosed(),
    ]);
    await at('strangerWaiting', stranger.accountId, '2026-11-26T12:00:00.000Z', (e) => [...paid(e), e.checkedIn()]);
    await at('strangerInCall', stranger.accountId, '2026-11-25T22:00:00.000Z', (e) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
    ]);
    await at('strangerCancelledToday', stranger.accountId, '2026-11-26T15:00:00.000Z', (e) => [
      ...paid(e),
      e.cancelled('patient'),
    ]);
    await at('yesterdayLocal', stranger.accountId, '2026-11-25T21:30:00.000Z', paid);
    await at('endedUnprescribed', stranger.accountId, '2026-11-20T09:00:00.000Z', (e) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
      e.consultationEnded(),
    ]);
    await caughtUp();
  });

  const named = (items: Array<{ id: string }>) =>
    items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]).filter(Boolean);

  it('shows a patient their and their dependants’ upcoming appointments, soonest first, and the past ones newest first', async () => {
    const response = await send(maria, 'GET', '/api/v1/me/dashboard?first=50', undefined, clocked);
    expect(response.statusCode).toBe(200);
    const board = response.json<{
      role: string;
      upcoming: Array<{ id: string; patientName: string | null; doctorName: string | null }>;
      past: Array<{ id: string }>;
    }>();
    expect(board.role).toBe('patient');
    expect(named(board.upcoming)).toEqual(['startedJustNow', 'ruiTomorrowUnpaid', 'nextWeek']);
    expect(named(board.past)).toEqual(['ruiCancelled', 'missed', 'completed']);
    const ours = board.upcoming.filter((item) => Object.values(ids).includes(item.id));
    expect(ours.map((item) => [item.patientName, item.doctorName])).toEqual([
      ['Maria Silva', 'Dr. Ana Macuácua'],
      ['Rui Silva', 'Dr. Ana Macuácua'],
      ['Maria Silva', 'Dr. Ana Macuácua'],
    ]);
  });

  it('pages through the past with a cursor', async () => {
    const first = await send(maria, 'GET', '/api/v1/me/dashboard?first=2', undefined, clocked);
    const page = first.json<{ past: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } }>();
    expect(named(page.past)).toEqual(['ruiCancelled', 'missed']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await send(
      maria,
      'GET',
      `/api/v1/me/dashboard?first=2&pastAfter=${page.pageInfo.endCursor}`,
      undefined,
      clocked,
    );
    expect(named(next.json<{ past: Array<{ id: string }> }>().past)).toEqual(['completed']);
    expect(next.json<{ pageInfo: { hasNextPage: boolean } }>().pageInfo.hasNextPage).toBe(false);
    const bad = await send(maria, 'GET', '/api/v1/me/dashboard?pastAfter=bm9wZQ', undefined, clocked);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_CURSOR');
  });

  it('shows a doctor today’s queue in their time zone, the waiting room, who is in consultation and what comes after', async () => {
    const response = await send(doctor, 'GET', '/api/v1/me/dashboard', undefined, clocked);
    expect(response.statusCode).toBe(200);
    const board = response.json<{
      role: string;
      timeZone: string;
      date: string;
      today: Array<{ id: string; patientName: string | null }>;
      waiting: Array<{ id: string }>;
      inConsultation: Array<{ id: string }>;
      upcoming: Array<{ id: string }>;
      awaitingPrescription: Array<{ id: string }>;
    }>();
    expect(board).toMatchObject({ role: 'doctor', timeZone: 'Africa/Maputo', date: '2026-11-26' });
    // Ended days ago with no prescription: still on the doctor's list until the review window closes.
    expect(named(board.awaitingPrescription)).toEqual(['endedUnprescribed']);
    expect(named(board.today)).toEqual(['strangerInCall', 'startedJustNow', 'ruiTomorrowUnpaid', 'strangerWaiting']);
    expect(named(board.waiting)).toEqual(['strangerWaiting']);
    expect(named(board.inConsultation)).toEqual(['strangerInCall']);
    expect(named(board.upcoming)).toEqual(['nextWeek']);
    // The doctor sees whom they are seeing (the stranger never filled in a profile).
    expect(board.today.map((item) => item.patientName)).toEqual([null, 'Maria Silva', 'Rui Silva', null]);
  });

  it('has none for staff, and no other patient’s appointments for a patient', async () => {
    const staff = await send(finance, 'GET', '/api/v1/me/dashboard', undefined, clocked);
    expect(staff.statusCode).toBe(403);
    expect(staff.json<{ error: { code: string } }>().error.code).toBe('NO_DASHBOARD');
    const other = await send(stranger, 'GET', '/api/v1/me/dashboard?first=50', undefined, clocked);
    const seen = other.json<{ upcoming: Array<{ id: string }>; past: Array<{ id: string }> }>();
    expect(named([...seen.upcoming, ...seen.past]).sort()).toEqual(
      ['strangerCancelledToday', 'strangerInCall', 'strangerWaiting', 'yesterdayLocal', 'endedUnprescribed'].sort(),
    );
    expect((await send(maria, 'GET', '/api/v1/me/dashboard?as=doctor')).statusCode).toBe(403);
    expect((await send(null, 'GET', '/api/v1/me/dashboard')).statusCode).toBe(401);
  });
});

describe('the appointment list', () => {
  it('pages through everything the caller may see with cursors, each appointment once', async () => {
    const mine = [];
    for (let i = 0; i < 5; i += 1)
      mine.push((await given(maria.accountId, `2026-12-1${i}T09:00:00.000Z`, paid)).appointmentId);
    await caughtUp();
    type Page = {
      items: Array<{ id: string; patientId: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    const all = (await send(maria, 'GET', '/api/v1/appointments?first=200')).json<Page>();
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.items.map((item) => item.id)).toEqual(expect.arrayContaining(mine));

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const url: string = `/api/v1/appointments?first=2${after ? `&after=${after}` : ''}`;
      const page = (await send(maria, 'GET', url)).json<Page>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.items.map((item) => item.id));
    // Hers and her dependant's only.
    expect(all.items.every((item) => [maria.accountId, rui].includes(item.patientId))).toBe(true);

    const bad = await send(maria, 'GET', '/api/v1/appointments?after=bm9wZQ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_CURSOR');
  });
});

describe('prescriptions', () => {
  async function prescribed(patientId: string): Promise<string> {
    const sealed = await sealFor(platform.db.pool, patientId, PRESCRIPTION);
    const facts = await given(patientId, '2026-11-18T09:00:00.000Z', (e) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
      e.consultationEnded(),
      e.prescriptionIssued(sealed, 1),
    ]);
    await caughtUp();
    return facts.appointmentId;
  }
  const read = (actor: TestActor, appointmentId: string) =>
    send(actor, 'GET', `/api/v1/appointments/${appointmentId}/prescription`);

  it('opens the prescription for the patient, their guardian and the appointment’s doctor', async () => {
    const forMaria = await prescribed(maria.accountId);
    const expected = {
      appointmentId: forMaria,
      patientId: maria.accountId,
      doctorId: doctor.accountId,
      medicineCount: 1,
      erased: false,
      medicines: PRESCRIPTION.medicines,
      notes: 'Finish the course.',
    };
    expect((await read(maria, forMaria)).json()).toMatchObject(expected);
    expect((await read(doctor, forMaria)).json()).toMatchObject(expected);
    const forRui = await prescribed(rui);
    expect((await read(maria, forRui)).json()).toMatchObject({ patientId: rui, medicines: PRESCRIPTION.medicines });
  });

  it('is not found for another patient, an unrelated doctor or finance, and for an appointment without one', async () => {
    const appointmentId = await prescribed(maria.accountId);
    const unverified = await givenAccount(platform.db.pool, ['doctor']);
    for (const outsider of [stranger, unverified, finance]) {
      const response = await read(outsider, appointmentId);
      expect(response.statusCode).toBe(404);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('APPOINTMENT_NOT_FOUND');
    }
    const none = await given(maria.accountId, '2026-12-03T09:00:00.000Z', paid);
    const missing = await read(maria, none.appointmentId);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('PRESCRIPTION_NOT_FOUND');
    expect((await read(maria, randomUUID())).json<{ error: { code: string } }>().error.code).toBe(
      'APPOINTMENT_NOT_FOUND',
    );
  });

  it('lets an admin read it, recording the read on the patient’s audit stream first', async () => {
    const appointmentId = await prescribed(maria.accountId);
    const response = await read(admin, appointmentId);
    expect(response.statusCode).toBe(200);
    const audit = await platform.eventStore.readStream(auditStreamId(maria.accountId));
    expect(audit.map((event) => [event.type, event.data.actorId, event.data.resource])).toContainEqual([
      'StaffReadHealthData',
      admin.accountId,
      'prescription',
    ]);
  });

  it('reads as erased once an admin erased the patient’s personal data', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    await send(patient, 'PATCH', '/api/v1/me', { name: 'Erin Macamo' });
    const appointmentId = await prescribed(patient.accountId);
    expect((await read(patient, appointmentId)).json()).toMatchObject({ erased: false });
    expect((await send(admin, 'POST', `/api/v1/admin/patients/${patient.accountId}/erasure`)).statusCode).toBe(200);
    expect((await read(patient, appointmentId)).json()).toMatchObject({ erased: true, medicines: [], notes: null });
  });
});

describe('reviews and the doctor’s rating', () => {
  it('lists a doctor’s reviews newest first with the patient’s first name only, and rates the doctor', async () => {
    const reviewer = await givenAccount(platform.db.pool, ['patient']);
    const consulted = (e: ReturnType<typeof eventsOf>) => [
      ...paid(e),
      e.checkedIn(),
      e.consultationStarted(),
      e.consultationEnded(),
    ];
    const comment = await sealFor(platform.db.pool, maria.accountId, 'Clear and kind.');
    await given(maria.accountId, '2026-11-10T09:00:00.000Z', (e) => [...consulted(e), e.reviewSubmitted(5, comment)]);
    await given(reviewer.accountId, '2026-11-12T09:00:00.000Z', (e) => [...consulted(e), e.reviewSubmitted(4, null)]);
    await caughtUp();

    const page = await send(null, 'GET', `/api/v1/doctors/${doctor.accountId}/reviews?first=1`);
    expect(page.statusCode).toBe(200);
    const first = page.json<{
      items: unknown[];
      rating: number;
      reviewCount: number;
      pageInfo: { endCursor: string };
    }>();
    expect(first).toMatchObject({
      doctorId: doctor.accountId,
      rating: 4.5,
      reviewCount: 2,
      items: [{ author: 'Anonymous patient', rating: 4, comment: null, submittedAt: '2026-11-14T09:30:00.000Z' }],
      pageInfo: { hasNextPage: true },
    });
    const next = await send(
      null,
      'GET',
      `/api/v1/doctors/${doctor.accountId}/reviews?first=1&after=${first.pageInfo.endCursor}`,
    );
    expect(next.json()).toMatchObject({
      items: [{ author: 'Maria', rating: 5, comment: 'Clear and kind.' }],
      pageInfo: { hasNextPage: false },
    });
    expect(next.body).not.toContain(maria.accountId);

    const profile = await send(null, 'GET', `/api/v1/doctors/${doctor.accountId}`);
    expect(profile.json()).toMatchObject({ rating: 4.5, reviewCount: 2 });
    // The search row is the doctors projection's: rebuilt from zero, it takes the rating back from reviews.
    await rebuildProjection(doctorsProjection, { pool: platform.db.pool, eventStore: platform.eventStore });
    const rebuilt = await send(null, 'GET', `/api/v1/doctors/${doctor.accountId}`);
    expect(rebuilt.json()).toMatchObject({ rating: 4.5, reviewCount: 2 });
    const unknown = await send(null, 'GET', `/api/v1/doctors/${randomUUID()}/reviews`);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the payments ledger', () => {
  it('shows finance every payment in and refund out, and nobody else', async () => {
    const facts = await given(stranger.accountId, '2026-12-05T09:00:00.000Z', (e) => [
      ...paid(e),
      e.cancelled('patient', { amountMinor: 75_000, currency: 'MZN' }),
      e.refundIssued({ amountMinor: 75_000, currency: 'MZN' }),
    ]);
    await caughtUp();
    const response = await send(finance, 'GET', '/api/v1/finance/ledger?first=500');
    expect(response.statusCode).toBe(200);
    const mine = response
      .json<{ items: Array<{ appointmentId: string; kind: string; amountMinor: number }> }>()
      .items.filter((item) => item.appointmentId === facts.appointmentId)
      .map(({ kind, amountMinor }) => ({ kind, amountMinor }));
    expect(mine).toEqual([
      { kind: 'payment', amountMinor: 150_000 },
      { kind: 'refund', amountMinor: -75_000 },
    ]);
    const refused = await send(maria, 'GET', '/api/v1/finance/ledger');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('FINANCE_ONLY');
  });
});
