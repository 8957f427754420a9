/**
 * Reserving a slot atomically. Checking the read models and then starting the workflow is a race
 * (two requests both see the last seat free), so the check and the write happen in one
 * transaction that holds a per-doctor advisory lock: competing requests for the same doctor queue
 * up, each sees every reservation committed before it, and at most the slot's seats succeed. The
 * lock is per doctor, not per slot, because overlapping slots of one doctor (a 30-minute service
 * at 09:00 and another at 09:15) compete for the same time. Rejected: SERIALIZABLE with retries
 * (50 contenders would mostly abort and retry) and an exclusion constraint (cannot express seats).
 */
import type pg from 'pg';
import { lockDoctorBookings } from '../../activities/booking-lock.js';
import type { Queryable } from '../../projections/doctors/doctor-row-io.js';
import type { ConsultationMethod } from '../../domain/doctor/index.js';
import {
  assertDoctorBookable,
  bookedServiceOf,
  type BookedService,
} from '../../projections/doctors/doctor-bookability.js';
import { inTransaction } from '../auth/transaction.js';

export interface SlotRequest {
  readonly appointmentId: string;
  readonly doctorId: string;
  readonly serviceId: string;
  readonly method: ConsultationMethod;
  readonly startsAt: string;
}

/** `reserved`: this call took the seat; `already_held`: an earlier try with the same id holds it. */
export type ReserveOutcome = 'reserved' | 'already_held';

/** The seat, and what the booking pins: the service's name, length and fee, and the slot's end. */
export interface Reservation extends BookedService {
  readonly outcome: ReserveOutcome;
  readonly endsAt: string;
}

/**
 * Throws what assertDoctorBookable throws (422, or 409 SLOT_UNAVAILABLE when no seat is left).
 * Everything inside runs on the transaction's own connection: the lock holder must never wait for
 * another pooled connection that lock waiters may be holding.
 */
export function reserveSlot(pool: pg.Pool, request: SlotRequest, now: Date): Promise<Reservation> {
  return inTransaction(pool, async (client) => {
    await lockDoctorBookings(client, request.doctorId);
    // The reservation id is the appointment id, so a retry with the same Idempotency-Key finds its
    // own seat instead of taking a second one (and would otherwise see its own slot as taken).
    const own = await client.query<{ status: string; ends_at: Date }>(
      'SELECT status, ends_at FROM slot_reservations WHERE id = $1',
      [request.appointmentId],
    );
    const held = own.rows[0]?.status === 'held' ? own.rows[0] : undefined;
    if (held) return alreadyHeld(client, request, held.ends_at);
    const booked = await assertDoctorBookable(
      client,
      request.doctorId,
      request.serviceId,
      request.method,
      request.startsAt,
      now,
      // A booking never competes with itself (its read-model row may be projected before its seat).
      { exceptId: request.appointmentId },
    );
    // A released row of the same id (its workflow never started) is taken again.
    const written = await client.query(
      `INSERT INTO slot_reservations (id, doctor_id, service_id, starts_at, ends_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'held', $6)
       ON CONFLICT (id) DO UPDATE SET doctor_id = excluded.doctor_id, service_id = excluded.service_id,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = 'held',
         created_at = excluded.created_at, released_at = NULL
       WHERE slot_reservations.status = 'released'`,
      [request.appointmentId, request.doctorId, request.serviceId, request.startsAt, booked.endsAt, now],
    );
    // Nothing written: the same id was reserved meanwhile under another doctor's lock (one key, two bodies).
    return { ...booked, outcome: written.rowCount === 0 ? 'already_held' : 'reserved' };
  });
}

/**
 * A retry of a request whose seat is already held (same Idempotency-Key): its slot is not checked
 * again (its own seat would count against it). It is priced from today's practice; a workflow the
 * first try started keeps the terms it started with.
 */
async function alreadyHeld(db: Queryable, request: SlotRequest, endsAt: Date): Promise<Reservation> {
  const booked = await bookedServiceOf(db, request.doctorId, request.serviceId, request.method);
  return { ...booked, outcome: 'already_held', endsAt: endsAt.toISOString() };
}
