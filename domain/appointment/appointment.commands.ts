import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';
import { cancellationReason, cancelledBy, consultationMethod } from './appointment.events.js';

/** What a caller asks for; validated at the API edge and again by the workflow's Update validator. */
export const appointmentRequest = z.strictObject({
  patientId: uuid,
  doctorId: uuid,
  serviceId: uuid,
  method: consultationMethod,
  startsAt: instant,
});
export type AppointmentRequest = z.infer<typeof appointmentRequest>;

export const cancelRequest = z.strictObject({
  by: cancelledBy.exclude(['system']),
  reason: cancellationReason.exclude(['payment_timeout']),
});
export type CancelRequest = z.infer<typeof cancelRequest>;

// Time arrives in every command (`now`): domain code never reads a clock.
export type RequestAppointment = {
  type: 'RequestAppointment';
  appointmentId: string;
  request: AppointmentRequest;
  paymentTimeoutMs: number;
  now: string;
};
export type CancelAppointment = { type: 'CancelAppointment'; cancellation: CancelRequest; now: string };
export type ExpirePayment = { type: 'ExpirePayment'; now: string };

export type AppointmentCommand = RequestAppointment | CancelAppointment | ExpirePayment;
