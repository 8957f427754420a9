/** Request and response schemas of the doctor practice routes (responses too: nothing leaks by accident). */
import { z } from 'zod';
import { availabilitySettings } from '../../domain/availability/index.js';
import {
  blockReason,
  consultationMethods,
  methodFee,
  serviceDefinition,
  specializationId,
} from '../../domain/doctor/index.js';
import { instant } from '../../domain/index.js';

/** The stream revision after the change; send it back as `If-Match` to refuse lost updates. */
const revision = z.number().int().describe('Revision of the practice; send it as If-Match on the next change');

export const ifMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() }).passthrough();

/** Responses carry plain shapes: zod cannot encode through the input schemas' transforms (canonical tags). */
export const profileView = z.object({
  displayName: z.string(),
  practiceName: z.string(),
  bio: z.string(),
  specializationIds: z.array(z.string()),
  yearsOfExperience: z.number().int(),
  languages: z.array(z.string()),
  licence: z.object({ number: z.string(), issuingBody: z.string() }),
  education: z.array(z.object({ degree: z.string(), institution: z.string(), year: z.number().int().optional() })),
});
/** The profile's specializations by name; a retired one stays on the profile but cannot be added again. */
export const profileSpecialization = z.object({ id: specializationId, name: z.string(), retired: z.boolean() });
export const profileResponse = z.object({
  profile: profileView.nullable(),
  specializations: z.array(profileSpecialization),
  online: z.boolean(),
  revision,
});
export const onlineBody = z.strictObject({ online: z.boolean() });
export const onlineResponse = z.object({ online: z.boolean(), revision });

export const availabilityResponse = z.object({ availability: availabilitySettings.nullable(), revision });

const blockedTime = z.object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string(), reason: blockReason });
export const blockedTimesResponse = z.object({ items: z.array(blockedTime), revision });
export const blockedTimeResponse = blockedTime.extend({ revision });

/** Either a range of instants or a whole day on the doctor's wall clock (in their time zone). */
export const blockTimeBody = z.union([
  z
    .strictObject({ startsAt: instant, endsAt: instant, reason: blockReason.default('other') })
    .refine((b) => Date.parse(b.startsAt) < Date.parse(b.endsAt), {
      message: 'startsAt must be before endsAt',
      path: ['endsAt'],
    }),
  z.strictObject({
    date: z.iso.date().describe('A whole local day (YYYY-MM-DD) in the doctor’s time zone'),
    reason: blockReason.default('other'),
  }),
]);

export const methodsBody = z.strictObject({ methods: consultationMethods });
export const methodsResponse = z.object({ methods: z.array(methodFee), revision });

const service = serviceDefinition.extend({ id: z.uuid() });
export const servicesResponse = z.object({ items: z.array(service), revision });
export const serviceResponse = z.object({ service, revision });
export const serviceBody = serviceDefinition;

export const idParams = z.strictObject({ id: z.uuid() });

export const specialization = z.object({ id: specializationId, name: z.string() });
const specializationName = z.string().trim().min(2).max(80);
export const specializationBody = z.strictObject({ id: specializationId, name: specializationName });
export const specializationsResponse = z.object({ items: z.array(specialization) });

/** The catalog as admins manage it: retired entries too, and how many practices name each. */
export const catalogEntry = z.object({
  id: specializationId,
  name: z.string(),
  retired: z.boolean(),
  doctorCount: z.number().int(),
});
export const adminCatalogResponse = z.object({ items: z.array(catalogEntry) });
export const specializationParams = z.strictObject({ id: specializationId });
/** A rename, a retirement (true) or a restore (false), or both at once. */
export const specializationChangeBody = z
  .strictObject({ name: specializationName.optional(), retired: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.retired !== undefined, {
    message: 'Send a new name, retired (true or false), or both.',
  });
