/**
 * The booking guard against phantom availability: a booking names a doctor, a service, a method
 * and an instant, and is refused unless that instant is a slot the engine would offer right now.
 * On its own it is check-then-act; the API runs it under a per-doctor lock in the transaction that
 * writes the reservation (api/booking/slot-reservation.ts), which is what closes the race.
 */
import type { ConsultationMethod } from '../../domain/doctor/index.js';
import { conflict, DomainError } from '../../domain/index.js';
import { readSearchRow, type Queryable } from './doctor-row-io.js';
import { isBookable, loadReservations, slotsOf, type Reservation } from './doctor-slots.js';

const notBookable = (message: string) => new DomainError('rule_violation', 'DOCTOR_NOT_BOOKABLE', message);
const unavailable = (path: string, message: string) =>
  new DomainError('rule_violation', 'SLOT_UNAVAILABLE', message, [{ path, message }]);

const taken = () =>
  conflict('SLOT_UNAVAILABLE', 'This slot has just been taken (no seats left); pick another from the doctor’s slots.');

/**
 * Throws 422 DOCTOR_NOT_BOOKABLE (unknown, unverified, rejected, suspended or offline doctor),
 * 422 SLOT_UNAVAILABLE (unknown service, a method the service does not allow, or an instant that
 * is not a generated slot at all), or 409 SLOT_UNAVAILABLE (a real slot whose seats are taken, the
 * answer a loser of a race gets); returns the slot's end otherwise.
 */
export async function assertDoctorBookable(
  db: Queryable,
  doctorId: string,
  serviceId: string,
  method: ConsultationMethod,
  startsAt: string,
  now: Date = new Date(),
): Promise<{ readonly endsAt: string }> {
  const row = await readSearchRow(db, doctorId);
  if (!row || !isBookable(row)) {
    throw notBookable('This doctor is not taking bookings (not verified, suspended or offline).');
  }
  const service = row.practice.services.find((s) => s.id === serviceId);
  if (!service) throw unavailable('serviceId', 'This doctor does not offer this service.');
  const offered = row.practice.methods.some((m) => m.method === method);
  if (!service.methods.includes(method) || !offered) {
    throw unavailable('method', `This service is not offered by ${method.replace('_', ' ')}.`);
  }
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  const reservations = (await loadReservations(db, [doctorId], start, end)).get(doctorId) ?? [];
  const window = { from: start, to: new Date(start.getTime() + 1), now };
  const at = (reserved: readonly Reservation[]) =>
    slotsOf(row, service, reserved, window).find((s) => s.startsAt === start.toISOString());
  const slot = at(reservations);
  if (slot) return { endsAt: slot.endsAt };
  if (at([])) throw taken();
  throw unavailable('startsAt', 'This time is not an available slot; pick one from the doctor’s slots.');
}
