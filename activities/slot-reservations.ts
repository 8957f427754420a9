/**
 * Giving a booked slot back. The API holds a slot_reservations row for every appointment it
 * accepts (api/booking/slot-reservation.ts); the appointment workflow calls releaseSlot once the
 * appointment is cancelled, by a person or by the payment timeout.
 */
import type pg from 'pg';
import type { Queryable } from '../projections/doctors/doctor-row-io.js';

export interface SlotReservationDeps {
  readonly pool: pg.Pool;
}

/**
 * Idempotent: only a held row changes, so a retried or repeated release is a no-op, and a missing
 * row (an appointment started outside the API) is not an error. Returns whether this call released it.
 */
export async function releaseReservation(db: Queryable, appointmentId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE slot_reservations SET status = 'released', released_at = now() WHERE id = $1 AND status = 'held'`,
    [appointmentId],
  );
  return (rowCount ?? 0) > 0;
}

export function createSlotReservationActivities({ pool }: SlotReservationDeps) {
  return {
    async releaseSlot(appointmentId: string): Promise<void> {
      await releaseReservation(pool, appointmentId);
    },
  };
}
