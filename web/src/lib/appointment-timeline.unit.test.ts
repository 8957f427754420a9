import { describe, expect, it } from 'vitest';
import { timelineItems } from './appointment-timeline';

const event = (type: string, data: Record<string, unknown> = {}, extra: { label?: string; at?: string } = {}) => ({
  id: crypto.randomUUID(),
  type,
  recordedAt: '2026-11-22T10:00:01.000Z',
  data,
  ...extra,
});

describe('timelineItems', () => {
  it('describes the lifecycle’s events in words, with amounts in the viewer’s locale', () => {
    const items = timelineItems(
      [
        event('AppointmentRequested', { fee: { amountMinor: 4000, currency: 'EUR' } }),
        event('PaymentReceived', { amount: { amountMinor: 4000, currency: 'EUR' } }),
        event('AppointmentCancelled', {
          cancelledBy: 'patient',
          reason: 'scheduling_conflict',
          refundDue: { amountMinor: 2000, currency: 'EUR' },
        }),
        event('PrescriptionIssued', { medicineCount: 2 }),
        event('ReviewSubmitted', { rating: 4 }),
      ],
      'en-GB',
    );
    expect(items.map(({ title, detail, tone }) => ({ title, detail, tone }))).toEqual([
      { title: 'Booked', detail: 'Fee €40.00', tone: 'info' },
      { title: 'Payment received', detail: '€40.00', tone: 'ok' },
      { title: 'Cancelled', detail: 'By the patient · Scheduling conflict · refund due €20.00', tone: 'cancelled' },
      { title: 'Prescription issued', detail: '2 medicines', tone: 'ok' },
      { title: 'Review submitted', detail: '4 of 5 stars', tone: 'ok' },
    ]);
  });

  it('points at the new time of a move, and prefers when it happened over when it was recorded', () => {
    const [moved] = timelineItems(
      [
        event(
          'AppointmentRescheduled',
          { rescheduledBy: 'doctor', startsAt: '2026-12-02T09:00:00.000Z' },
          { at: '2026-11-22T10:00:00.000Z' },
        ),
      ],
      'en-GB',
    );
    expect(moved).toMatchObject({
      title: 'Moved to another time',
      detail: 'By the doctor',
      about: { label: 'New time', iso: '2026-12-02T09:00:00.000Z' },
      at: '2026-11-22T10:00:00.000Z',
    });
  });

  it('reads an event type it does not know by the API’s label, or by its name', () => {
    const items = timelineItems(
      [event('InsuranceClaimFiled', {}, { label: 'Claim filed with the insurer' }), event('SomethingHappened')],
      'en-GB',
    );
    expect(items.map((item) => item.title)).toEqual(['Claim filed with the insurer', 'Something happened']);
  });
});
