/**
 * Appointment events. Stored events never change shape: a new shape is a new version with an
 * upcaster in parseAppointmentEvent. Events carry ids, codes, amounts and instants; the only
 * personal content (prescription, review comment) travels sealed under the patient's data key,
 * so Temporal histories and the event store hold ciphertext and erasing the patient shreds it.
 */
import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';
import { money } from '../shared/money.js';
import { cancellationPolicy } from './cancellation-policy.js';

export const consultationMethod = z.enum(['video', 'voice', 'chat', 'in_person']);
export type ConsultationMethod = z.infer<typeof consultationMethod>;

/** Who acts on an appointment; `system` is a timer or a provider callback. */
export const actorRole = z.enum(['patient', 'doctor', 'admin', 'system']);
export type ActorRole = z.infer<typeof actorRole>;
export const cancelledBy = actorRole;
export type CancelledBy = ActorRole;

/** Reason codes instead of free text: Temporal histories are stored and shown in plain text. */
export const cancellationReason = z.enum([
  'patient_request',
  'doctor_unavailable',
  'scheduling_conflict',
  'payment_timeout',
  'other',
]);
export type CancellationReason = z.infer<typeof cancellationReason>;

export const refundReason = z.enum(['cancellation', 'doctor_no_show', 'late_payment']);
export type RefundReason = z.infer<typeof refundReason>;

/** A personal value sealed by eventstore/pii under the patient's key (opaque to the domain). */
export const sealedValue = z.string().min(1).max(100_000);

export const appointmentRequestedData = z.object({
  appointmentId: uuid,
  patientId: uuid,
  /** The account that booked: the patient, or the guardian booking for a dependant. */
  bookedBy: uuid,
  doctorId: uuid,
  serviceId: uuid,
  serviceName: z.string().min(1).max(120),
  method: consultationMethod,
  startsAt: instant,
  endsAt: instant,
  /** The price in force when booked; 0 means a free service, confirmed at once. */
  fee: money,
  /** The policy in force when booked: refunds are computed from this, not from today's rules. */
  policy: cancellationPolicy,
  requestedAt: instant,
  paymentDueAt: instant,
});

export const paymentRequestedData = z.object({
  appointmentId: uuid,
  paymentId: z.string().min(1).max(200),
  provider: z.string().min(1).max(40),
  amount: money,
  /** Where the patient pays (the provider's hosted page or the local test checkout). */
  checkoutUrl: z.string().min(1).max(2000),
  requestedAt: instant,
});

export const paymentFailedData = z.object({
  appointmentId: uuid,
  paymentId: z.string().min(1).max(200),
  /** Provider's code (card_declined …), never its free-text message. */
  failureCode: z.string().min(1).max(80),
  failedAt: instant,
});

export const paymentReceivedData = z.object({
  appointmentId: uuid,
  paymentId: z.string().min(1).max(200),
  providerEventId: z.string().min(1).max(200),
  amount: money,
  receivedAt: instant,
});

export const appointmentConfirmedData = z.object({
  appointmentId: uuid,
  /** null for a free service. */
  paymentId: z.string().min(1).max(200).nullable(),
  confirmedAt: instant,
});

export const reminderSentData = z.object({
  appointmentId: uuid,
  /** How long before the start it was due (24 h = 86400000). */
  offsetMs: z.number().int().positive(),
  /** The start it announced: a reminder after a reschedule names the new time. */
  startsAt: instant,
  sentAt: instant,
});

export const appointmentRescheduledData = z.object({
  appointmentId: uuid,
  rescheduledBy: actorRole.exclude(['system']),
  previousStartsAt: instant,
  startsAt: instant,
  endsAt: instant,
  /** Patient reschedules so far, this one included: the policy caps it. */
  patientReschedules: z.number().int().min(0),
  rescheduledAt: instant,
});

export const appointmentCancelledData = z.object({
  appointmentId: uuid,
  cancelledBy,
  reason: cancellationReason,
  /** What the policy grants back; null when nothing was paid. */
  refundDue: money.nullable(),
  cancelledAt: instant,
});

export const refundIssuedData = z.object({
  appointmentId: uuid,
  paymentId: z.string().min(1).max(200),
  refundId: z.string().min(1).max(200),
  amount: money,
  reason: refundReason,
  refundedAt: instant,
});

/** The provider refused a refund for good (already refunded elsewhere, over the amount): finance settles it by hand. */
export const refundFailedData = z.object({
  appointmentId: uuid,
  paymentId: z.string().min(1).max(200),
  amount: money,
  reason: refundReason,
  failureCode: z.string().min(1).max(80),
  failedAt: instant,
});

export const patientCheckedInData = z.object({ appointmentId: uuid, checkedInAt: instant });

export const consultationStartedData = z.object({
  appointmentId: uuid,
  /** The Video port's room id; the join descriptor itself is minted per person on demand. */
  roomId: z.string().min(1).max(200),
  startedAt: instant,
  /** When the session timer ends it unless the doctor ends it first. */
  endsBy: instant,
});

export const consultationEndedData = z.object({
  appointmentId: uuid,
  endedBy: z.enum(['doctor', 'system']),
  endedAt: instant,
  /** Reviews are accepted until then. */
  reviewDueAt: instant,
});

export const noShowRecordedData = z.object({
  appointmentId: uuid,
  party: z.enum(['patient', 'doctor']),
  /** A doctor no-show refunds in full. */
  refundDue: money.nullable(),
  recordedAt: instant,
});

export const prescriptionIssuedData = z.object({
  appointmentId: uuid,
  prescriptionId: uuid,
  /** The Prescription (see prescription.ts), sealed under the patient's key. */
  sealedPrescription: sealedValue,
  medicineCount: z.number().int().min(1).max(50),
  issuedAt: instant,
});

export const reviewReminderSentData = z.object({ appointmentId: uuid, sentAt: instant });

export const reviewSubmittedData = z.object({
  appointmentId: uuid,
  doctorId: uuid,
  rating: z.number().int().min(1).max(5),
  /** The comment sealed under the patient's key; null when none was written. */
  sealedComment: sealedValue.nullable(),
  submittedAt: instant,
});

export const reviewWindowClosedData = z.object({ appointmentId: uuid, closedAt: instant });

const schemas = {
  AppointmentRequested: appointmentRequestedData,
  PaymentRequested: paymentRequestedData,
  PaymentFailed: paymentFailedData,
  PaymentReceived: paymentReceivedData,
  AppointmentConfirmed: appointmentConfirmedData,
  ReminderSent: reminderSentData,
  AppointmentRescheduled: appointmentRescheduledData,
  AppointmentCancelled: appointmentCancelledData,
  RefundIssued: refundIssuedData,
  RefundFailed: refundFailedData,
  PatientCheckedIn: patientCheckedInData,
  ConsultationStarted: consultationStartedData,
  ConsultationEnded: consultationEndedData,
  NoShowRecorded: noShowRecordedData,
  PrescriptionIssued: prescriptionIssuedData,
  ReviewReminderSent: reviewReminderSentData,
  ReviewSubmitted: reviewSubmittedData,
  ReviewWindowClosed: reviewWindowClosedData,
} as const;

type Schemas = typeof schemas;
export type AppointmentEventType = keyof Schemas;
/** The union of every appointment event, `{ type, data }`, derived from the schemas above. */
export type AppointmentEvent = {
  [K in AppointmentEventType]: { readonly type: K; readonly data: z.infer<Schemas[K]> };
}[AppointmentEventType];
export type AppointmentEventOf<K extends AppointmentEventType> = Extract<AppointmentEvent, { type: K }>;

export const appointmentEventTypes = Object.keys(schemas) as AppointmentEventType[];

export function isAppointmentEventType(type: string): type is AppointmentEventType {
  return Object.hasOwn(schemas, type);
}

/** Parses a stored event back into the domain union; throws on a shape it does not know. */
export function parseAppointmentEvent(type: AppointmentEventType, data: unknown): AppointmentEvent {
  return { type, data: schemas[type].parse(data) } as AppointmentEvent;
}
