import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';
import type { Money } from '../shared/money.js';
import { actorRole, cancellationReason, consultationMethod } from './appointment.events.js';
import type { CancellationPolicy } from './cancellation-policy.js';

/** What a caller asks for; validated at the API edge. */
export const appointmentRequest = z.strictObject({
  patientId: uuid,
  doctorId: uuid,
  serviceId: uuid,
  method: consultationMethod,
  startsAt: instant,
});
export type AppointmentRequest = z.infer<typeof appointmentRequest>;

/** The request once the API has priced and reserved it: everything AppointmentRequested pins. */
export interface BookingTerms extends AppointmentRequest {
  readonly bookedBy: string;
  readonly serviceName: string;
  readonly endsAt: string;
  readonly fee: Money;
  readonly policy: CancellationPolicy;
}

export const cancelRequest = z.strictObject({
  by: actorRole.exclude(['system']),
  reason: cancellationReason.exclude(['payment_timeout']),
});
export type CancelRequest = z.infer<typeof cancelRequest>;

/** The new start; the length of the booked service is kept. */
export const rescheduleRequest = z.strictObject({
  by: actorRole.exclude(['system']),
  startsAt: instant,
});
export type RescheduleRequest = z.infer<typeof rescheduleRequest>;

/** A provider's verdict on a payment, as the webhook route parsed it. */
export const paymentOutcome = z.strictObject({
  paymentId: z.string().min(1).max(200),
  providerEventId: z.string().min(1).max(200),
  outcome: z.enum(['succeeded', 'failed']),
  amount: z.strictObject({ amountMinor: z.number().int().min(0), currency: z.string().length(3) }),
  failureCode: z.string().min(1).max(80).optional(),
});
export type PaymentOutcome = z.infer<typeof paymentOutcome>;

// Time arrives in every command (`now`): domain code never reads a clock.
type At = { readonly now: string };

export type AppointmentCommand =
  | ({ type: 'RequestAppointment'; appointmentId: string; terms: BookingTerms; paymentTimeoutMs: number } & At)
  | ({ type: 'RecordPaymentRequest'; paymentId: string; provider: string; amount: Money; checkoutUrl: string } & At)
  | ({ type: 'SettlePayment'; settlement: PaymentOutcome } & At)
  | ({ type: 'ConfirmWithoutPayment' } & At)
  | ({ type: 'ExpirePayment' } & At)
  | ({ type: 'SendReminder'; offsetMs: number } & At)
  | ({ type: 'RescheduleAppointment'; reschedule: RescheduleRequest } & At)
  | ({ type: 'CancelAppointment'; cancellation: CancelRequest } & At)
  | ({ type: 'RecordRefund'; refundId: string } & At)
  | ({ type: 'RecordRefundFailure'; failureCode: string } & At)
  | ({ type: 'CheckIn'; joinWindowMs: number } & At)
  | ({ type: 'AdmitPatient'; roomId: string; sessionGraceMs: number } & At)
  | ({ type: 'EndConsultation'; by: 'doctor' | 'system'; reviewWindowMs: number } & At)
  | ({ type: 'RecordNoShow' } & At)
  | ({ type: 'IssuePrescription'; prescriptionId: string; sealedPrescription: string; medicineCount: number } & At)
  | ({ type: 'SendReviewReminder' } & At)
  | ({ type: 'SubmitReview'; rating: number; sealedComment: string | null } & At)
  | ({ type: 'CloseReviewWindow' } & At);

export type AppointmentCommandType = AppointmentCommand['type'];
