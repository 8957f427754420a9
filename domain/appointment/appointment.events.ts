/**
 * Appointment events. Stored events never change shape: a new shape is a new version with an
 * upcaster in parseAppointmentEvent. Events carry ids and instants only, never personal data.
 */
import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';

export const consultationMethod = z.enum(['video', 'voice', 'chat', 'in_person']);
export type ConsultationMethod = z.infer<typeof consultationMethod>;

export const cancelledBy = z.enum(['patient', 'doctor', 'admin', 'system']);
export type CancelledBy = z.infer<typeof cancelledBy>;

/** Reason codes instead of free text: Temporal histories are stored and shown in plain text. */
export const cancellationReason = z.enum([
  'patient_request',
  'doctor_unavailable',
  'scheduling_conflict',
  'payment_timeout',
  'other',
]);
export type CancellationReason = z.infer<typeof cancellationReason>;

export const appointmentRequestedData = z.object({
  appointmentId: uuid,
  patientId: uuid,
  doctorId: uuid,
  serviceId: uuid,
  method: consultationMethod,
  startsAt: instant,
  requestedAt: instant,
  paymentDueAt: instant,
});

export const appointmentCancelledData = z.object({
  appointmentId: uuid,
  cancelledBy,
  reason: cancellationReason,
  cancelledAt: instant,
});

export type AppointmentRequested = { type: 'AppointmentRequested'; data: z.infer<typeof appointmentRequestedData> };
export type AppointmentCancelled = { type: 'AppointmentCancelled'; data: z.infer<typeof appointmentCancelledData> };
export type AppointmentEvent = AppointmentRequested | AppointmentCancelled;
export type AppointmentEventType = AppointmentEvent['type'];

const schemas = {
  AppointmentRequested: appointmentRequestedData,
  AppointmentCancelled: appointmentCancelledData,
} as const;

export function isAppointmentEventType(type: string): type is AppointmentEventType {
  return Object.hasOwn(schemas, type);
}

/** Parses a stored event back into the domain union; throws on a shape it does not know. */
export function parseAppointmentEvent(type: AppointmentEventType, data: unknown): AppointmentEvent {
  switch (type) {
    case 'AppointmentRequested':
      return { type, data: schemas.AppointmentRequested.parse(data) };
    case 'AppointmentCancelled':
      return { type, data: schemas.AppointmentCancelled.parse(data) };
  }
}
