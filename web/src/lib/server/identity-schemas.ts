/**
 * What the API's identity endpoints (auth, me, admin, dev outbox) may send back, validated at the
 * edge (STYLE.md §7). Unknown extra fields are stripped; roles the web app does not know yet are
 * dropped rather than failing the whole answer.
 */
import { z } from 'zod';
import { isRole, type Role } from '../roles';

const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const roles = z.array(z.string()).transform((values) => values.filter((value): value is Role => isRole(value)));

export const tokenPairSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string(),
  tokenType: z.string().optional(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const sessionAnswerSchema = z.object({ session: tokenPairSchema });

/** Login and OTP verification either open a session or ask for the second factor. */
export const loginAnswerSchema = z.union([
  z.object({ mfaRequired: z.literal(true), mfaToken: z.string().min(1) }),
  sessionAnswerSchema,
]);
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

export const registeredSchema = z.object({
  account: z.object({ id: z.string(), email: z.string(), roles }),
  session: tokenPairSchema,
});

export const otpRequestedSchema = z.object({ expiresInSeconds: z.number().int().nonnegative() });

export const authStatusSchema = z.object({
  accountId: z.string(),
  roles,
  mfa: z.boolean(),
  totpEnabled: z.boolean(),
  emailVerified: z.boolean(),
  mfaSetupRequired: z.boolean(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

export const totpSetupSchema = z.object({
  secret: z.string().min(1),
  otpauthUrl: z.string().min(1),
  qrCodeDataUrl: z.string().startsWith('data:image/'),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

export const totpEnabledSchema = z.object({ backupCodes: z.array(z.string()), session: tokenPairSchema });

const emergencyContactSchema = z.object({ name: nullableString, phone: nullableString, relationship: nullableString });

export const profileSchema = z.object({
  /** Bumped by every change; sent back as If-Match so two edits cannot silently overwrite each other. */
  revision: z.number().int().optional(),
  name: nullableString,
  dateOfBirth: nullableString,
  sex: nullableString,
  phone: nullableString,
  email: nullableString,
  preferredLanguage: nullableString,
  timeZone: nullableString,
  emergencyContact: emergencyContactSchema.nullish().transform((value) => value ?? null),
});
export type Profile = z.infer<typeof profileSchema>;

export const meSchema = z.object({
  account: z.object({
    id: z.string(),
    email: nullableString,
    phone: nullableString,
    roles,
    emailVerified: z.boolean(),
    totpEnabled: z.boolean(),
  }),
  profile: profileSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;

/** The API names the id `dependantId` (the contract said `id`); either is read. */
export const dependantSchema = z
  .object({
    id: z.string().optional(),
    dependantId: z.string().optional(),
    relationship: z.string(),
    name: nullableString,
    dateOfBirth: nullableString,
    sex: nullableString,
    /** Sent back as If-Match when editing, so two edits cannot silently overwrite each other. */
    revision: z.number().int().optional(),
  })
  .transform(({ id, dependantId, name, ...rest }) => ({
    id: dependantId ?? id ?? '',
    name: name ?? 'Unnamed',
    ...rest,
  }))
  .refine((dependant) => dependant.id !== '', 'a dependant needs an id');
export type Dependant = z.infer<typeof dependantSchema>;

/** A list arrives bare or wrapped as `{ items }`; both read the same. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.object({ items: z.array(item) }).transform((value) => value.items)]);

export const dependantsSchema = listOf(dependantSchema);

export const adminAccountSchema = z.object({
  id: z.string(),
  email: nullableString,
  roles,
  status: z.string(),
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;
export const adminAccountsSchema = listOf(adminAccountSchema);

export const outboxMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: nullableString,
  body: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxSchema = listOf(outboxMessageSchema);

/** 202 and 204 answers carry nothing we need. */
export const acceptedSchema = z.unknown().transform(() => true as const);
