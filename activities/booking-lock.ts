/**
 * The per-doctor booking lock: every write that takes or moves a doctor's time (a booking in the
 * API, a reschedule in the worker) runs in a transaction holding it, so each sees every
 * reservation committed before it and no two can both take the last seat. Per doctor, not per
 * slot, because overlapping slots of one doctor compete for the same time (see
 * api/booking/slot-reservation.ts for the alternatives rejected).
 */
import type pg from 'pg';

/** Separate from the migrations' single-key lock: the two-key form has its own key space. */
const LOCK_CLASS = 'slot_reservations';

/** Held until the transaction ends; call it first, on the transaction's own connection. */
export async function lockDoctorBookings(client: Pick<pg.PoolClient, 'query'>, doctorId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [LOCK_CLASS, doctorId]);
}
