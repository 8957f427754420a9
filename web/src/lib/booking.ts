/**
 * The contract between the doctor page's `?/book` action and its slot picker: what is sent, what
 * comes back when the API refuses, and where the choice of service and method lives (the address).
 */
import { fieldFromPath } from './form-feedback';

export const bookingFields = ['serviceId', 'method', 'startsAt', 'patientId'] as const;
export type BookingField = (typeof bookingFields)[number];

export interface BookingFailure {
  ok: false;
  message: string;
  code: string | null;
  fieldErrors: Partial<Record<BookingField, string>>;
  otherDetails: string[];
  values: Record<BookingField, string>;
  /** Echoed so a retry after a timeout cannot book twice (the API dedupes on it). */
  idempotencyKey: string | null;
}

export const bookingFieldFromPath = (path: string) => fieldFromPath(path, bookingFields);
