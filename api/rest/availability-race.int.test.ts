/**
 * Issue 4: a change of hours that would orphan booked appointments answers 409 with them, judged
 * by the seats bookings hold (slot_reservations), not by the lagging appointments read model,
 * and serialised with bookings by the doctor's booking lock: a booking racing the change either
 * is named in the 409 or is checked against the new hours, never accepted outside them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseReservation } from '../../activities/slot-reservations.js';
import { fitsAvailability, type AvailabilitySettings } from '../../domain/availability/index.js';
import { doctorStreamId } from '../../domain/doctor/index.js';
import { lockCheckpoint, readCheckpoint } from '../../projections/checkpoints.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import { anAvailability } from '../../tests/fixtures/doctors.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { reserveSlot } from '../booking/slot-reservation.js';
import { loadPractice } from '../doctors/practice-store.js';

const MINUTE = 60_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const ROUNDS = 16;
const BOOKINGS = 6;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

/** `hour`:00 UTC, `days` days from today: the bookable doctor's hours are the whole UTC week. */
function at(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
}

const plus = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * MINUTE).toISOString();

/** givenBookableDoctor's hours (round the clock, UTC), or without 08:00–11:00 on the weekday of `morningOff`. */
function hours(morningOff?: string): AvailabilitySettings {
  const off = morningOff === undefined ? undefined : WEEKDAYS[new Date(morningOff).getUTCDay()];
  return anAvailability({
    timeZone: 'UTC',
    weekly: WEEKDAYS.flatMap((weekday) =>
      weekday === off
        ? [
            { weekday, start: '00:00', end: '08:00' },
            { weekday, start: '11:00', end: '24:00' },
          ]
        : [{ weekday, start: '00:00', end: '24:00' }],
    ),
  });
}

const call = (actor: TestActor, method: 'PUT' | 'POST', url: string, payload: object) =>
  platform.app.inject({ method, url, payload, headers: actor.headers });

const book = (bookable: BookableDoctor, appointmentId: string, startsAt: string) =>
  reserveSlot(
    platform.db.pool,
    {
      appointmentId,
      doctorId: bookable.doctor.accountId,
      serviceId: bookable.serviceId,
      method: 'video',
      startsAt,
    },
    new Date(),
  );

async function heldSeats(doctorId: string) {
  const { rows } = await platform.db.pool.query<{ id: string; starts_at: Date; ends_at: Date }>(
    `SELECT id, starts_at, ends_at FROM slot_reservations WHERE doctor_id = $1 AND status = 'held' ORDER BY starts_at`,
    [doctorId],
  );
  return rows;
}

/** Held seats outside the doctor's hours as the event store (the source of truth) has them now. */
async function orphanedSeats(doctorId: string): Promise<string[]> {
  const { availability, blocked } = (await loadPractice(platform.eventStore, doctorId)).state;
  if (!availability) throw new Error('the doctor has no hours');
  return (await heldSeats(doctorId))
    .filter(
      (seat) =>
        !fitsAvailability(
          { weekly: availability.weekly, timeZone: availability.timeZone, blocked },
          {
            startsAt: seat.starts_at.toISOString(),
            durationMinutes: (seat.ends_at.getTime() - seat.starts_at.getTime()) / MINUTE,
          },
        ),
    )
    .map((seat) => seat.id);
}

const namedIn = (body: { error: { details?: Array<{ path: string }> } }) =>
  (body.error.details ?? []).map((detail) => detail.path.replace(/^appointments\./, ''));

describe('changing hours around booked seats', () => {
  it('refuses a change over a held seat the appointments read model does not show yet, naming it', async () => {
    const bookable = await givenBookableDoctor(platform.app, { slotsNeeded: 1 });
    const { doctor } = bookable;
    const startsAt = at(3, 9);
    // The seat alone, as a booking request writes it before its workflow records anything.
    const appointmentId = randomUUID();
    await book(bookable, appointmentId, startsAt);
    const projected = await platform.db.pool.query('SELECT 1 FROM appointments WHERE id = $1', [appointmentId]);
    expect(projected.rowCount).toBe(0);
    const before = await platform.eventStore.readStream(doctorStreamId(doctor.accountId));

    const morningOff = await call(doctor, 'PUT', '/api/v1/doctors/me/availability', hours(startsAt));
    expect(morningOff.statusCode).toBe(409);
    expect(morningOff.json()).toEqual({
      error: {
        code: 'AVAILABILITY_CONFLICT',
        message: expect.any(String),
        details: [{ path: `appointments.${appointmentId}`, message: `booked for ${startsAt}` }],
      },
    });
    const blocked = await call(doctor, 'POST', '/api/v1/doctors/me/blocked-times', {
      startsAt: plus(startsAt, 15),
      endsAt: plus(startsAt, 45),
      reason: 'conference',
    });
    expect(blocked.statusCode).toBe(409);
    expect(namedIn(blocked.json())).toEqual([appointmentId]);
    expect(await platform.eventStore.readStream(doctorStreamId(doctor.accountId))).toHaveLength(before.length);

    // Its seat given back (the booking cancelled), the same change goes through.
    await releaseReservation(platform.db.pool, appointmentId);
    expect((await call(doctor, 'PUT', '/api/v1/doctors/me/availability', hours(startsAt))).statusCode).toBe(200);
  });

  it('checks the next booking against the new hours while the projector has not caught up', async () => {
    const bookable = await givenBookableDoctor(platform.app, { slotsNeeded: 1 });
    const doctorId = bookable.doctor.accountId;
    const startsAt = at(4, 10);
    // Holding the doctors projection's checkpoint stalls it: doctor_search gets nothing from it.
    const stall = await platform.db.pool.connect();
    let blockedAt: bigint;
    try {
      await stall.query('BEGIN');
      await lockCheckpoint(stall, 'doctors');
      const blocked = await call(bookable.doctor, 'POST', '/api/v1/doctors/me/blocked-times', {
        startsAt,
        endsAt: plus(startsAt, 30),
        reason: 'conference',
      });
      expect(blocked.statusCode).toBe(201);
      const last = (await platform.eventStore.readStream(doctorStreamId(doctorId))).at(-1);
      expect(last?.type).toBe('DoctorTimeBlocked');
      blockedAt = last!.position;
      expect(await readCheckpoint(platform.db.pool, 'doctors')).toBeLessThan(blockedAt);

      await expect(book(bookable, randomUUID(), startsAt)).rejects.toMatchObject({
        code: 'SLOT_UNAVAILABLE',
        kind: 'rule_violation',
      });
      expect(await heldSeats(doctorId)).toEqual([]);
    } finally {
      await stall.query('ROLLBACK');
      stall.release();
    }
    // Caught up, the projector finds the block already in the row and does not add it twice.
    await eventually(
      async () => ((await readCheckpoint(platform.db.pool, 'doctors')) >= blockedAt ? true : undefined),
      15_000,
      'the doctors projection to catch up',
    );
    const row = await readSearchRow(platform.db.pool, doctorId);
    expect(row?.practice.blocked.filter((b) => b.startsAt === startsAt)).toHaveLength(1);
    const stream = await platform.eventStore.readStream(doctorStreamId(doctorId));
    expect(row?.practiceRevision).toBe(stream.length - 1);
  });

  it('never both accepts a change and keeps a racing booking it leaves outside the hours', async () => {
    const bookable = await givenBookableDoctor(platform.app, { slotsNeeded: 1 });
    const { doctor } = bookable;
    const doctorId = doctor.accountId;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round its own day, 08:00–11:00 UTC: six single-seat slots, and a change removing them
      // (a blocked time in even rounds, that weekday's morning off in odd ones).
      const period = { startsAt: at(3 + round, 8), endsAt: at(3 + round, 11) };
      const starts = Array.from({ length: BOOKINGS }, (_, i) => plus(period.startsAt, i * 30));
      const ids = starts.map(() => randomUUID());
      const bookings = starts.map(async (startsAt, i) => {
        // Spread over a few milliseconds, so the change lands before, between or after them.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
        return book(bookable, ids[i]!, startsAt);
      });
      const changed =
        round % 2 === 0
          ? call(doctor, 'POST', '/api/v1/doctors/me/blocked-times', { ...period, reason: 'conference' })
          : call(doctor, 'PUT', '/api/v1/doctors/me/availability', hours(period.startsAt));
      const results = await Promise.allSettled(bookings);
      const response = await changed;

      const won = ids.filter((_, i) => results[i]?.status === 'fulfilled');
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(result.reason).toMatchObject({ code: 'SLOT_UNAVAILABLE', kind: 'rule_violation' });
        }
      }
      expect((await heldSeats(doctorId)).map((seat) => seat.id).sort()).toEqual([...won].sort());
      if (response.statusCode === 409) {
        const named = namedIn(response.json());
        expect(named.length).toBeGreaterThan(0);
        expect(won).toEqual(expect.arrayContaining(named));
      } else {
        expect(response.statusCode).toBe(round % 2 === 0 ? 201 : 200);
        expect(await orphanedSeats(doctorId)).toEqual([]);
      }

      // Next round from a clean slate: seats given back, the mornings open again.
      for (const id of won) await releaseReservation(platform.db.pool, id);
      if (round % 2 === 1 && response.statusCode === 200) {
        expect((await call(doctor, 'PUT', '/api/v1/doctors/me/availability', hours())).statusCode).toBe(200);
      }
    }
  });
});
