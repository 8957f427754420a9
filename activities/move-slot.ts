/**
 * Moving an appointment's seat to a new start (a reschedule), with the same guarantee booking
 * has: under the doctor's booking lock, in one transaction, the new start is checked the way a
 * new booking would be (a slot the engine offers, a seat left), counting every reservation but
 * the appointment's own, and only then is the row moved. Two moves, or a move and a booking,
 * racing for the last seat cannot both win; a refusal changes nothing.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type pg from 'pg';
import { appointmentStreamId, isDomainError, type ConsultationMethod } from '../domain/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import { assertDoctorBookable } from '../projections/doctors/doctor-bookability.js';
import { lockDoctorBookings } from './booking-lock.js';
import { withTransaction } from './db-transaction.js';

export interface MoveSlotDeps {
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
  readonly now?: () => Date;
}

interface Booked {
  readonly doctorId: string;
  readonly serviceId: string;
  readonly method: ConsultationMethod;
}

/** Fails non-retryably with type SLOT_UNAVAILABLE or DOCTOR_NOT_BOOKABLE (the domain's codes), changing nothing. */
export async function moveSlot(
  deps: MoveSlotDeps,
  input: { readonly appointmentId: string; readonly startsAt: string },
): Promise<{ readonly endsAt: string }> {
  const booked = await bookedTerms(deps.eventStore, input.appointmentId);
  const startsAt = new Date(input.startsAt);
  return withTransaction(deps.pool, async (client) => {
    await busyRetryable(() => lockDoctorBookings(client, booked.doctorId));
    const { rows } = await client.query<{ status: string; starts_at: Date; ends_at: Date }>(
      'SELECT status, starts_at, ends_at FROM slot_reservations WHERE id = $1 FOR UPDATE',
      [input.appointmentId],
    );
    const own = rows[0];
    // A retry after a move that committed but was never reported: it is already there.
    if (own?.status === 'held' && own.starts_at.getTime() === startsAt.getTime()) {
      return { endsAt: own.ends_at.toISOString() };
    }
    if (own?.status === 'released') {
      throw ApplicationFailure.nonRetryable(
        'This appointment no longer holds a slot (it was cancelled).',
        'RESERVATION_RELEASED',
      );
    }
    const { endsAt } = await checked(() =>
      assertDoctorBookable(
        client,
        booked.doctorId,
        booked.serviceId,
        booked.method,
        startsAt.toISOString(),
        deps.now?.() ?? new Date(),
        { exceptId: input.appointmentId },
      ),
    );
    // No row: an appointment booked before reservations existed; from now on the row speaks for it.
    await client.query(
      `INSERT INTO slot_reservations (id, doctor_id, service_id, starts_at, ends_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'held', now())
       ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
      [input.appointmentId, booked.doctorId, booked.serviceId, startsAt, endsAt],
    );
    return { endsAt };
  });
}

/** Doctor, service and method as booked: the stream's first event, the source of truth. */
async function bookedTerms(eventStore: EventStore, appointmentId: string): Promise<Booked> {
  const [first] = await eventStore.readStream(appointmentStreamId(appointmentId), { maxCount: 1 });
  if (first?.type !== 'AppointmentRequested') {
    throw ApplicationFailure.nonRetryable('There is no such appointment to move.', 'APPOINTMENT_NOT_FOUND');
  }
  const data = first.data as { doctorId: string; serviceId: string; method: ConsultationMethod };
  return { doctorId: data.doctorId, serviceId: data.serviceId, method: data.method };
}

/** The domain's refusal becomes a final activity failure carrying its code and kind. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code, error.kind);
    throw error;
  }
}

/** A busy calendar is worth another try (the activity's retries), ending as a 409 if it stays busy. */
async function busyRetryable(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isDomainError(error)) throw ApplicationFailure.retryable(error.message, error.code, error.kind);
    throw error;
  }
}
