import { describe, expect, it } from 'vitest';
import { appointmentLinks } from './appointment-links.js';

const ID = '5e7c1d3a-2b8f-4c6d-9e0a-1f2b3c4d5e01';
const actions = (links: Record<string, string | undefined>) =>
  Object.keys(links)
    .filter((key) => key !== 'self' && key !== 'events')
    .sort();

describe('links on an appointment answer', () => {
  it('offers the patient what they can do next in each status, and the doctor theirs', () => {
    const unpaid = { status: 'pending_payment' as const, checkoutUrl: 'https://pay.example/c/1' };
    expect(appointmentLinks(ID, unpaid, 'patient')).toMatchObject({
      self: `/api/v1/appointments/${ID}`,
      events: `/api/v1/appointments/${ID}/events`,
      pay: 'https://pay.example/c/1',
      cancel: `/api/v1/appointments/${ID}/cancel`,
    });
    expect(actions(appointmentLinks(ID, unpaid, 'doctor'))).toEqual(['cancel', 'cancellationQuote']);

    const waiting = { status: 'waiting' as const, checkoutUrl: null };
    expect(actions(appointmentLinks(ID, waiting, 'patient'))).toEqual(['cancel', 'cancellationQuote', 'checkIn']);
    expect(actions(appointmentLinks(ID, waiting, 'doctor'))).toEqual(['admit', 'cancel', 'cancellationQuote']);

    const live = { status: 'in_consultation' as const, checkoutUrl: null };
    expect(actions(appointmentLinks(ID, live, 'doctor'))).toEqual(['end', 'prescription', 'room']);
    expect(actions(appointmentLinks(ID, live, 'admin'))).toEqual([]);
    expect(actions(appointmentLinks(ID, { status: 'prescribed', checkoutUrl: null }, 'patient'))).toEqual(['review']);
  });

  it('offers nothing but reading once the appointment is over, or to a caller with no part in it', () => {
    expect(actions(appointmentLinks(ID, { status: 'refunded', checkoutUrl: null }, 'patient'))).toEqual([]);
    expect(actions(appointmentLinks(ID, { status: 'confirmed', checkoutUrl: null }, null))).toEqual([]);
  });
});
