import { describe, expect, it } from 'vitest';
import {
  evolveAppointment,
  initialAppointmentState,
  isFinal,
  type AppointmentEvent,
  type AppointmentState,
} from '../../domain/index.js';
import { anAppointment, eventsOf } from '../../tests/fixtures/appointment-events.js';
import { evolveAppointmentRow, type AppointmentRow } from './appointment-row.js';

const facts = anAppointment({
  appointmentId: '44444444-4444-4444-8444-444444444444',
  patientId: '11111111-1111-4111-8111-111111111111',
  bookedBy: '11111111-1111-4111-8111-111111111111',
  doctorId: '22222222-2222-4222-8222-222222222222',
  serviceId: '33333333-3333-4333-8333-333333333333',
  startsAt: '2026-11-25T09:00:00.000Z',
});
const e = eventsOf(facts);
const SEALED = 'pii:v1:AAAA';

/** Folds a history through the row and the domain together, one revision per event. */
function fold(events: readonly AppointmentEvent[]): Array<{ row: AppointmentRow | null; state: AppointmentState }> {
  let row: AppointmentRow | null = null;
  let state = initialAppointmentState;
  return events.map((event, revision) => {
    row = evolveAppointmentRow(row, event, { revision, recordedAt: `2026-11-22T10:00:0${revision % 10}.000Z` });
    state = evolveAppointment(state, event);
    return { row, state };
  });
}

const HISTORIES: Record<string, AppointmentEvent[]> = {
  'paid, reminded, consulted, prescribed during the call, reviewed': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.reminderSent(),
    e.reminderSent(3_600_000),
    e.checkedIn(),
    e.consultationStarted(),
    e.prescriptionIssued(SEALED, 2),
    e.consultationEnded(),
    e.reviewReminderSent(),
    e.reviewSubmitted(4, SEALED),
  ],
  'prescribed after the call, review window closed': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.checkedIn(),
    e.consultationStarted(),
    e.consultationEnded(),
    e.prescriptionIssued(SEALED, 1),
    e.reviewWindowClosed(),
  ],
  'cancelled by the patient and refunded': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.cancelled('patient'),
    e.refundIssued(),
  ],
  'expired unpaid, paid late, refunded': [
    e.requested(),
    e.paymentRequested(),
    e.cancelled('system', null),
    e.paymentReceived(),
    e.refundIssued(facts.fee, 'late_payment'),
  ],
  'cancelled, and the provider refused the refund (left to finance)': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.cancelled('patient'),
    e.refundFailed(),
  ],
  'the doctor did not come': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.checkedIn(),
    e.noShow('doctor', facts.fee),
    e.refundIssued(facts.fee, 'doctor_no_show'),
  ],
  'the patient did not come': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.reminderSent(),
    e.noShow('patient'),
  ],
  'rescheduled after a reminder, reminded again': [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.reminderSent(),
    e.rescheduled('2026-11-26T09:00:00.000Z'),
    e.reminderSent(),
  ],
  'a failed card, then paid': [
    e.requested(),
    e.paymentRequested(),
    e.paymentFailed(),
    e.paymentReceived(),
    e.confirmed(),
  ],
  'events that do not apply change nothing but the revision': [
    e.requested(),
    e.paymentFailed(),
    e.consultationEnded(),
    e.confirmed(true),
  ],
};

describe('appointments read model fold', () => {
  it.each(Object.entries(HISTORIES))('follows the domain after every event: %s', (_name, history) => {
    for (const { row, state } of fold(history)) {
      if (state.status === 'none' || !row) throw new Error('the row and the state must both exist');
      expect({
        status: row.status,
        final: row.final,
        refundOwed: row.refundOwedMinor,
        refunded: row.refundedAmountMinor,
        reminders: row.remindersSent,
        reschedules: row.patientReschedules,
        startsAt: row.startsAt,
        paymentStatus: row.paymentStatus,
        paid: row.paidAmountMinor,
        prescriptionId: row.prescriptionId,
        rating: row.reviewRating,
        reviewDueAt: row.reviewDueAt,
        closedAt: row.closedAt,
        consultationEndedAt: row.consultationEndedAt,
      }).toEqual({
        status: state.status,
        final: isFinal(state),
        refundOwed: state.refundOwed?.amount.amountMinor ?? null,
        refunded: state.refunds.reduce((sum, r) => sum + r.amount.amountMinor, 0),
        reminders: state.reminders.length,
        reschedules: state.patientReschedules,
        startsAt: state.startsAt,
        paymentStatus: state.payment?.status ?? null,
        paid: state.payment?.received?.amountMinor ?? null,
        prescriptionId: state.prescription?.prescriptionId ?? null,
        rating: state.review?.rating ?? null,
        reviewDueAt: state.reviewDueAt,
        closedAt: state.closedAt,
        consultationEndedAt: state.consultation?.endedAt ?? null,
      });
    }
  });

  it('keeps the booking snapshot and the lifecycle instants the pages show', () => {
    const last = fold(HISTORIES['paid, reminded, consulted, prescribed during the call, reviewed']!).at(-1)!.row;
    expect(last).toMatchObject({
      id: facts.appointmentId,
      bookedBy: facts.bookedBy,
      serviceName: 'General consultation (30 min)',
      endsAt: facts.endsAt,
      fee: facts.fee,
      policy: { version: 'standard-2026-12' },
      paymentId: e.paymentId,
      checkoutUrl: expect.stringContaining(e.paymentId),
      checkedInAt: '2026-11-25T08:55:00.000Z',
      consultationStartedAt: facts.startsAt,
      roomId: expect.stringMatching(/^room_/),
      medicineCount: 2,
      reviewRating: 4,
      status: 'reviewed',
      final: true,
      streamRevision: 11,
    });
  });

  it('ignores an event the row already reflects (redelivery after a crash)', () => {
    const [first, second] = fold([e.requested(), e.cancelled('system', null)]);
    expect(second?.row).toMatchObject({ status: 'cancelled', cancelledBy: 'system', cancelReason: 'payment_timeout' });
    expect(
      evolveAppointmentRow(second!.row, e.requested(), { revision: 0, recordedAt: '2026-11-22T11:00:00.000Z' }),
    ).toBe(second!.row);
    expect(first?.row?.status).toBe('pending_payment');
  });

  it('does not invent a row from a history it never saw begin', () => {
    expect(
      evolveAppointmentRow(null, e.cancelled(), { revision: 1, recordedAt: '2026-11-22T10:15:01.000Z' }),
    ).toBeNull();
  });
});
