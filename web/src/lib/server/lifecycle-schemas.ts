/**
 * What the API's booking-lifecycle endpoints may send back (appointment detail, timeline, refund
 * quote, room, prescription, dashboards, reviews), validated at the edge (STYLE.md §7). Fields the
 * pages can live without are optional, so an older API still renders; unknown fields are stripped.
 */
import { z } from 'zod';

const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

/** The cancellation and reschedule policy pinned when the appointment was booked. */
export const policySchema = z.object({
  version: z.string().optional(),
  fullRefundBeforeMs: z.number().int().min(0),
  lateRefundPercent: z.number().int().min(0).max(100),
  maxPatientReschedules: z.number().int().min(0),
});
export type Policy = z.infer<typeof policySchema>;

const nullableInt = z
  .number()
  .int()
  .nullish()
  .transform((value) => value ?? null);

/** One appointment as the API's read model shows it to this viewer (api/rest/appointment-schemas.ts). */
export const appointmentDetailSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  bookedBy: nullableString,
  doctorId: z.string(),
  serviceId: z.string(),
  serviceName: nullableString,
  method: z.string(),
  startsAt: z.string(),
  endsAt: nullableString,
  status: z.string(),
  /** Nothing more will happen to it. */
  final: z.boolean().default(false),
  revision: nullableInt,
  requestedAt: nullableString,
  updatedAt: nullableString,
  paymentDueAt: nullableString,
  paymentStatus: nullableString,
  paymentFailureCode: nullableString,
  checkoutUrl: nullableString,
  fee: moneySchema.nullish().transform((value) => value ?? null),
  policy: policySchema.nullish().transform((value) => value ?? null),
  patientReschedules: nullableInt,
  reschedulesLeft: nullableInt,
  checkInOpensAt: nullableString,
  checkedInAt: nullableString,
  consultationStartedAt: nullableString,
  consultationEndedAt: nullableString,
  noShowParty: nullableString,
  reviewDueAt: nullableString,
  prescriptionIssuedAt: nullableString,
  medicineCount: nullableInt,
  reviewRating: nullableInt,
  cancelledAt: nullableString,
  cancelledBy: nullableString,
  cancelReason: nullableString,
  doctorName: nullableString,
  patientName: nullableString,
  doctorTimeZone: nullableString,
});
export type AppointmentDetail = z.infer<typeof appointmentDetailSchema>;

export const bookedSchema = z.object({
  id: z.string(),
  status: z.string(),
  paymentDueAt: nullableString,
  checkoutUrl: nullableString,
  fee: moneySchema.nullish().transform((value) => value ?? null),
  /** 'pay': go to checkoutUrl; 'confirmed': nothing to pay. Absent from an older API: decided by status. */
  next: z
    .enum(['pay', 'confirmed'])
    .nullish()
    .transform((value) => value ?? null),
});
export type Booked = z.infer<typeof bookedSchema>;

/** Every command answers with the appointment's new state (the workflow's view). */
export const commandAnswerSchema = z.object({
  id: z.string(),
  status: z.string(),
  revision: nullableInt,
  startsAt: nullableString,
  paymentDueAt: nullableString,
});
export type CommandAnswer = z.infer<typeof commandAnswerSchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  revision: z.number(),
  recordedAt: z.string(),
  /** The API's own words for it, used for event types this app does not know. */
  label: nullableString,
  actor: nullableString,
  /** When it happened (recordedAt is when it was written down). */
  at: nullableString,
  data: z.record(z.string(), z.unknown()).default({}),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelineSchema = z.object({ items: z.array(timelineEventSchema) });

export const refundQuoteSchema = z.object({
  /** Whether cancelling now would be accepted; `refusal` says why not. */
  cancellable: z.boolean().default(true),
  refusal: z
    .object({ code: z.string(), message: z.string() })
    .nullish()
    .transform((value) => value ?? null),
  paid: moneySchema.nullish().transform((value) => value ?? null),
  refund: z.object({
    tier: z.enum(['full', 'partial', 'none']),
    percent: z.number(),
    /** Null when nothing has been paid yet. */
    amount: moneySchema.nullish().transform((value) => value ?? null),
  }),
  /** A patient who cancels before then gets everything back. */
  fullRefundUntil: nullableString,
  reschedulesLeft: nullableInt,
});
export type RefundQuote = z.infer<typeof refundQuoteSchema>;

export const roomSchema = z.object({
  provider: z.string(),
  roomId: z.string(),
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  role: nullableString,
});
export type Room = z.infer<typeof roomSchema>;

export const prescribedMedicineSchema = z.object({
  medicine: z.string(),
  dose: z.string(),
  route: z.string(),
  frequency: z.string(),
  duration: z.string(),
  notes: nullableString,
});
export type PrescribedMedicine = z.infer<typeof prescribedMedicineSchema>;

export const prescriptionSchema = z.object({
  prescriptionId: nullableString,
  issuedAt: nullableString,
  /** The patient's personal data was erased: medicines and notes can no longer be read. */
  erased: z.boolean().default(false),
  medicines: z.array(prescribedMedicineSchema),
  notes: nullableString,
});
export type PrescriptionView = z.infer<typeof prescriptionSchema>;

/** Dashboards list whole appointments, names included. */
export const dashboardItemSchema = appointmentDetailSchema;
export type DashboardItem = AppointmentDetail;

const items = z.array(dashboardItemSchema).default([]);
export const patientDashboardSchema = z.object({
  role: z.literal('patient'),
  /** Ahead or in progress, soonest first. */
  upcoming: items,
  /** Over, newest first. */
  past: items,
  pageInfo: z
    .object({ endCursor: nullableString, hasNextPage: z.boolean() })
    .default({ endCursor: null, hasNextPage: false }),
});
export type PatientDashboard = z.infer<typeof patientDashboardSchema>;

export const doctorDashboardSchema = z.object({
  role: z.literal('doctor'),
  /** The doctor's availability zone (UTC without one), and today's date there. */
  timeZone: z.string(),
  date: nullableString,
  today: items,
  waiting: items,
  inConsultation: items,
  upcoming: items,
  awaitingPrescription: items.default([]),
});
export type DoctorDashboard = z.infer<typeof doctorDashboardSchema>;

export const reviewSchema = z.object({
  author: z.string(),
  rating: z.number().int(),
  comment: nullableString,
  submittedAt: z.string(),
});
export type DoctorReview = z.infer<typeof reviewSchema>;
export const reviewsSchema = z.object({
  rating: z.number(),
  reviewCount: z.number().int(),
  items: z.array(reviewSchema),
  pageInfo: z
    .object({ endCursor: nullableString, hasNextPage: z.boolean() })
    .default({ endCursor: null, hasNextPage: false }),
});

export const statusChangeSchema = z.object({
  id: z.string(),
  status: z.string(),
  revision: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? null),
  updatedAt: nullableString,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;
