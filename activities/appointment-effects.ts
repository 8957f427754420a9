/**
 * The side effects the appointment workflow asks for, as one contract. The workflow imports these
 * types only; createAppointmentEffects (activities/appointment-effects.impl.ts) builds them from
 * the ports (Payments, Notifications, Video) and PostgreSQL. Every effect is idempotent: its key
 * comes from the appointment id and the step, never from the run id, so a retry or a replay after
 * a worker crash never charges, refunds or notifies twice.
 */
import type { ConsultationMethod } from '../domain/index.js';
import type { Money } from '../domain/shared/money.js';
import type { PaymentCancellation } from './ports/payments.js';

export type { PaymentCancellation };

/** What an effect needs to know of an appointment: ids, instants and amounts, never personal data. */
export interface AppointmentFacts {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly bookedBy: string;
  readonly doctorId: string;
  readonly serviceName: string;
  readonly method: ConsultationMethod;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly fee: Money;
}

export type NotificationKind =
  | 'appointment_confirmed'
  | 'appointment_reminder'
  | 'appointment_rescheduled'
  | 'appointment_cancelled'
  | 'payment_failed'
  | 'no_show_recorded'
  | 'consultation_ended'
  | 'prescription_issued'
  | 'review_reminder'
  | 'refund_issued';

export interface NotifyInput {
  readonly kind: NotificationKind;
  readonly facts: AppointmentFacts;
  /** Stream revision of the event that caused it: with the appointment id, the de-duplication key. */
  readonly eventRevision: number;
  readonly previousStartsAt?: string;
  readonly refund?: Money;
  readonly noShowParty?: 'patient' | 'doctor';
  readonly cancelledBy?: 'patient' | 'doctor' | 'admin' | 'system';
}

export interface CreatePaymentInput {
  readonly appointmentId: string;
  readonly amount: Money;
}

export interface CreatedPayment {
  readonly paymentId: string;
  readonly provider: string;
  readonly checkoutUrl: string;
}

export interface RefundInput {
  readonly appointmentId: string;
  readonly paymentId: string;
  readonly amount: Money;
  /** Sent to the provider as its idempotency key. */
  readonly idempotencyKey: string;
}

export interface AppointmentEffects {
  /** Opens a checkout for the appointment (idempotent per appointment id). */
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /**
   * Closes an unpaid checkout so it can no longer be paid. A checkout paid just before answers
   * `captured` (the money was taken): the workflow records it and gives it back. Histories from
   * before this answer existed hold no result, which means `cancelled`.
   */
  cancelPayment(input: { readonly paymentId: string }): Promise<PaymentCancellation>;
  refundPayment(input: RefundInput): Promise<{ readonly refundId: string }>;
  /**
   * Moves the appointment's slot reservation to a new start atomically (under the doctor's booking
   * lock). Fails with a non-retryable ApplicationFailure of type SLOT_UNAVAILABLE (no seat left) or
   * DOCTOR_NOT_BOOKABLE, changing nothing. Idempotent: moving to where it already is succeeds.
   */
  moveSlot(input: { readonly appointmentId: string; readonly startsAt: string }): Promise<{ readonly endsAt: string }>;
  /** Provisions (or finds) the appointment's video room. */
  createRoom(input: { readonly appointmentId: string }): Promise<{ readonly roomId: string }>;
  notify(input: NotifyInput): Promise<void>;
}
