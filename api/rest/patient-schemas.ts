import { z } from 'zod';
import { dependantChanges, newDependant, profileChanges } from '../../domain/index.js';

export const patientIdParams = z.strictObject({ id: z.uuid() });
export const dependantIdParams = patientIdParams;

/** PATCH /me: a partial profile; absent fields stay, null clears one, unknown fields are refused. */
export const profilePatchBody = profileChanges
  .refine((changes) => Object.keys(changes).length > 0, 'send at least one field to change')
  .describe('Profile fields to change');

export const newDependantBody = newDependant.describe('A dependant to register in your care');

/** PATCH /me/dependants/:id: the fields of registering, each optional; at least one. */
export const dependantPatchBody = dependantChanges
  .refine((changes) => Object.keys(changes).length > 0, 'send at least one field to change')
  .describe('Dependant fields to change');

export const ifMatchHeaders = z
  .object({
    'if-match': z
      .string()
      .regex(/^(?:W\/)?"?\d+"?$/, 'must be the profile revision you read, e.g. "3"')
      .optional(),
  })
  .passthrough();
export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough();

export const revisionFromIfMatch = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value.replace(/\D/g, ''));

const profileFields = {
  name: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  sex: z.enum(['female', 'male', 'intersex', 'unknown']).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  timeZone: z.string().nullable(),
  emergencyContact: z.object({ name: z.string(), phone: z.string(), relationship: z.string() }).nullable(),
  revision: z.number().int(),
  updatedAt: z.string(),
};

export const profileResource = z.object({
  patientId: z.uuid(),
  guardianId: z.uuid().nullable(),
  relationship: z.string().nullable(),
  ...profileFields,
});

export const dependantResource = z.object({
  dependantId: z.uuid(),
  guardianId: z.uuid(),
  relationship: z.string(),
  ...profileFields,
});

export const accountResource = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  emailVerified: z.boolean(),
  totpEnabled: z.boolean(),
});

export const meResource = z.object({ account: accountResource, profile: profileResource.nullable() });

export const erasureResult = z.object({ patientId: z.uuid(), erasedAt: z.string() });
