/** The parts of a doctor's practice, as validated at the edge and stored in events. */
import { z } from 'zod';
import { consultationMethod } from '../appointment/appointment.events.js';
import { money } from '../shared/money.js';

export { consultationMethod, type ConsultationMethod } from '../appointment/appointment.events.js';

/** Catalog ids are slugs ("cardiology"), chosen by admins, never renamed. */
export const specializationId = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, 'must be a lower-case slug');

/** A BCP 47 language tag, stored in canonical form ("pt-br" → "pt-BR"). */
export const languageTag = z
  .string()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as pt-MZ' });
    return z.NEVER;
  });

const text = (max: number) => z.string().trim().min(1).max(max);

export const practiceProfile = z.strictObject({
  /** How patients see the doctor ("Dr. Ana Macuácua"); there is no separate identity profile for doctors. */
  displayName: text(120),
  practiceName: text(160),
  bio: z.string().trim().max(4000),
  specializationIds: z
    .array(specializationId)
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a specialization' }),
  yearsOfExperience: z.number().int().min(0).max(80),
  languages: z
    .array(languageTag)
    .min(1)
    .max(20)
    .refine((tags) => new Set(tags).size === tags.length, { message: 'must not repeat a language' }),
  licence: z.strictObject({ number: text(64), issuingBody: text(160) }),
  education: z
    .array(
      z.strictObject({
        degree: text(160),
        institution: text(160),
        year: z.number().int().min(1940).max(2100).optional(),
      }),
    )
    .max(20),
});
export type PracticeProfile = z.infer<typeof practiceProfile>;

export const methodFee = z.strictObject({ method: consultationMethod, fee: money });
export type MethodFee = z.infer<typeof methodFee>;

export const consultationMethods = z
  .array(methodFee)
  .min(1)
  .max(4)
  .refine((list) => new Set(list.map((m) => m.method)).size === list.length, {
    message: 'must list each method once',
  });

export const serviceDefinition = z.strictObject({
  name: text(120),
  durationMinutes: z.number().int().min(5).max(480),
  methods: z
    .array(consultationMethod)
    .min(1)
    .max(4)
    .refine((list) => new Set(list).size === list.length, { message: 'must list each method once' }),
  /** Replaces the method's fee for this service when set. */
  feeOverride: money.optional(),
  /** Patients per slot (group sessions); 1 when omitted. */
  seats: z.number().int().min(1).max(50).optional(),
});
export type ServiceDefinition = z.infer<typeof serviceDefinition>;
export type PracticeService = ServiceDefinition & { readonly id: string };

export const blockReason = z.enum(['vacation', 'conference', 'sick_leave', 'personal', 'other']);
export type BlockReason = z.infer<typeof blockReason>;
