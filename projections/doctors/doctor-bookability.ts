/**
 * The booking guard against phantom availability: a booking names a doctor, a service, a method
 * and an instant, and is refused unless that instant is a slot the engine would offer right now.
 * On its own it is check-then-act; the API runs it under a per-doctor lock in the transaction that
 * writes the reservation (api/booking/slot-reservation.ts), which is what closes the race.
 */
import type { ConsultationMethod, DoctorPractice } from '../../domain/doctor/index.js';
import { conflict, DomainError } from '../../domain/index.js';
import type { Money } from '../../domain/shared/money.js';
import { readSearchRow, type Queryable } from './doctor-row-io.js';
import { isBookable, loadReservations, slotsOf, type Reservation } from './doctor-slots.js';

const notBookable = (message: string) => new DomainError('rule_violation', 'DOCTOR_NOT_BOOKABLE', message);
const unavailable = (path: string, message: string) =>
  new DomainError('rule_violation', 'SLOT_UNAVAILABLE', message, [{ path, message }]);

const taken = () =>
  conflict('SLOT_UNAVAILABLE', 'This slot has just been taken (no seats left); pick another from the doctor’s slots.');

/**
 * Throws 422 DOCTOR_NOT_BOOKABLE (unknown, unverified, rejected, suspended or offline doctor, or
 * one whose account is suspended or no longer holds the doctor role: isBookable),
 * 422 SLOT_UNAVAILABLE (unknown service, a method the service does not allow, or an instant that
 * is not a generated slot at all), or 409 SLOT_UNAVAILABLE (a real slot whose seats are taken, the
 * answer a loser of a race gets); returns the slot's end and what the booking pins otherwise.
 */
export async function assertDoctorBookable(
  db: Queryable,
  doctorId: string,
  serviceId: string,
  method: ConsultationMethod,
  startsAt: string,
  now: Date = new Date(),
  /** exceptId: an appointment whose own seat does not count (it is being moved). */
  options: { readonly exceptId?: string } = {},
): Promise<BookedService & { readonly endsAt: string }> {
  const row = await readSearchRow(db, doctorId);
  if (!row || !isBookable(row)) {
    throw notBookable('This doctor is not taking bookings (not verified, suspended or offline).');
  }
  const { service, fee } = offeredService(row.practice, serviceId, method);
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  const reservations = (await loadReservations(db, [doctorId], start, end, options)).get(doctorId) ?? [];
  const window = { from: start, to: new Date(start.getTime() + 1), now };
  const at = (reserved: readonly Reservation[]) =>
    slotsOf(row, service, reserved, window).find((s) => s.startsAt === start.toISOString());
  const slot = at(reservations);
  if (slot) return { serviceName: service.name, durationMinutes: service.durationMinutes, fee, endsAt: slot.endsAt };
  if (at([])) throw taken();
  throw unavailable('startsAt', 'This time is not an available slot; pick one from the doctor’s slots.');
}

/** What a booking of this service by this method pins: its name, length and price. */
export interface BookedService {
  readonly serviceName: string;
  readonly durationMinutes: number;
  /** The service's own fee when it has one, else the method's; 0 is a free service. */
  readonly fee: Money;
}

/** Throws 422 SLOT_UNAVAILABLE for a service the practice does not have or a method it does not offer. */
function offeredService(practice: DoctorPractice, serviceId: string, method: ConsultationMethod) {
  const service = practice.services.find((s) => s.id === serviceId);
  if (!service) throw unavailable('serviceId', 'This doctor does not offer this service.');
  const methodFee = practice.methods.find((m) => m.method === method)?.fee;
  if (!service.methods.includes(method) || !methodFee) {
    throw unavailable('method', `This service is not offered by ${method.replace('_', ' ')}.`);
  }
  return { service, fee: service.feeOverride ?? methodFee };
}

/** What an earlier request already holding a seat pins (a retried Idempotency-Key), without re-checking the slot. */
export async function bookedServiceOf(
  db: Queryable,
  doctorId: string,
  serviceId: string,
  method: ConsultationMethod,
): Promise<BookedService> {
  const row = await readSearchRow(db, doctorId);
  if (!row) throw notBookable('This doctor is not taking bookings (not verified, suspended or offline).');
  const { service, fee } = offeredService(row.practice, serviceId, method);
  return { serviceName: service.name, durationMinutes: service.durationMinutes, fee };
}
