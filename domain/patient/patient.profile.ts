/**
 * A patient's profile fields: how they look at the edge (strict, for commands) and the shape they
 * are folded into. Every field is personal data: events carry them encrypted (eventstore/pii) and
 * they read back as null once the person's key is destroyed.
 */
import { z } from 'zod';
import { emailAddress, phoneNumber } from '../identity/contact.js';

export const personName = z.string().trim().min(1).max(200);

/** A calendar date, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const calendarDate = z.iso.date();

export const sex = z.enum(['female', 'male', 'intersex', 'unknown']);
export type Sex = z.infer<typeof sex>;

/** A BCP 47 language tag, stored in its canonical form (en-us → en-US). */
export const languageTag = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // RangeError: not a well-formed tag; reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag, e.g. en-GB or pt-BR' });
    return z.NEVER;
  });

/** An IANA time zone the runtime knows, stored as the runtime spells it (europe/paris → Europe/Paris). */
export const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((zone, ctx) => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone, e.g. Europe/Lisbon' });
      return z.NEVER;
    }
  });

export const emergencyContact = z.strictObject({
  name: personName,
  phone: phoneNumber,
  relationship: z.string().trim().min(1).max(50),
});
export type EmergencyContact = z.infer<typeof emergencyContact>;

export const dependantRelationship = z.enum(['child', 'parent', 'spouse', 'other']);
export type DependantRelationship = z.infer<typeof dependantRelationship>;

/** Every field a profile has; null where unknown, cleared or erased. */
export interface PatientProfile {
  readonly name: string | null;
  readonly dateOfBirth: string | null;
  readonly sex: Sex | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly preferredLanguage: string | null;
  readonly timeZone: string | null;
  readonly emergencyContact: EmergencyContact | null;
}
export type ProfileField = keyof PatientProfile;

export const PROFILE_FIELDS = [
  'name',
  'dateOfBirth',
  'sex',
  'phone',
  'email',
  'preferredLanguage',
  'timeZone',
  'emergencyContact',
] as const satisfies readonly ProfileField[];

export const emptyProfile: PatientProfile = {
  name: null,
  dateOfBirth: null,
  sex: null,
  phone: null,
  email: null,
  preferredLanguage: null,
  timeZone: null,
  emergencyContact: null,
};

/** A partial update as a caller sends it: absent leaves a field alone, null clears it. */
export const profileChanges = z.strictObject({
  name: personName.nullable().optional(),
  dateOfBirth: calendarDate.nullable().optional(),
  sex: sex.nullable().optional(),
  phone: phoneNumber.nullable().optional(),
  email: emailAddress.nullable().optional(),
  preferredLanguage: languageTag.nullable().optional(),
  timeZone: timeZone.nullable().optional(),
  emergencyContact: emergencyContact.nullable().optional(),
});
export type ProfileChanges = { -readonly [K in ProfileField]?: PatientProfile[K] };

/** A dependant's details when registered: a name is needed to tell dependants apart. */
export const newDependant = profileChanges.extend({
  relationship: dependantRelationship,
  name: personName,
});

/** A change to a dependant's details: the fields of registering, each optional; the name may change, never go. */
export const dependantChanges = profileChanges.extend({
  relationship: dependantRelationship.optional(),
  name: personName.optional(),
});
