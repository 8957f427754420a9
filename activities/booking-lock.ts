/**
 * The per-doctor booking lock: every write that takes or moves a doctor's time (a booking in the
 * API, a reschedule in the worker, a change of the doctor's hours) runs in a transaction holding
 * it, so each sees every reservation committed before it and no two can both take the last seat.
 * Per doctor, not per slot, because overlapping slots of one doctor compete for the same time (see
 * api/booking/slot-reservation.ts for the alternatives rejected).
 */
import type pg from 'pg';
import { conflict } from '../domain/index.js';

/** Separate from the migrations' single-key lock: the two-key form has its own key space. */
const LOCK_CLASS = 'slot_reservations';

/**
 * How long a writer waits for the lock. Waiters hold a pooled connection each; a holder that needs
 * a second one (a change of hours appends its event through the pool) would otherwise wait for
 * them for ever once they fill the pool. Bounded, they give up and the holder goes on.
 */
export const BOOKING_LOCK_TIMEOUT_MS = 10_000;

/** PostgreSQL's lock_not_available: the wait outlasted lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Held until the transaction ends; call it first, on the transaction's own connection. Throws
 * 409 DOCTOR_CALENDAR_BUSY when the lock is not free within `timeoutMs` (a retry will do).
 */
export async function lockDoctorBookings(
  client: Pick<pg.PoolClient, 'query'>,
  doctorId: string,
  timeoutMs: number = BOOKING_LOCK_TIMEOUT_MS,
): Promise<void> {
  // SET LOCAL takes no bind parameters; the value is an integer of ours.
  await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [LOCK_CLASS, doctorId]);
  } catch (error) {
    if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) {
      throw conflict(
        'DOCTOR_CALENDAR_BUSY',
        'Many changes to this doctor’s calendar are being made right now; try again in a moment.',
      );
    }
    throw error;
  }
}
