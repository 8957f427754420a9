/**
 * What the API's doctor endpoints (practice, verification, documents, search) may send back,
 * validated at the edge (STYLE.md §7). Unknown extra fields are stripped.
 */
import { z } from 'zod';

const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;
export const methodFeeSchema = z.object({ method: z.string(), fee: moneySchema });
export type MethodFee = z.infer<typeof methodFeeSchema>;

const education = z.object({ degree: z.string(), institution: z.string(), year: z.number().int().optional() });
export const practiceProfileSchema = z.object({
  displayName: z.string(),
  practiceName: z.string(),
  bio: z.string(),
  specializationIds: z.array(z.string()),
  yearsOfExperience: z.number().int(),
  languages: z.array(z.string()),
  licence: z.object({ number: z.string(), issuingBody: z.string() }),
  education: z.array(education),
});
export type PracticeProfile = z.infer<typeof practiceProfileSchema>;

export const profileAnswerSchema = z.object({
  profile: practiceProfileSchema.nullable(),
  /** The profile's specializations by name; a retired one stays on the profile but cannot be added again. */
  specializations: z.array(z.object({ id: z.string(), name: z.string(), retired: z.boolean() })),
  online: z.boolean(),
  revision: z.number().int(),
});
export const onlineAnswerSchema = z.object({ online: z.boolean(), revision: z.number().int() });

const weeklyWindow = z.object({ weekday: z.string(), start: z.string(), end: z.string() });
export const availabilitySchema = z.object({
  timeZone: z.string(),
  weekly: z.array(weeklyWindow),
  slotLengthMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  minimumNoticeMinutes: z.number().int(),
  maxDaysAhead: z.number().int(),
});
export type Availability = z.infer<typeof availabilitySchema>;
export const availabilityAnswerSchema = z.object({
  availability: availabilitySchema.nullable(),
  revision: z.number().int(),
});

const blockedTime = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), reason: z.string() });
export type BlockedTime = z.infer<typeof blockedTime>;
export const blockedTimesSchema = z.object({ items: z.array(blockedTime), revision: z.number().int() });
export const blockedTimeAnswerSchema = blockedTime.extend({ revision: z.number().int() });

export const methodsAnswerSchema = z.object({ methods: z.array(methodFeeSchema), revision: z.number().int() });

export const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  durationMinutes: z.number().int(),
  methods: z.array(z.string()),
  feeOverride: moneySchema.optional(),
  seats: z.number().int().optional(),
});
export type Service = z.infer<typeof serviceSchema>;
export const servicesSchema = z.object({ items: z.array(serviceSchema), revision: z.number().int() });
export const serviceAnswerSchema = z.object({ service: serviceSchema, revision: z.number().int() });

export const specializationSchema = z.object({ id: z.string(), name: z.string() });
export type Specialization = z.infer<typeof specializationSchema>;
export const specializationsSchema = z.object({ items: z.array(specializationSchema) });
/** The catalog as admins see it: retired entries too, and how many practices name each. */
export const catalogEntrySchema = specializationSchema.extend({ retired: z.boolean(), doctorCount: z.number().int() });
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export const catalogSchema = z.object({ items: z.array(catalogEntrySchema) });
export const catalogChangeSchema = specializationSchema.extend({ retired: z.boolean() });

const timelineEntry = z.object({
  type: z.string(),
  at: z.string(),
  status: nullableString,
  reasonCode: nullableString,
  note: nullableString,
});
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const applicationSchema = z.object({
  status: z.string(),
  escalated: z.boolean(),
  missing: z.array(z.string()),
  timeline: z.array(timelineEntry),
});
export type Application = z.infer<typeof applicationSchema>;
export const applicationCommandSchema = z.object({
  doctorId: z.string(),
  status: z.string(),
  escalated: z.boolean(),
  waitingSince: nullableString,
});

export const queueItemSchema = z.object({
  doctorId: z.string(),
  displayName: z.string(),
  status: z.string(),
  submittedAt: z.string(),
  waitingSince: nullableString,
  escalated: z.boolean(),
  lastDecisionAt: nullableString,
  lastReasonCode: nullableString,
});
export type QueueItem = z.infer<typeof queueItemSchema>;
export const queueSchema = z.object({ items: z.array(queueItemSchema) });

export const documentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export type DoctorDocument = z.infer<typeof documentSchema>;
export const documentsSchema = z.object({ items: z.array(documentSchema) });

/** One application as an admin reviews it: the doctor's own view plus the practice profile and documents. */
export const applicationDetailSchema = applicationSchema.extend({
  doctorId: z.string(),
  profile: practiceProfileSchema.nullable(),
  documents: z.array(documentSchema),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;
export const fileLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });

export const doctorCardSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  practiceName: z.string(),
  specializations: z.array(specializationSchema),
  languages: z.array(z.string()),
  yearsOfExperience: z.number().int(),
  methods: z.array(methodFeeSchema),
  rating: z.number(),
  reviewCount: z.number().int(),
  timeZone: nullableString,
  nextAvailableAt: nullableString,
  /** Only when the search had a date: the first free slot within that day on the viewer's calendar. */
  firstSlotOnDay: nullableString,
  /** The API's address of the doctor's photo (lib/doctor-photo.ts maps it to this server's); null without one. */
  photoUrl: nullableString,
});
export type DoctorCard = z.infer<typeof doctorCardSchema>;
export const searchPageSchema = z.object({
  items: z.array(doctorCardSchema),
  pageInfo: z.object({
    endCursor: nullableString,
    hasNextPage: z.boolean(),
    /** Set when sort=next_available ranked only this many best matches out of more. */
    rankedAmong: z.number().int().nullable().default(null),
  }),
});
export type SearchPage = z.infer<typeof searchPageSchema>;

export const publicDoctorSchema = doctorCardSchema.extend({
  bio: z.string(),
  licence: z.object({ number: z.string(), issuingBody: z.string() }),
  education: z.array(education),
  services: z.array(serviceSchema),
  online: z.boolean(),
  /** The policy a booking made now pins: what the review step shows before confirming. */
  cancellationPolicy: z.object({
    version: z.string(),
    fullRefundBeforeMs: z.number().int(),
    lateRefundPercent: z.number().int(),
    maxPatientReschedules: z.number().int(),
  }),
});
export type PublicDoctor = z.infer<typeof publicDoctorSchema>;

const slot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  seatsLeft: z.number().int(),
  local: z.string().optional(),
  utcOffset: z.string().optional(),
});
export type Slot = z.infer<typeof slot>;
export const slotsSchema = z.object({
  doctorId: z.string(),
  serviceId: z.string(),
  method: nullableString,
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  slots: z.array(slot),
});
export type Slots = z.infer<typeof slotsSchema>;
