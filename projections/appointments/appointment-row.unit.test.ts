import { describe, expect, it } from 'vitest';
import type { AppointmentEvent } from '../../domain/index.js';
import { evolveAppointmentRow } from './appointment-row.js';

const requested: AppointmentEvent = {
  type: 'AppointmentRequested',
  data: {
    appointmentId: '44444444-4444-4444-8444-444444444444',
    patientId: '11111111-1111-4111-8111-111111111111',
    doctorId: '22222222-2222-4222-8222-222222222222',
    serviceId: '33333333-3333-4333-8333-333333333333',
    method: 'chat',
    startsAt: '2026-11-25T09:00:00.000Z',
    requestedAt: '2026-11-22T10:00:00.000Z',
    paymentDueAt: '2026-11-22T10:15:00.000Z',
  },
};
const cancelled: AppointmentEvent = {
  type: 'AppointmentCancelled',
  data: {
    appointmentId: requested.data.appointmentId,
    cancelledBy: 'system',
    reason: 'payment_timeout',
    cancelledAt: '2026-11-22T10:15:00.000Z',
  },
};

describe('appointments read model fold', () => {
  it('creates the row from the request and marks it cancelled later', () => {
    const row = evolveAppointmentRow(null, requested, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' });
    expect(row).toMatchObject({ status: 'pending_payment', method: 'chat', streamRevision: 0 });
    const after = evolveAppointmentRow(row, cancelled, { revision: 1, recordedAt: '2026-11-22T10:15:01.000Z' });
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancelReason: 'payment_timeout',
      streamRevision: 1,
    });
  });

  it('ignores an event the row already reflects (redelivery after a crash)', () => {
    const row = evolveAppointmentRow(null, requested, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' });
    const cancelledRow = evolveAppointmentRow(row, cancelled, { revision: 1, recordedAt: '2026-11-22T10:15:01.000Z' });
    expect(evolveAppointmentRow(cancelledRow, requested, { revision: 0, recordedAt: '2026-11-22T11:00:00.000Z' })).toBe(
      cancelledRow,
    );
  });

  it('does not invent a row from a cancellation it never saw requested', () => {
    expect(evolveAppointmentRow(null, cancelled, { revision: 1, recordedAt: '2026-11-22T10:15:01.000Z' })).toBeNull();
  });
});
