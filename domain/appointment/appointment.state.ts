import { assertNever } from '../shared/errors.js';
import type { AppointmentEvent, CancellationReason, CancelledBy, ConsultationMethod } from './appointment.events.js';

export type AppointmentStatus = AppointmentState['status'];

interface Booked {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly doctorId: string;
  readonly serviceId: string;
  readonly method: ConsultationMethod;
  readonly startsAt: string;
  readonly requestedAt: string;
  readonly paymentDueAt: string;
}

export type AppointmentState =
  | { readonly status: 'none' }
  | ({ readonly status: 'pending_payment' } & Booked)
  | ({
      readonly status: 'cancelled';
      readonly cancelledAt: string;
      readonly cancelledBy: CancelledBy;
      readonly reason: CancellationReason;
    } & Booked);

export const initialAppointmentState: AppointmentState = { status: 'none' };

export function evolveAppointment(state: AppointmentState, event: AppointmentEvent): AppointmentState {
  switch (event.type) {
    case 'AppointmentRequested':
      return { status: 'pending_payment', ...event.data };
    case 'AppointmentCancelled':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'cancelled',
        cancelledAt: event.data.cancelledAt,
        cancelledBy: event.data.cancelledBy,
        reason: event.data.reason,
      };
    default:
      return assertNever(event);
  }
}

/** States from which nothing more happens. */
export function isFinal(state: AppointmentState): boolean {
  return state.status === 'cancelled';
}
