import { assertNever, conflict, ruleViolation } from '../shared/errors.js';
import type { AppointmentCommand } from './appointment.commands.js';
import type { AppointmentEvent, CancellationReason, CancelledBy } from './appointment.events.js';
import type { AppointmentState } from './appointment.state.js';

/** Pure: which events a command produces in a state, or a DomainError saying why not. */
export function decideAppointment(command: AppointmentCommand, state: AppointmentState): AppointmentEvent[] {
  switch (command.type) {
    case 'RequestAppointment': {
      if (state.status !== 'none') throw conflict('ALREADY_REQUESTED', 'This appointment has already been requested.');
      const { request, now } = command;
      if (Date.parse(request.startsAt) <= Date.parse(now)) {
        throw ruleViolation('STARTS_IN_PAST', 'The appointment must start in the future.');
      }
      const paymentDueAt = new Date(Date.parse(now) + command.paymentTimeoutMs).toISOString();
      return [
        {
          type: 'AppointmentRequested',
          data: { appointmentId: command.appointmentId, ...request, requestedAt: now, paymentDueAt },
        },
      ];
    }
    case 'CancelAppointment':
      assertCancellable(state);
      return [cancelled(state, command.cancellation.by, command.cancellation.reason, command.now)];
    case 'ExpirePayment':
      // A payment that settles at the same moment wins: only a still-pending booking expires.
      if (state.status !== 'pending_payment') return [];
      return [cancelled(state, 'system', 'payment_timeout', command.now)];
    default:
      return assertNever(command);
  }
}

export function assertCancellable(
  state: AppointmentState,
): asserts state is Extract<AppointmentState, { status: 'pending_payment' }> {
  if (state.status === 'none') throw conflict('INVALID_STATE', 'This appointment has not been requested yet.');
  if (state.status === 'cancelled') throw conflict('INVALID_STATE', 'This appointment is already cancelled.');
}

function cancelled(
  state: Extract<AppointmentState, { status: 'pending_payment' }>,
  by: CancelledBy,
  reason: CancellationReason,
  now: string,
): AppointmentEvent {
  return {
    type: 'AppointmentCancelled',
    data: { appointmentId: state.appointmentId, cancelledBy: by, reason, cancelledAt: now },
  };
}
