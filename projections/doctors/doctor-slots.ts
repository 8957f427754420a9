/**
 * Slots of a doctor from the read models: the practice in doctor_search, minus reservations. Shared
 * by the public slots route, search (next available slot) and the booking guard, so all three agree
 * on what is free.
 */
import { generateSlots, type Slot, type TimeRange } from '../../domain/availability/index.js';
import { serviceDuration, type ConsultationMethod, type PracticeService } from '../../domain/doctor/index.js';
import type { Queryable } from './doctor-row-io.js';
import type { DoctorSearchRow } from './doctor-rows.js';

export interface Reservation {
  readonly doctorId: string;
  readonly serviceId: string;
  readonly startsAt: string;
  /** Set when the booking recorded its own end (slot_reservations); else the service's duration now. */
  readonly endsAt?: string;
}

/** Bookings never run longer than this, so a reservation starting this long before `from` may still overlap. */
const LONGEST_BOOKING_MS = 8 * 60 * 60_000;

/**
 * What occupies the doctor's time: every `held` row of slot_reservations (written in the booking
 * request itself, so a just-booked slot is gone at once, read-model lag or not), plus appointments
 * of the read model that have no reservation row at all (booked before reservations existed). A
 * reservation row, held or released, is the authority for its appointment: a cancelled booking's
 * seat comes back as soon as the workflow releases it, before the projector has caught up.
 */
export async function loadReservations(
  db: Queryable,
  doctorIds: readonly string[],
  from: Date,
  to: Date,
  /** exceptId: leave this appointment's own reservation out (a reschedule checks its new time). */
  options: { readonly exceptId?: string } = {},
): Promise<Map<string, Reservation[]>> {
  const byDoctor = new Map<string, Reservation[]>();
  if (doctorIds.length === 0) return byDoctor;
  const { rows } = await db.query<{ doctor_id: string; service_id: string; starts_at: Date; ends_at: Date | null }>(
    `SELECT doctor_id, service_id, starts_at, ends_at FROM slot_reservations
      WHERE doctor_id = ANY($1) AND status = 'held' AND starts_at >= $2 AND starts_at < $3
        AND ($4::uuid IS NULL OR id <> $4)
     UNION ALL
     SELECT a.doctor_id, a.service_id, a.starts_at, NULL FROM appointments a
      WHERE a.doctor_id = ANY($1) AND a.cancelled_at IS NULL AND a.starts_at >= $2 AND a.starts_at < $3
        AND ($4::uuid IS NULL OR a.id <> $4)
        AND NOT EXISTS (SELECT 1 FROM slot_reservations r WHERE r.id = a.id)`,
    [
      doctorIds,
      new Date(from.getTime() - LONGEST_BOOKING_MS),
      new Date(to.getTime() + LONGEST_BOOKING_MS),
      options.exceptId ?? null,
    ],
  );
  for (const row of rows) {
    const list = byDoctor.get(row.doctor_id) ?? [];
    list.push({
      doctorId: row.doctor_id,
      serviceId: row.service_id,
      startsAt: row.starts_at.toISOString(),
      ...(row.ends_at ? { endsAt: row.ends_at.toISOString() } : {}),
    });
    byDoctor.set(row.doctor_id, list);
  }
  return byDoctor;
}

/** Each reservation as the time range it occupies (its service's duration). */
export function reservedRanges(row: DoctorSearchRow, reservations: readonly Reservation[]): TimeRange[] {
  return reservations.map((r) => ({
    startsAt: r.startsAt,
    endsAt:
      r.endsAt ?? new Date(Date.parse(r.startsAt) + serviceDuration(row.practice, r.serviceId) * 60_000).toISOString(),
  }));
}

export function slotsOf(
  row: DoctorSearchRow,
  service: PracticeService,
  reservations: readonly Reservation[],
  window: { readonly from: Date; readonly to: Date; readonly now: Date; readonly limit?: number },
): Slot[] {
  const availability = row.practice.availability;
  if (!availability) return [];
  return generateSlots({
    availability,
    timeZone: availability.timeZone,
    blocked: row.practice.blocked,
    reserved: reservedRanges(row, reservations),
    service,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    now: window.now.toISOString(),
    ...(window.limit === undefined ? {} : { limit: window.limit }),
  });
}

/** The service a search looks at: the shortest one offering the method (if one was asked for). */
export function searchService(row: DoctorSearchRow, method?: ConsultationMethod): PracticeService | undefined {
  return [...row.practice.services]
    .filter((s) => !method || s.methods.includes(method))
    .sort((a, b) => a.durationMinutes - b.durationMinutes)[0];
}

/**
 * Searchable and bookable: verified (not suspended, not rejected), an account that may practise
 * (active, with the doctor role) and online. Search and profiles ask the same in SQL (listedDoctor).
 */
export const isBookable = (row: DoctorSearchRow) =>
  row.verificationStatus === 'verified' && row.accountMayPractise && row.practice.online;
