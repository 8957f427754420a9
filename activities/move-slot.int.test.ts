/**
 * moveSlot (a reschedule's seat) is atomic under the doctor's booking lock: a move onto a taken
 * single-seat slot fails and changes nothing; a move to a free slot frees the old one for others.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveSlot, type SlotRequest } from '../api/booking/slot-reservation.js';
import { appointmentStreamId } from '../domain/index.js';
import { anAppointment, eventsOf, type AppointmentFacts } from '../tests/fixtures/appointment-events.js';
import { givenBookableDoctor, type BookableDoctor } from '../tests/support/bookable.js';
import { startTestPlatform, type TestPlatform } from '../tests/support/platform.js';
import { eventually } from '../tests/support/temporal.js';
import { moveSlot } from './move-slot.js';

const MINUTE = 60_000;
let platform: TestPlatform;
let bookable: BookableDoctor;

beforeAll(async () => {
  platform = await startTestPlatform();
  bookable = await givenBookableDoctor(platform.app, { slotsNeeded: 18 });
});
afterAll(async () => platform?.close());

/**
 * The i-th slot of its own, two generated slots apart: neighbouring slots can share the doctor's
 * buffer, so a booking on one would make the next unavailable and blur what each test proves.
 */
const slot = (i: number) => {
  const start = bookable.slots[i * 2];
  if (!start) throw new Error(`no slot ${i}`);
  return start;
};

/** An appointment as the API leaves it: its AppointmentRequested event and its held reservation. */
async function givenBooked(startsAt: string): Promise<string> {
  const facts = anAppointment({
    doctorId: bookable.doctor.accountId,
    serviceId: bookable.serviceId,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 30 * MINUTE).toISOString(),
  });
  await reserveThenRecord(facts, booking(facts.appointmentId, startsAt));
  return facts.appointmentId;
}

/**
 * In the API's order: the seat first, then the event. The other way round, the projector may put
 * the appointment into its read model before its reservation row exists, and the booking guard
 * then counts the appointment's own (reservation-less) read-model row against its seat.
 */
async function reserveThenRecord(facts: AppointmentFacts, request: SlotRequest) {
  await reserveSlot(platform.db.pool, request, new Date());
  const requested = eventsOf(facts).requested();
  await platform.eventStore.appendToStream(
    appointmentStreamId(facts.appointmentId),
    [{ id: randomUUID(), type: requested.type, data: requested.data }],
    { expectedRevision: 'no_stream' },
  );
}

const booking = (appointmentId: string, startsAt: string) => ({
  appointmentId,
  doctorId: bookable.doctor.accountId,
  serviceId: bookable.serviceId,
  method: 'video' as const,
  startsAt,
});

const move = (appointmentId: string, startsAt: string) =>
  moveSlot({ pool: platform.db.pool, eventStore: platform.eventStore }, { appointmentId, startsAt });

async function reservation(appointmentId: string) {
  const { rows } = await platform.db.pool.query<{ status: string; starts_at: Date; ends_at: Date }>(
    'SELECT status, starts_at, ends_at FROM slot_reservations WHERE id = $1',
    [appointmentId],
  );
  const row = rows[0];
  return row && { status: row.status, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() };
}

describe('moveSlot', () => {
  it('refuses a taken single-seat slot and changes neither appointment', async () => {
    const a = await givenBooked(slot(0));
    const b = await givenBooked(slot(1));
    const [beforeA, beforeB] = [await reservation(a), await reservation(b)];

    await expect(move(a, slot(1))).rejects.toMatchObject({ type: 'SLOT_UNAVAILABLE', nonRetryable: true });

    expect(await reservation(a)).toEqual(beforeA);
    expect(await reservation(b)).toEqual(beforeB);
    expect(beforeA).toMatchObject({ status: 'held', startsAt: slot(0) });
  });

  it('moves to a free slot, is idempotent, and gives the old time back to others', async () => {
    const a = await givenBooked(slot(2));
    const endsAt = new Date(Date.parse(slot(3)) + 30 * MINUTE).toISOString();
    await expect(move(a, slot(3))).resolves.toEqual({ endsAt });
    await expect(move(a, slot(3))).resolves.toEqual({ endsAt });
    expect(await reservation(a)).toEqual({ status: 'held', startsAt: slot(3), endsAt });

    const c = randomUUID();
    await reserveSlot(platform.db.pool, booking(c, slot(2)), new Date());
    expect(await reservation(c)).toMatchObject({ status: 'held', startsAt: slot(2) });
    // The moved appointment now holds its new slot against a newcomer.
    await expect(reserveSlot(platform.db.pool, booking(randomUUID(), slot(3)), new Date())).rejects.toThrow(
      'just been taken',
    );
  });

  it('lets only one of two moves racing for the last seat win', async () => {
    const [a, b] = [await givenBooked(slot(4)), await givenBooked(slot(5))];
    const results = await Promise.allSettled([move(a, slot(6)), move(b, slot(6))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toMatchObject({ type: 'SLOT_UNAVAILABLE' });
    const aWon = results[0].status === 'fulfilled';
    expect((await reservation(a))?.startsAt).toBe(aWon ? slot(6) : slot(4));
    expect((await reservation(b))?.startsAt).toBe(aWon ? slot(5) : slot(6));
  });

  it('moves by less than its own length: its old time does not count against it', async () => {
    const hour = await givenBookableDoctor(platform.app, { slotsNeeded: 4, service: { durationMinutes: 60 } });
    const [first, second] = hour.slots;
    if (!first || !second || Date.parse(second) - Date.parse(first) !== 30 * MINUTE) {
      throw new Error('expected 60-minute slots every 30 minutes');
    }
    const facts = anAppointment({ doctorId: hour.doctor.accountId, serviceId: hour.serviceId, startsAt: first });
    await reserveThenRecord(facts, {
      ...booking(facts.appointmentId, first),
      doctorId: hour.doctor.accountId,
      serviceId: hour.serviceId,
    });
    await expect(move(facts.appointmentId, second)).resolves.toEqual({
      endsAt: new Date(Date.parse(second) + 60 * MINUTE).toISOString(),
    });
  });

  it('refuses an instant that is not a slot, and an appointment it does not know', async () => {
    const a = await givenBooked(slot(7));
    const offSlot = new Date(Date.parse(slot(7)) + 7 * MINUTE).toISOString();
    await expect(move(a, offSlot)).rejects.toMatchObject({ type: 'SLOT_UNAVAILABLE', nonRetryable: true });
    expect(await reservation(a)).toMatchObject({ startsAt: slot(7) });
    await expect(move(randomUUID(), slot(1))).rejects.toMatchObject({ type: 'APPOINTMENT_NOT_FOUND' });
  });
});

describe('reserveSlot', () => {
  it('does not count a booking’s own read-model row against its seat (projected before the seat was written)', async () => {
    const startsAt = slot(8);
    const facts = anAppointment({
      doctorId: bookable.doctor.accountId,
      serviceId: bookable.serviceId,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 30 * MINUTE).toISOString(),
    });
    const requested = eventsOf(facts).requested();
    await platform.eventStore.appendToStream(
      appointmentStreamId(facts.appointmentId),
      [{ id: randomUUID(), type: requested.type, data: requested.data }],
      { expectedRevision: 'no_stream' },
    );
    await eventually(
      async () => {
        const { rowCount } = await platform.db.pool.query('SELECT 1 FROM appointments WHERE id = $1', [
          facts.appointmentId,
        ]);
        return rowCount ? true : undefined;
      },
      15_000,
      'the appointment in its read model',
    );

    await expect(
      reserveSlot(platform.db.pool, booking(facts.appointmentId, startsAt), new Date()),
    ).resolves.toMatchObject({ outcome: 'reserved' });
    // Anyone else still finds the seat taken.
    await expect(reserveSlot(platform.db.pool, booking(randomUUID(), startsAt), new Date())).rejects.toThrow(
      'just been taken',
    );
  });
});
