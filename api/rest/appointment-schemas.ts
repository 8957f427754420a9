import { z } from 'zod';
import {
  APPOINTMENT_STATUSES,
  appointmentRequest,
  cancelRequest,
  prescription,
  rescheduleRequest,
  reviewInput,
} from '../../domain/index.js';

export const appointmentIdParams = z.strictObject({ id: z.uuid() });

/** patientId defaults to the caller; it may name one of their dependants. */
export const createAppointmentBody = appointmentRequest
  .omit({ patientId: true })
  .extend({ patientId: appointmentRequest.shape.patientId.optional() })
  .describe('A request for an appointment slot');
/** Who cancels is the caller (patient, doctor or admin), never a field of the body. */
export const cancelAppointmentBody = cancelRequest.omit({ by: true });
/** The new start; the service's length is kept. Who moves it is the caller, as for cancelling. */
export const rescheduleAppointmentBody = rescheduleRequest.omit({ by: true });
/** Commands that need nothing but who sends them (check in, admit, end): `{}` or no body at all. */
export const emptyCommandBody = z.strictObject({}).optional();
/** Validated here, then sealed under the patient's key before it reaches the workflow. */
export const prescriptionBody = prescription;
export const reviewBody = reviewInput;

const nullableInstant = z.string().nullable();

/**
 * One appointment as its readers see it (the read model, api/reads/appointment-reads.ts). Amounts
 * are minor units of the fee's currency. patientName is null unless you are the patient's side or the appointment's doctor.
 */
export const appointmentResource = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  bookedBy: z.uuid(),
  doctorId: z.uuid(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  method: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  fee: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  policy: z.object({
    version: z.string(),
    fullRefundBeforeMs: z.number().int(),
    lateRefundPercent: z.number().int(),
    maxPatientReschedules: z.number().int(),
  }),
  status: z.string(),
  /** Nothing more will happen to it: no timer, no command, no money owed either way. */
  final: z.boolean(),
  /** The appointment stream's revision this reflects; appointmentStatusChanged pushes carry it too. */
  revision: z.number().int(),
  requestedAt: z.string(),
  paymentDueAt: nullableInstant,
  paymentId: z.string().nullable(),
  paymentStatus: z.enum(['requested', 'failed', 'received']).nullable(),
  paymentFailureCode: z.string().nullable(),
  checkoutUrl: z.string().nullable(),
  paidAmountMinor: z.number().int().nullable(),
  paidAt: nullableInstant,
  refundedAmountMinor: z.number().int(),
  refundOwedMinor: z.number().int().nullable(),
  confirmedAt: nullableInstant,
  remindersSent: z.number().int(),
  patientReschedules: z.number().int(),
  reschedulesLeft: z.number().int(),
  rescheduledAt: nullableInstant,
  checkInOpensAt: z.string(),
  checkedInAt: nullableInstant,
  consultationStartedAt: nullableInstant,
  consultationEndsBy: nullableInstant,
  consultationEndedAt: nullableInstant,
  consultationEndedBy: z.string().nullable(),
  noShowParty: z.enum(['patient', 'doctor']).nullable(),
  noShowAt: nullableInstant,
  cancelledAt: nullableInstant,
  cancelledBy: z.string().nullable(),
  cancelReason: z.string().nullable(),
  prescriptionId: z.uuid().nullable(),
  prescriptionIssuedAt: nullableInstant,
  medicineCount: z.number().int().nullable(),
  reviewRating: z.number().int().nullable(),
  reviewedAt: nullableInstant,
  reviewDueAt: nullableInstant,
  reviewReminderSentAt: nullableInstant,
  closedAt: nullableInstant,
  doctorName: z.string().nullable(),
  doctorTimeZone: z.string().nullable(),
  patientName: z.string().nullable(),
  updatedAt: z.string(),
});

const moneyOut = z.object({ amountMinor: z.number().int(), currency: z.string() });
const appointmentStatus = z.enum(APPOINTMENT_STATUSES);

/**
 * Where the caller can go from here: present only for what the appointment's status and the
 * caller's part in it allow (hints for the client; every command is authorised again).
 */
export const appointmentLinks = z.object({
  self: z.string(),
  events: z.string(),
  /** The checkout page, while payment is due. */
  pay: z.string().optional(),
  cancel: z.string().optional(),
  cancellationQuote: z.string().optional(),
  reschedule: z.string().optional(),
  checkIn: z.string().optional(),
  admit: z.string().optional(),
  room: z.string().optional(),
  end: z.string().optional(),
  prescription: z.string().optional(),
  review: z.string().optional(),
});
export type AppointmentLinks = z.infer<typeof appointmentLinks>;

/** What a booking answers: where to pay, or that there is nothing to pay. */
export const bookingResult = z.object({
  id: z.uuid(),
  status: appointmentStatus,
  paymentDueAt: z.string().nullable(),
  checkoutUrl: z.string().nullable(),
  fee: moneyOut,
  /** 'pay': go to checkoutUrl; 'confirmed': nothing to pay; null: the booking is over (a replayed key). */
  next: z.enum(['pay', 'confirmed']).nullable(),
  links: appointmentLinks,
});

/** Every command answers with the appointment's state right after it (the workflow's view). */
export const commandResult = z.object({
  id: z.uuid(),
  status: appointmentStatus,
  /** The appointment stream's revision the view reflects; reads catch up to it. */
  revision: z.number().int(),
  startsAt: z.string().nullable(),
  paymentDueAt: z.string().nullable(),
  checkoutUrl: z.string().nullable(),
  links: appointmentLinks,
});

export const prescriptionResult = commandResult.extend({ prescriptionId: z.uuid() });

export const cancellationQuoteResult = z.object({
  id: z.uuid(),
  status: appointmentStatus,
  /** The role the caller would cancel in: doctors and admins always refund in full. */
  by: z.enum(['patient', 'doctor', 'admin']),
  quotedAt: z.string(),
  /** Whether cancelling now would be accepted; `refusal` says why not. */
  cancellable: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  paid: moneyOut.nullable(),
  refund: z.object({
    tier: z.enum(['full', 'partial', 'none']),
    percent: z.number().int(),
    /** Null when nothing has been paid. */
    amount: moneyOut.nullable(),
  }),
  /** A patient who cancels before then gets everything back. */
  fullRefundUntil: z.string(),
  reschedulesLeft: z.number().int(),
  policy: z.object({
    version: z.string(),
    fullRefundBeforeMs: z.number().int(),
    lateRefundPercent: z.number().int(),
    maxPatientReschedules: z.number().int(),
  }),
  links: appointmentLinks,
});

/** The Video port's join descriptor, minted for the caller on each request. */
export const roomResult = z.object({
  provider: z.string(),
  roomId: z.string(),
  url: z.string(),
  /** Short-lived and personal: never stored or logged; fetch again to rejoin. */
  token: z.string(),
  expiresAt: z.string(),
  role: z.enum(['patient', 'doctor']),
});

export const listQuery = z.strictObject({
  first: z.coerce.number().int().min(1).max(200).default(50),
  status: z.string().max(40).optional(),
  /** The previous page's `pageInfo.endCursor`. */
  after: z.string().max(400).optional(),
});

export const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** One entry of an appointment's timeline; sealed values are never in `data`. */
export const eventResource = z.object({
  id: z.uuid(),
  type: z.string(),
  revision: z.number(),
  recordedAt: z.string(),
  /** What happened, in plain words ("Prescription issued (2 medicines)"). */
  label: z.string(),
  actor: z.enum(['patient', 'doctor', 'admin', 'system']),
  /** When it happened (recordedAt is when it was written down). */
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
