import { describe, expect, it } from 'vitest';
import type { Appointment } from './appointment';
import { countByStatus, upcoming } from './dashboard';

const anAppointment = (overrides: Partial<Appointment>): Appointment => ({
  id: crypto.randomUUID(),
  patientId: 'p',
  doctorId: 'd',
  serviceId: 's',
  method: 'video',
  startsAt: '2026-12-01T10:00:00.000Z',
  status: 'pending_payment',
  requestedAt: null,
  updatedAt: null,
  paymentDueAt: null,
  cancelledAt: null,
  cancelReason: null,
  patientName: null,
  ...overrides,
});

const now = new Date('2026-11-22T12:00:00.000Z');

describe('upcoming', () => {
  it('keeps future, active appointments, soonest first, up to the limit', () => {
    const later = anAppointment({ startsAt: '2026-12-05T10:00:00.000Z' });
    const sooner = anAppointment({ startsAt: '2026-11-23T10:00:00.000Z' });
    const past = anAppointment({ startsAt: '2026-11-20T10:00:00.000Z' });
    const cancelled = anAppointment({ status: 'cancelled' });
    const third = anAppointment({ startsAt: '2026-12-09T10:00:00.000Z' });
    expect(upcoming([later, past, cancelled, sooner, third], now, 2)).toEqual([sooner, later]);
  });
});

describe('countByStatus', () => {
  it('counts each status, most frequent first', () => {
    const list = [
      anAppointment({ status: 'cancelled' }),
      anAppointment({ status: 'pending_payment' }),
      anAppointment({ status: 'pending_payment' }),
      anAppointment({ status: 'confirmed' }),
    ];
    expect(countByStatus(list)).toEqual([
      { status: 'pending_payment', count: 2 },
      { status: 'cancelled', count: 1 },
      { status: 'confirmed', count: 1 },
    ]);
  });
});
