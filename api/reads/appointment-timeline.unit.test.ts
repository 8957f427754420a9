import { describe, expect, it } from 'vitest';
import { appointmentEventTypes, type AppointmentEvent } from '../../domain/index.js';
import type { JsonObject, RecordedEvent } from '../../eventstore/event-store.js';
import { anAppointment, eventsOf } from '../../tests/fixtures/appointment-events.js';
import { formatMoney, toEventResource, toTimelineEvent, withoutSealed } from './appointment-timeline.js';

const facts = anAppointment({ startsAt: '2026-11-25T09:00:00.000Z' });
const e = eventsOf(facts);
const SEALED = 'pii:v1:c2VhbGVkIHByZXNjcmlwdGlvbg==';

const recorded = (event: AppointmentEvent, revision: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
  type: event.type,
  data: event.data as unknown as JsonObject,
  metadata: {},
  streamId: `appointment-${facts.appointmentId}`,
  revision: BigInt(revision),
  position: BigInt(revision + 1),
  recordedAt: new Date('2026-11-22T10:00:00.000Z'),
});

/** One event of every type, in an order the lifecycle could produce. */
const EVERY_TYPE: AppointmentEvent[] = [
  e.requested(),
  e.paymentRequested(),
  e.paymentFailed(),
  e.paymentReceived(),
  e.confirmed(),
  e.reminderSent(),
  e.rescheduled('2026-11-26T09:00:00.000Z', 'doctor', 0),
  e.checkedIn(),
  e.consultationStarted(),
  e.prescriptionIssued(SEALED, 2),
  e.consultationEnded(),
  e.reviewReminderSent(),
  e.reviewSubmitted(4, SEALED),
  e.reviewWindowClosed(),
  e.cancelled('patient', { amountMinor: 75_000, currency: 'MZN' }),
  e.refundIssued({ amountMinor: 75_000, currency: 'MZN' }),
  e.noShow('doctor', facts.fee),
  e.refundFailed(facts.fee, 'doctor_no_show'),
];

describe('appointment timeline', () => {
  const timeline = EVERY_TYPE.map((event, revision) => toEventResource(toTimelineEvent(recorded(event, revision))));

  it('covers every event type the domain has', () => {
    expect(new Set(timeline.map((entry) => entry.type))).toEqual(new Set(appointmentEventTypes));
  });

  it('labels each event in plain words, with who acted and when it happened', () => {
    expect(timeline.map(({ type, label, actor, at }) => ({ type, label, actor, at }))).toEqual([
      {
        type: 'AppointmentRequested',
        label: 'Appointment requested: General consultation (30 min) (MZN 1,500.00)',
        actor: 'patient',
        at: '2026-11-23T09:00:00.000Z',
      },
      {
        type: 'PaymentRequested',
        label: 'Payment of MZN 1,500.00 requested',
        actor: 'system',
        at: '2026-11-23T09:00:01.000Z',
      },
      {
        type: 'PaymentFailed',
        label: 'Payment failed (card_declined)',
        actor: 'system',
        at: '2026-11-23T09:00:30.000Z',
      },
      {
        type: 'PaymentReceived',
        label: 'Payment of MZN 1,500.00 received',
        actor: 'system',
        at: '2026-11-23T09:01:00.000Z',
      },
      { type: 'AppointmentConfirmed', label: 'Appointment confirmed', actor: 'system', at: '2026-11-23T09:01:00.000Z' },
      { type: 'ReminderSent', label: 'Reminder sent (24 h before)', actor: 'system', at: '2026-11-24T09:00:00.000Z' },
      {
        type: 'AppointmentRescheduled',
        label: 'Rescheduled by the doctor',
        actor: 'doctor',
        at: '2026-11-23T10:00:00.000Z',
      },
      { type: 'PatientCheckedIn', label: 'Patient checked in', actor: 'patient', at: '2026-11-25T08:55:00.000Z' },
      { type: 'ConsultationStarted', label: 'Consultation started', actor: 'doctor', at: '2026-11-25T09:00:00.000Z' },
      {
        type: 'PrescriptionIssued',
        label: 'Prescription issued (2 medicines)',
        actor: 'doctor',
        at: '2026-11-25T09:31:00.000Z',
      },
      {
        type: 'ConsultationEnded',
        label: 'Consultation ended by the doctor',
        actor: 'doctor',
        at: '2026-11-25T09:30:00.000Z',
      },
      { type: 'ReviewReminderSent', label: 'Review reminder sent', actor: 'system', at: '2026-11-26T09:30:00.000Z' },
      {
        type: 'ReviewSubmitted',
        label: 'Review submitted: 4 stars with a comment',
        actor: 'patient',
        at: '2026-11-27T09:30:00.000Z',
      },
      { type: 'ReviewWindowClosed', label: 'Review window closed', actor: 'system', at: '2026-12-02T09:30:00.000Z' },
      {
        type: 'AppointmentCancelled',
        label: 'Cancelled by the patient (at the patient’s request); MZN 750.00 to be refunded',
        actor: 'patient',
        at: '2026-11-23T11:00:00.000Z',
      },
      {
        type: 'RefundIssued',
        label: 'Refund of MZN 750.00 issued (cancellation)',
        actor: 'system',
        at: '2026-11-23T12:00:00.000Z',
      },
      {
        type: 'NoShowRecorded',
        label: 'The doctor did not attend; MZN 1,500.00 to be refunded',
        actor: 'system',
        at: '2026-11-25T09:15:00.000Z',
      },
      {
        type: 'RefundFailed',
        label: 'Refund of MZN 1,500.00 refused by the payment provider: finance will follow up',
        actor: 'system',
        at: '2026-11-23T12:00:00.000Z',
      },
    ]);
  });

  it('never shows a sealed value, not even as ciphertext', () => {
    const text = JSON.stringify(timeline);
    expect(text).not.toContain('pii:v1:');
    expect(timeline.find((entry) => entry.type === 'PrescriptionIssued')?.data).toEqual({
      appointmentId: facts.appointmentId,
      prescriptionId: expect.any(String),
      medicineCount: 2,
      issuedAt: '2026-11-25T09:31:00.000Z',
    });
    expect(timeline.find((entry) => entry.type === 'ReviewSubmitted')?.data).not.toHaveProperty('sealedComment');
  });

  it('takes sealed values out wherever they sit, and keeps the rest', () => {
    expect(
      withoutSealed({ a: 1, nested: { note: SEALED, keep: 'x' }, list: [SEALED, 'y'], sealedThing: null }),
    ).toEqual({
      a: 1,
      nested: { keep: 'x' },
      list: ['y'],
    });
  });

  it('labels an event type it does not know by its type, as the system, when it was recorded', () => {
    const unknown = { ...recorded(e.requested(), 0), type: 'SomethingNew', data: { secret: SEALED } };
    expect(toEventResource(toTimelineEvent(unknown))).toMatchObject({
      label: 'SomethingNew',
      actor: 'system',
      at: '2026-11-22T10:00:00.000Z',
      data: {},
    });
  });

  it('writes amounts in the currency’s own minor unit', () => {
    expect(formatMoney({ amountMinor: 150_000, currency: 'MZN' })).toBe('MZN 1,500.00');
    expect(formatMoney({ amountMinor: 1_500, currency: 'JPY' })).toBe('JPY 1,500');
  });
});
