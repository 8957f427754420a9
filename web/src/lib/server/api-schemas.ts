/**
 * What the Consulta API may send back, validated at the edge (STYLE.md §7). Unknown extra fields
 * are stripped, so nothing unexpected reaches the page by accident.
 */
import { z } from 'zod';

const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const appointmentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  doctorId: z.string(),
  serviceId: z.string(),
  method: z.string(),
  startsAt: z.string(),
  status: z.string(),
  requestedAt: nullableString,
  updatedAt: nullableString,
  paymentDueAt: nullableString,
  cancelledAt: nullableString,
  cancelReason: nullableString,
  /** Null unless the reader is the patient's side or the appointment's doctor. */
  patientName: nullableString,
});

export const appointmentsResponseSchema = z.object({
  data: z.object({ appointments: z.array(appointmentSchema) }),
});

export const graphqlErrorsSchema = z.object({
  errors: z
    .array(
      z.object({
        message: z.string(),
        extensions: z.object({ code: z.string().optional() }).loose().optional(),
      }),
    )
    .min(1),
});

export const cancelledAppointmentSchema = z.object({
  id: z.string(),
  status: z.string(),
});

const checkSchema = z.union([
  z.string(),
  z.boolean(),
  z.object({ status: z.string() }).loose(),
  z.object({ ok: z.boolean() }).loose(),
]);

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), checkSchema).default({}),
});

const detailSchema = z.object({
  path: z.union([z.string(), z.array(z.union([z.string(), z.number()])).transform((parts) => parts.join('.'))]),
  message: z.string(),
});

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(detailSchema).optional(),
  }),
});

export type HealthCheck = z.infer<typeof checkSchema>;

/** A check passes when it reports "ok"/"up", true, { status: "ok" } or { ok: true }. */
export function checkPassed(check: HealthCheck): boolean {
  if (typeof check === 'boolean') return check;
  if (typeof check === 'string') return check === 'ok' || check === 'up';
  if ('status' in check && typeof check.status === 'string') return check.status === 'ok' || check.status === 'up';
  return 'ok' in check && check.ok === true;
}
