import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  decideAppointment,
  evolveAppointment,
  initialAppointmentState,
  type AppointmentCommand,
  type AppointmentEvent,
  type AppointmentState,
} from './index.js';

const NOW = '2026-11-22T10:00:00.000Z';
const request = {
  patientId: '11111111-1111-4111-8111-111111111111',
  doctorId: '22222222-2222-4222-8222-222222222222',
  serviceId: '33333333-3333-4333-8333-333333333333',
  method: 'video' as const,
  startsAt: '2026-11-25T09:00:00.000Z',
};
const requestCommand: AppointmentCommand = {
  type: 'RequestAppointment',
  appointmentId: '44444444-4444-4444-8444-444444444444',
  request,
  paymentTimeoutMs: 15 * 60_000,
  now: NOW,
};

/** given events → when command → then events (or a refusal). */
function given(...commands: AppointmentCommand[]): AppointmentState {
  return commands.reduce<AppointmentState>(
    (state, command) => decideAppointment(command, state).reduce(evolveAppointment, state),
    initialAppointmentState,
  );
}

describe('appointment decider', () => {
  it('records a request with the payment deadline computed from the time passed in', () => {
    const events = decideAppointment(requestCommand, initialAppointmentState);
    expect(events).toEqual<AppointmentEvent[]>([
      {
        type: 'AppointmentRequested',
        data: {
          appointmentId: requestCommand.appointmentId,
          ...request,
          requestedAt: NOW,
          paymentDueAt: '2026-11-22T10:15:00.000Z',
        },
      },
    ]);
    expect(given(requestCommand).status).toBe('pending_payment');
  });

  it('refuses a slot that starts in the past', () => {
    const past = { ...requestCommand, request: { ...request, startsAt: '2026-11-22T09:59:59.000Z' } };
    expect(() => decideAppointment(past, initialAppointmentState)).toThrow(
      expect.objectContaining({ code: 'STARTS_IN_PAST' }),
    );
  });

  it('refuses a second request for the same appointment', () => {
    expect(() => decideAppointment(requestCommand, given(requestCommand))).toThrow(DomainError);
  });

  it('cancels a pending appointment, recording who and why', () => {
    const cancel: AppointmentCommand = {
      type: 'CancelAppointment',
      cancellation: { by: 'doctor', reason: 'doctor_unavailable' },
      now: NOW,
    };
    const state = given(requestCommand, cancel);
    expect(state).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'doctor',
      reason: 'doctor_unavailable',
      cancelledAt: NOW,
    });
  });

  it('refuses to cancel twice', () => {
    const cancel: AppointmentCommand = {
      type: 'CancelAppointment',
      cancellation: { by: 'patient', reason: 'other' },
      now: NOW,
    };
    expect(() => decideAppointment(cancel, given(requestCommand, cancel))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', kind: 'conflict' }),
    );
  });

  it('expires an unpaid booking as a system cancellation, and does nothing once it is settled', () => {
    const expire: AppointmentCommand = { type: 'ExpirePayment', now: '2026-11-22T10:15:00.000Z' };
    expect(given(requestCommand, expire)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      reason: 'payment_timeout',
    });
    const cancel: AppointmentCommand = {
      type: 'CancelAppointment',
      cancellation: { by: 'patient', reason: 'other' },
      now: NOW,
    };
    expect(decideAppointment(expire, given(requestCommand, cancel))).toEqual([]);
  });
});
