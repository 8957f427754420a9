/**
 * The bug classes of ../shared/USER-PAINS.md that no other test pins down yet, each on the whole
 * platform (REST, the appointment workflow on Temporal, the event store, the projector, the local
 * adapters). README.md "User pains and their tests" maps every class to its tests, these and the
 * older ones. Timings are real: a test waits for what was recorded, never for how long it took.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLocalVideoToken } from '../activities/adapters/local-video.js';
import { LOCAL_SIGNATURE_HEADER, signWebhook } from '../activities/adapters/local-webhook-signature.js';
import { formatWhen } from '../activities/notifications/format.js';
import { buildApp } from '../api/app.js';
import { deriveKey } from '../api/auth/keys.js';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  DEFAULT_TIMINGS,
  STANDARD_POLICY,
  type AppointmentRequest,
} from '../domain/index.js';
import {
  APPOINTMENT_WORKFLOW_TYPE,
  requestedUpdate,
  type AppointmentWorkflowInput,
} from '../workflows/appointment.messages.js';
import { givenAccount } from './support/accounts.js';
import { projectionsCaughtUp } from './support/appointment-history.js';
import { TEST_MASTER_KEY, type TestActor } from './support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from './support/bookable.js';
import { payFor } from './support/payments.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { eventually } from './support/temporal.js';

const SECOND = 1_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const FEE = { amountMinor: 150_000, currency: 'MZN' };
const FREE = { amountMinor: 0, currency: 'MZN' };

let platform: TestPlatform;
/** Paid video consultations (150 000 MZN). Doctors act through accounts of their own (commands, dashboards). */
let paid: BookableDoctor;
/** A free service: confirmed at once, so moves and check-ins need no payment first. */
let free: BookableDoctor;

beforeAll(async () => {
  // Check-in opens a week ahead, so a waiting room can exist now for a slot two days away.
  platform = await startTestPlatform({ timings: { joinWindowMs: 7 * DAY } });
  paid = await givenBookableDoctor(platform.app, {
    actor: await givenAccount(platform.db.pool, ['doctor']),
    slotsNeeded: 20,
  });
  free = await givenBookableDoctor(platform.app, {
    actor: await givenAccount(platform.db.pool, ['doctor']),
    service: { feeOverride: FREE },
    slotsNeeded: 40,
  });
});
afterAll(async () => platform?.close());

/** A patient with an email, so the notifications adapter writes their messages to the dev outbox. */
const patient = () => givenAccount(platform.db.pool, ['patient']);
const emailOf = (actor: TestActor) => `${actor.accountId}@example.test`;

const post = (actor: TestActor, url: string, payload: object) =>
  platform.app.inject({ method: 'POST', url, payload, headers: actor.headers });
const book = (actor: TestActor, request: AppointmentRequest) => post(actor, '/api/v1/appointments', request);
const send = (actor: TestActor, id: string, command: string, payload: object = {}) =>
  post(actor, `/api/v1/appointments/${id}/${command}`, payload);
const read = (actor: TestActor, path: string) =>
  platform.app.inject({ method: 'GET', url: path, headers: actor.headers });

const refusal = (response: LightMyRequestResponse) => [
  response.statusCode,
  response.json<{ error?: { code: string } }>().error?.code,
];

async function booked(actor: TestActor, request: AppointmentRequest): Promise<string> {
  const response = await book(actor, request);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

const events = (id: string) => platform.eventStore.readStream(appointmentStreamId(id));
const typesOf = async (id: string) => (await events(id)).map((event) => event.type);
const countOf = async (id: string, type: string) => (await typesOf(id)).filter((t) => t === type).length;
const dataOf = async (id: string, type: string) =>
  (await events(id)).filter((event) => event.type === type).map((event) => event.data as Record<string, unknown>);

/** The held seats of a doctor at these starts (slot_reservations, written under the booking lock). */
async function heldAt(doctor: BookableDoctor, starts: readonly string[]) {
  const { rows } = await platform.db.pool.query<{ id: string; starts_at: Date }>(
    `SELECT id, starts_at FROM slot_reservations
      WHERE doctor_id = $1 AND status = 'held' AND starts_at = ANY($2::timestamptz[]) ORDER BY starts_at, id`,
    [doctor.doctor.accountId, starts],
  );
  return rows.map((row) => ({ id: row.id, startsAt: row.starts_at.toISOString() }));
}

interface OutboxItem {
  readonly subject: string | null;
  readonly body: string;
  readonly attachments: ReadonlyArray<{ readonly text?: string }>;
}
/** What the local notifications adapter "sent" to this person, newest first. */
async function outboxOf(actor: TestActor): Promise<OutboxItem[]> {
  const response = await platform.app.inject({ method: 'GET', url: `/api/v1/dev/outbox?recipient=${emailOf(actor)}` });
  return response.json<{ items: OutboxItem[] }>().items;
}
async function messageTo(actor: TestActor, subject: RegExp): Promise<OutboxItem> {
  return eventually(
    async () => (await outboxOf(actor)).find((m) => subject.test(m.subject ?? '')),
    20_000,
    `a message "${subject.source}"`,
  );
}

/** "20270314T130000Z", as an .ics DTSTART writes an instant. */
const icsInstant = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('1. double booking under concurrency', () => {
  it('gives the last seat to one only when a reschedule and new bookings race for it', async () => {
    const mover = await patient();
    const request = free.nextRequest(mover.accountId);
    const id = await booked(mover, request);
    const contested = free.nextRequest(mover.accountId).startsAt;
    const rivals = await Promise.all(Array.from({ length: 8 }, () => patient()));

    const [move, ...bookings] = await Promise.all([
      send(mover, id, 'reschedule', { startsAt: contested }),
      ...rivals.map((rival) => book(rival, { ...request, patientId: rival.accountId, startsAt: contested })),
    ]);

    const moved = move!.statusCode === 200;
    const won = bookings.filter((b) => b.statusCode === 201);
    expect((moved ? 1 : 0) + won.length, 'winners of the one seat').toBe(1);
    const losers = [...(moved ? [] : [move!]), ...bookings.filter((b) => b.statusCode !== 201)];
    expect(losers.map(refusal)).toEqual(losers.map(() => [409, 'SLOT_UNAVAILABLE']));
    const winner = moved ? id : won[0]!.json<{ id: string }>().id;
    expect((await heldAt(free, [contested])).map((seat) => seat.id)).toEqual([winner]);
    // A move that lost leaves booking and seat where they were; one that won frees the old time.
    expect(await countOf(id, 'AppointmentRescheduled')).toBe(moved ? 1 : 0);
    expect(await heldAt(free, [request.startsAt])).toEqual(moved ? [] : [{ id, startsAt: request.startsAt }]);
  });
});

describe('2. daylight-saving drift', () => {
  const ZONE = 'America/New_York';
  /** The zone's UTC offset at an instant in minutes, from Intl alone (independent of the slot engine). */
  const offsetMinutes = (at: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '') ?? [];
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  };
  /** The next local day on which New York changes its clocks, three days or more from now. */
  function nextChangeDay(): { before: Date; after: Date } {
    const noonUtc = (days: number) => {
      const day = new Date(Date.now() + days * DAY);
      return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
    };
    for (let days = 3; days < 400; days += 1) {
      // Noon UTC is 07:00 or 08:00 in New York: past the 02:00 change of the same local day.
      if (offsetMinutes(noonUtc(days)) !== offsetMinutes(noonUtc(days - 1))) {
        return { before: new Date(noonUtc(days - 1)), after: new Date(noonUtc(days)) };
      }
    }
    throw new Error('New York has not changed its clocks for a year');
  }
  /** 09:00 on New York's wall clock on that (UTC noon) day, as an instant. */
  const nineLocal = (day: Date) =>
    new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9) - offsetMinutes(day.getTime()) * MINUTE,
    ).toISOString();

  it('keeps 09:00 at 09:00 across the next clock change, in the slots, the booking, the move and the message', async () => {
    const { before, after } = nextChangeDay();
    const doctor = await givenBookableDoctor(platform.app, {
      service: { feeOverride: FREE },
      availability: {
        timeZone: ZONE,
        weekly: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map(
          (weekday) => ({ weekday, start: '09:00', end: '10:00' }),
        ),
        maxDaysAhead: 365,
      },
      slotsNeeded: 2,
    });
    const from = new Date(before.getTime() - DAY).toISOString();
    const to = new Date(after.getTime() + DAY).toISOString();
    const offered = (
      await read(
        doctor.doctor,
        `/api/v1/doctors/${doctor.doctor.accountId}/slots?serviceId=${doctor.serviceId}&from=${from}&to=${to}&tz=${ZONE}`,
      )
    ).json<{ slots: Array<{ startsAt: string; local: string }> }>().slots;
    const [earlier, later] = [nineLocal(before), nineLocal(after)];
    // One day is 23 or 25 hours long here, and 09:00 stays 09:00 on both sides of it.
    expect(Math.abs(Date.parse(later) - Date.parse(earlier) - DAY)).toBe(60 * MINUTE);
    for (const start of [earlier, later]) {
      expect(offered.find((slot) => slot.startsAt === start)?.local, start).toMatch(/T09:00$/);
    }

    const owner = await patient();
    const id = await booked(owner, doctor.nextRequest(owner.accountId, { startsAt: earlier }));
    expect((await dataOf(id, 'AppointmentRequested'))[0]).toMatchObject({ startsAt: earlier });

    // Moving across the change at a negative offset: to 09:00 the other side of it.
    const moved = await send(owner, id, 'reschedule', { startsAt: later });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await dataOf(id, 'AppointmentRescheduled'))[0]).toMatchObject({
      previousStartsAt: earlier,
      startsAt: later,
      endsAt: new Date(Date.parse(later) + 30 * MINUTE).toISOString(),
    });
    expect(await heldAt(doctor, [earlier, later])).toEqual([{ id, startsAt: later }]);
    // The patient has no zone of their own: the message speaks the doctor's, 09:00 both times.
    const notice = await messageTo(owner, /^Appointment moved to/);
    expect(notice.subject).toMatch(/09:00 \(America\/New_York\)$/);
    expect(notice.body).toMatch(/\(it was .*09:00 \(America\/New_York\)\)/);
  });
});

describe('3. a reschedule leaves no extra live booking', () => {
  it('refuses to move a cancelled booking and takes no seat for it', async () => {
    const owner = await patient();
    const id = await booked(owner, free.nextRequest(owner.accountId));
    expect((await send(owner, id, 'cancel', { reason: 'patient_request' })).statusCode).toBe(200);
    const before = await typesOf(id);
    const target = free.nextRequest(owner.accountId).startsAt;

    expect(refusal(await send(owner, id, 'reschedule', { startsAt: target }))).toEqual([409, 'INVALID_STATE']);
    expect(refusal(await send(free.doctor, id, 'reschedule', { startsAt: target }))).toEqual([409, 'INVALID_STATE']);
    expect(await typesOf(id)).toEqual(before);
    const { rows } = await platform.db.pool.query('SELECT status FROM slot_reservations WHERE id = $1', [id]);
    expect(rows).toEqual([{ status: 'released' }]);
    const other = await patient();
    expect((await book(other, free.nextRequest(other.accountId, { startsAt: target }))).statusCode).toBe(201);
  });

  it('moves booking and seat together: one live booking, one calendar event, the old time free for others', async () => {
    const owner = await patient();
    const request = free.nextRequest(owner.accountId);
    const id = await booked(owner, request);
    const target = free.nextRequest(owner.accountId).startsAt;

    const moved = await send(owner, id, 'reschedule', { startsAt: target });
    expect(moved.json()).toMatchObject({ status: 'confirmed', startsAt: target });
    expect(await heldAt(free, [request.startsAt, target])).toEqual([{ id, startsAt: target }]);
    const other = await patient();
    const taker = await booked(other, { ...request, patientId: other.accountId });
    // The read model agrees: the appointment lives at the new time only, the old time is the other's.
    const live = await eventually(async () => {
      const { rows } = await platform.db.pool.query<{ id: string; starts_at: Date }>(
        'SELECT id, starts_at FROM appointments WHERE id = ANY($1::uuid[]) AND cancelled_at IS NULL',
        [[id, taker]],
      );
      const startOf = new Map(rows.map((row) => [row.id, row.starts_at.toISOString()]));
      return startOf.size === 2 && startOf.get(id) === target ? startOf : undefined;
    }, 20_000);
    expect(Object.fromEntries(live)).toEqual({ [id]: target, [taker]: request.startsAt });
    // The calendar keeps one event: the move updates the confirmation's UID with a higher SEQUENCE.
    const confirmed = (await messageTo(owner, /^Appointment confirmed/)).attachments[0]?.text ?? '';
    const rescheduled = (await messageTo(owner, /^Appointment moved/)).attachments[0]?.text ?? '';
    const sequence = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    expect(confirmed).toContain(`UID:${id}@consulta`);
    expect(rescheduled).toContain(`UID:${id}@consulta`);
    expect(rescheduled).toContain(`DTSTART:${icsInstant(target)}`);
    expect(sequence(rescheduled)).toBeGreaterThan(sequence(confirmed));
  });

  it('moves once when the same reschedule is sent again, at once or later', async () => {
    const owner = await patient();
    const request = free.nextRequest(owner.accountId);
    const id = await booked(owner, request);
    const target = free.nextRequest(owner.accountId).startsAt;

    const twice = await Promise.all([1, 2].map(() => send(owner, id, 'reschedule', { startsAt: target })));
    const again = await send(owner, id, 'reschedule', { startsAt: target });
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    const repeats = [...twice.filter((r) => r.statusCode !== 200), again];
    expect(repeats.map(refusal)).toEqual(repeats.map(() => [422, 'SAME_TIME']));
    expect(await countOf(id, 'AppointmentRescheduled')).toBe(1);
    expect(await heldAt(free, [request.startsAt, target])).toEqual([{ id, startsAt: target }]);
    const quote = await read(owner, `/api/v1/appointments/${id}/cancellation-quote`);
    expect(quote.json()).toMatchObject({ reschedulesLeft: STANDARD_POLICY.maxPatientReschedules - 1 });
  });
});

describe('4. payment and booking agree', () => {
  it('does not ask for payment again when a paid booking is moved', async () => {
    const owner = await patient();
    const id = await booked(owner, paid.nextRequest(owner.accountId));
    await payFor(platform, id);
    const target = paid.nextRequest(owner.accountId).startsAt;

    const moved = await send(owner, id, 'reschedule', { startsAt: target });
    expect(moved.statusCode, moved.body).toBe(200);
    const answer = moved.json<{ status: string; checkoutUrl: string | null; links: Record<string, string> }>();
    expect(answer).toMatchObject({ status: 'confirmed', startsAt: target, checkoutUrl: null });
    expect(answer.links.pay).toBeUndefined();
    expect(await typesOf(id)).toEqual([
      'AppointmentRequested',
      'PaymentRequested',
      'PaymentReceived',
      'AppointmentConfirmed',
      'AppointmentRescheduled',
    ]);
    const { rows } = await platform.db.pool.query('SELECT status FROM local_payments WHERE appointment_id = $1', [id]);
    expect(rows).toEqual([{ status: 'paid' }]);
    const quote = await read(owner, `/api/v1/appointments/${id}/cancellation-quote`);
    expect(quote.json()).toMatchObject({ paid: FEE, refund: { tier: 'full', amount: FEE } });
  });

  it('sends no confirmation for a declined card, and keeps the booking payable', async () => {
    const owner = await patient();
    const id = await booked(owner, paid.nextRequest(owner.accountId));

    await payFor(platform, id, 'decline');
    // The failure notice is sent in the same turn a confirmation would be: once it is there, so would that be.
    await messageTo(owner, /^Your payment did not go through/);
    expect((await outboxOf(owner)).filter((m) => /^Appointment confirmed/.test(m.subject ?? ''))).toEqual([]);
    expect(await typesOf(id)).not.toContain('AppointmentConfirmed');
    const view = await read(owner, `/api/v1/appointments/${id}/cancellation-quote`);
    expect(view.json()).toMatchObject({ status: 'pending_payment', paid: null, links: { pay: expect.any(String) } });

    await payFor(platform, id);
    await messageTo(owner, /^Appointment confirmed/);
    expect((await outboxOf(owner)).filter((m) => /^Appointment confirmed/.test(m.subject ?? ''))).toHaveLength(1);
  });

  it('puts one payment in the finance ledger however often its webhook arrives', async () => {
    const owner = await patient();
    const id = await booked(owner, paid.nextRequest(owner.accountId));
    await payFor(platform, id);
    const { rows } = await platform.db.pool.query<{ provider_event_id: string; payment_id: string }>(
      'SELECT provider_event_id, payment_id FROM payment_webhook_events WHERE appointment_id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    const { provider_event_id: eventId, payment_id: paymentId } = rows[0]!;
    const settlement = { paymentId, appointmentId: id, amount: FEE };

    // The provider delivers the same event again, three times at once, then reports the payment under a new id.
    const redelivered = await Promise.all([1, 2, 3].map(() => deliver('payment.succeeded', settlement, eventId)));
    expect(redelivered.map((r) => r.json<{ result: string }>().result)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const reissued = await deliver('payment.succeeded', settlement, `evt_${randomUUID()}`);
    expect(reissued.json()).toEqual({ received: true, result: 'signalled' });

    // A later refund is the barrier: once it is in the ledger, any second payment would be too.
    expect((await send(owner, id, 'cancel', { reason: 'patient_request' })).statusCode).toBe(200);
    await eventually(async () => ((await countOf(id, 'RefundIssued')) === 1 ? true : undefined), 20_000, 'the refund');
    await projectionsCaughtUp(platform.db.pool, platform.eventStore, ['payments-ledger']);
    const finance = await givenAccount(platform.db.pool, ['finance']);
    const ledger = await read(finance, '/api/v1/finance/ledger?first=500');
    expect(ledger.statusCode).toBe(200);
    const entries = ledger
      .json<{ items: Array<{ appointmentId: string; kind: string; amountMinor: number }> }>()
      .items.filter((entry) => entry.appointmentId === id)
      .map(({ kind, amountMinor }) => ({ kind, amountMinor }));
    expect(entries).toEqual([
      { kind: 'payment', amountMinor: 150_000 },
      { kind: 'refund', amountMinor: -150_000 },
    ]);
    expect(await countOf(id, 'PaymentReceived')).toBe(1);
  });
});

describe('5. reminders carry the time they remind of', () => {
  it('reminds of the new time after a move, and sends no reminder on the old schedule', async () => {
    // Five-minute slots from now on: a move target a minute or so ahead, so the reminders come within seconds.
    const doctor = await givenBookableDoctor(platform.app, {
      service: { feeOverride: FREE },
      availability: { slotLengthMinutes: 5, minimumNoticeMinutes: 0 },
      slotsNeeded: 1,
    });
    const owner = await patient();
    const soon = new Date(Date.now() + 40 * SECOND).toISOString();
    const newStart = (
      await read(owner, `/api/v1/doctors/${doctor.doctor.accountId}/slots?serviceId=${doctor.serviceId}&from=${soon}`)
    ).json<{ slots: Array<{ startsAt: string }> }>().slots[0]!.startsAt;
    // Booked 10 s before the new start, with one reminder offset: on the old schedule it is due at
    // t0 + 10 s, on the new one at t0 + 20 s. The move happens in between, right after booking.
    const t0 = Date.now();
    const offsetMs = Date.parse(newStart) - (t0 + 20 * SECOND);
    const oldStart = new Date(Date.parse(newStart) - 10 * SECOND).toISOString();
    const id = randomUUID();
    // Started as the API starts it, but with this appointment's own reminder offset.
    const input: AppointmentWorkflowInput = {
      appointmentId: id,
      terms: {
        patientId: owner.accountId,
        bookedBy: owner.accountId,
        doctorId: doctor.doctor.accountId,
        serviceId: doctor.serviceId,
        serviceName: 'General consultation (30 min)',
        method: 'video',
        startsAt: oldStart,
        endsAt: new Date(Date.parse(oldStart) + 30 * MINUTE).toISOString(),
        fee: FREE,
        policy: STANDARD_POLICY,
      },
      timings: { ...DEFAULT_TIMINGS, reminderOffsetsMs: [offsetMs] },
    };
    const workflow = await platform.temporal.client.workflow.start(APPOINTMENT_WORKFLOW_TYPE, {
      workflowId: appointmentWorkflowId(id),
      taskQueue: platform.temporal.taskQueue,
      args: [input],
    });
    expect(await workflow.executeUpdate(requestedUpdate)).toMatchObject({ status: 'confirmed' });

    const moved = await send(owner, id, 'reschedule', { startsAt: newStart });
    expect(moved.json()).toMatchObject({ status: 'confirmed', startsAt: newStart });
    const [reminder] = await eventually(
      async () => {
        const sent = await dataOf(id, 'ReminderSent');
        return sent.length > 0 ? sent : undefined;
      },
      45_000,
      'the reminder',
    );
    expect(reminder).toMatchObject({ offsetMs, startsAt: newStart });
    // Sent on the new schedule (t0 + 20 s), not on the old one (t0 + 10 s).
    expect(Date.parse(String(reminder?.sentAt))).toBeGreaterThanOrEqual(Date.parse(newStart) - offsetMs);
    expect(await countOf(id, 'ReminderSent')).toBe(1);

    const zone = 'UTC'; // the patient has no zone of their own; the doctor's is UTC
    const message = await messageTo(owner, /^Reminder:/);
    expect(message.subject).toContain(formatWhen(newStart, zone));
    expect(message.body).not.toContain(formatWhen(oldStart, zone));
    const notice = await messageTo(owner, /^Appointment moved to/);
    expect(notice.subject).toContain(formatWhen(newStart, zone));
    expect(notice.body).toContain(`(it was ${formatWhen(oldStart, zone)})`);
    expect((await outboxOf(owner)).filter((m) => /^Reminder:/.test(m.subject ?? ''))).toHaveLength(1);
    await send(owner, id, 'cancel', { reason: 'patient_request' });
  });
});

describe('6. lossy webhooks', () => {
  it('answers 500 and keeps nothing when the workflow cannot be told, so the provider’s retry goes through', async () => {
    const owner = await patient();
    const id = await booked(owner, paid.nextRequest(owner.accountId));
    const paymentId = (await dataOf(id, 'PaymentRequested'))[0]?.paymentId as string;
    const event = signed('payment.succeeded', { paymentId, appointmentId: id, amount: FEE }, `evt_${randomUUID()}`);

    // An API whose Temporal connection is gone: the signal fails after the event id was recorded.
    const connection = await Connection.connect({ address: platform.temporal.address });
    await connection.close();
    const cut = await buildApp({
      ...platform.deps,
      temporal: {
        client: new Client({ connection, namespace: platform.temporal.namespace }),
        taskQueue: platform.temporal.taskQueue,
      },
    });
    try {
      const lost = await deliverTo(cut, event);
      expect(lost.statusCode).toBe(500);
    } finally {
      await cut.close();
    }
    const { rows } = await platform.db.pool.query('SELECT 1 FROM payment_webhook_events WHERE provider_event_id = $1', [
      event.eventId,
    ]);
    expect(rows).toEqual([]);

    expect((await deliverTo(platform.app, event)).json()).toEqual({ received: true, result: 'signalled' });
    await eventually(async () => ((await typesOf(id)).includes('AppointmentConfirmed') ? true : undefined), 20_000);
    expect(await countOf(id, 'PaymentReceived')).toBe(1);
  });
});

describe('8. waiting-room state', () => {
  it('takes a waiting patient out when the doctor cancels: no way into a room, a full refund', async () => {
    const owner = await patient();
    const id = await booked(owner, paid.nextRequest(owner.accountId));
    await payFor(platform, id);
    expect((await send(owner, id, 'check-in')).json()).toMatchObject({ status: 'waiting' });
    const waitingRoom = async () =>
      (await read(paid.doctor, '/api/v1/me/dashboard'))
        .json<{ waiting: Array<{ id: string }> }>()
        .waiting.map((item) => item.id);
    await eventually(async () => ((await waitingRoom()).includes(id) ? true : undefined), 20_000, 'the waiting room');

    const cancelled = await send(paid.doctor, id, 'cancel', { reason: 'doctor_unavailable' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(refusal(await read(owner, `/api/v1/appointments/${id}/room`))).toEqual([409, 'ROOM_NOT_OPEN']);
    expect(refusal(await send(owner, id, 'check-in'))).toEqual([409, 'INVALID_STATE']);
    expect(refusal(await send(paid.doctor, id, 'admit'))).toEqual([409, 'INVALID_STATE']);
    await eventually(async () => ((await countOf(id, 'RefundIssued')) === 1 ? true : undefined), 20_000, 'the refund');
    expect((await dataOf(id, 'RefundIssued'))[0]).toMatchObject({ amount: FEE, reason: 'cancellation' });
    await eventually(async () => ((await waitingRoom()).includes(id) ? undefined : true), 20_000, 'an empty room');
    const shown = await eventually(async () => {
      const status = (await read(owner, `/api/v1/appointments/${id}`)).json<{ status: string }>().status;
      return status === 'refunded' ? status : undefined;
    }, 20_000);
    expect(shown).toBe('refunded');
  });

  it('lets a patient who left get back into the running consultation, as often as needed', async () => {
    const owner = await patient();
    const id = await booked(owner, free.nextRequest(owner.accountId));
    await send(owner, id, 'check-in');
    expect((await send(free.doctor, id, 'admit')).json()).toMatchObject({ status: 'in_consultation' });
    const tokenKey = deriveKey(TEST_MASTER_KEY, 'local-video-token');

    const joins = [];
    for (let visit = 0; visit < 2; visit += 1) {
      // Back from a dropped call: checking in again is harmless, and the room answers afresh.
      expect((await send(owner, id, 'check-in')).json()).toMatchObject({ status: 'in_consultation' });
      const room = await read(owner, `/api/v1/appointments/${id}/room`);
      expect(room.statusCode, room.body).toBe(200);
      joins.push(room.json<{ roomId: string; token: string; expiresAt: string }>());
    }
    for (const join of joins) {
      expect(verifyLocalVideoToken(tokenKey, join.token, new Date())).toMatchObject({
        roomId: join.roomId,
        accountId: owner.accountId,
        role: 'patient',
      });
      expect(Date.parse(join.expiresAt)).toBeGreaterThan(Date.now());
    }
    expect(new Set(joins.map((join) => join.roomId)).size).toBe(1);
    expect(await countOf(id, 'ConsultationStarted')).toBe(1);
    expect(await countOf(id, 'PatientCheckedIn')).toBe(1);
    await send(free.doctor, id, 'end');
  });
});

describe('9. phantom availability', () => {
  it('refuses to move a booking to a time the doctor never offered, changing nothing', async () => {
    const owner = await patient();
    const request = free.nextRequest(owner.accountId);
    const id = await booked(owner, request);
    const before = await typesOf(id);
    const offGrid = new Date(Date.parse(free.nextRequest(owner.accountId).startsAt) + 7 * MINUTE).toISOString();

    // 422: no slot at all (a taken slot is 409).
    expect(refusal(await send(owner, id, 'reschedule', { startsAt: offGrid }))).toEqual([422, 'SLOT_UNAVAILABLE']);
    expect(await typesOf(id)).toEqual(before);
    expect(await heldAt(free, [request.startsAt, offGrid])).toEqual([{ id, startsAt: request.startsAt }]);
  });
});

// ── webhooks as the local provider signs them ──

const webhookSecret = deriveKey(TEST_MASTER_KEY, 'local-payment-webhook');

function signed(type: string, data: object, eventId: string) {
  const body = JSON.stringify({ id: eventId, type, created: Math.floor(Date.now() / 1000), data });
  return { eventId, body, signature: signWebhook(webhookSecret, body, new Date()) };
}

function deliverTo(app: TestPlatform['app'], event: ReturnType<typeof signed>) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhooks/local',
    headers: { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: event.signature },
    payload: event.body,
  });
}

const deliver = (type: string, data: object, eventId: string) => deliverTo(platform.app, signed(type, data, eventId));
