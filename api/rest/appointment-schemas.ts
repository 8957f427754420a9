import { z } from 'zod';
import { appointmentRequest, cancelRequest } from '../../domain/index.js';

export const appointmentIdParams = z.strictObject({ id: z.uuid() });

/** patientId defaults to the caller; it may name one of their dependants. */
export const createAppointmentBody = appointmentRequest
  .omit({ patientId: true })
  .extend({ patientId: appointmentRequest.shape.patientId.optional() })
  .describe('A request for an appointment slot');
/** Who cancels is the caller (patient, doctor or admin), never a field of the body. */
export const cancelAppointmentBody = cancelRequest.omit({ by: true });

export const appointmentResource = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  doctorId: z.uuid(),
  serviceId: z.uuid(),
  method: z.string(),
  startsAt: z.string(),
  status: z.string(),
  requestedAt: z.string(),
  paymentDueAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  cancelReason: z.string().nullable(),
  updatedAt: z.string(),
});

export const commandResult = z.object({
  id: z.uuid(),
  status: z.string(),
  paymentDueAt: z.string().nullable(),
  links: z.object({ self: z.string(), events: z.string(), cancel: z.string() }),
});

export const listQuery = z.strictObject({
  first: z.coerce.number().int().min(1).max(200).default(50),
  status: z.string().max(40).optional(),
});

export const eventResource = z.object({
  id: z.uuid(),
  type: z.string(),
  revision: z.number(),
  recordedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
