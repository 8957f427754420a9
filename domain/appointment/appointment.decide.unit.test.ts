import { describe, expect, it } from 'vitest';
import {
  at,
  c,
  DAY,
  FEE,
  given,
  h,
  HOUR,
  ids,
  iso,
  MINUTE,
  NOW,
  PAID_AT,
  START,
  terms,
  when,
} from './appointment.fixtures.js';
import { isFinal, STANDARD_POLICY, type AppointmentCommand, type AppointmentEvent } from './index.js';

const refused = (code: string, kind?: string) =>
  expect.objectContaining({ name: 'DomainError', code, ...(kind ? { kind } : {}) });

describe('requesting an appointment', () => {
  it('pins the terms and computes the payment deadline from the time passed in', () => {
    expect(when([], c.request())).toEqual<AppointmentEvent[]>([
      {
        type: 'AppointmentRequested',
        data: { appointmentId: ids.appointment, ...terms, requestedAt: NOW, paymentDueAt: '2026-11-22T10:15:00.000Z' },
      },
    ]);
    expect(given(c.request())).toMatchObject({ status: 'pending_payment', policy: STANDARD_POLICY, fee: FEE });
  });

  it.each([
    ['before now', iso(Date.parse(NOW) - 1)],
    ['exactly now', NOW],
  ])('refuses a start %s', (_name, startsAt) => {
    expect(() => when([], c.request({ startsAt }))).toThrow(refused('STARTS_IN_PAST', 'rule_violation'));
  });

  it('refuses a second request and any other command before the first', () => {
    expect(() => when([c.request()], c.request())).toThrow(refused('ALREADY_REQUESTED', 'conflict'));
    expect(() => when([], c.cancel('patient', NOW))).toThrow(refused('INVALID_STATE'));
  });
});

describe('payment', () => {
  it('confirms a free service without payment', () => {
    expect(when([c.request({ fee: { amountMinor: 0, currency: 'MZN' } })], c.confirmFree())).toEqual([
      { type: 'AppointmentConfirmed', data: { appointmentId: ids.appointment, paymentId: null, confirmedAt: NOW } },
    ]);
    expect(given(...h.free).status).toBe('confirmed');
  });

  it('does not confirm a paid service without payment', () => {
    expect(when(h.pending, c.confirmFree())).toEqual([]);
  });

  it('records a checkout once per payment id', () => {
    expect(given(...h.pending).payment).toMatchObject({ paymentId: ids.payment, status: 'requested' });
    expect(when(h.pending, c.requestPayment())).toEqual([]);
  });

  it('stays pending after a failed payment and confirms when a later attempt succeeds', () => {
    const failed = [...h.pending, c.settle('failed', { providerEventId: 'evt_1' })];
    expect(when(h.pending, c.settle('failed', { providerEventId: 'evt_1' }))).toEqual([
      {
        type: 'PaymentFailed',
        data: {
          appointmentId: ids.appointment,
          paymentId: ids.payment,
          failureCode: 'card_declined',
          failedAt: PAID_AT,
        },
      },
    ]);
    expect(given(...failed)).toMatchObject({ status: 'pending_payment', payment: { status: 'failed' } });

    expect(when(failed, c.settle('succeeded', { providerEventId: 'evt_2' }))).toEqual([
      {
        type: 'PaymentReceived',
        data: {
          appointmentId: ids.appointment,
          paymentId: ids.payment,
          providerEventId: 'evt_2',
          amount: FEE,
          receivedAt: PAID_AT,
        },
      },
      {
        type: 'AppointmentConfirmed',
        data: { appointmentId: ids.appointment, paymentId: ids.payment, confirmedAt: PAID_AT },
      },
    ]);
    expect(given(...failed, c.settle('succeeded', { providerEventId: 'evt_2' }))).toMatchObject({
      status: 'confirmed',
      payment: { status: 'received', received: FEE },
    });
  });

  it('ignores a webhook delivered twice', () => {
    const succeeded = c.settle('succeeded', { providerEventId: 'evt_ok' });
    expect(when([...h.pending, succeeded], succeeded)).toEqual([]);
    const failed = c.settle('failed', { providerEventId: 'evt_ko' });
    expect(when([...h.pending, failed], failed)).toEqual([]);
  });

  it('ignores a failure reported after the payment succeeded', () => {
    expect(when(h.confirmed, c.settle('failed', { providerEventId: 'evt_late' }))).toEqual([]);
  });

  it('ignores a result for another payment', () => {
    expect(when(h.pending, c.settle('succeeded', { paymentId: 'pay_other' }))).toEqual([]);
    expect(when(h.pending, c.settle('failed', { paymentId: 'pay_other' }))).toEqual([]);
  });

  it('cancels an unpaid booking when the payment deadline passes, and only an unpaid one', () => {
    expect(when(h.pending, c.expirePayment())).toEqual([
      {
        type: 'AppointmentCancelled',
        data: {
          appointmentId: ids.appointment,
          cancelledBy: 'system',
          reason: 'payment_timeout',
          refundDue: null,
          cancelledAt: '2026-11-22T10:15:00.000Z',
        },
      },
    ]);
    expect(when(h.confirmed, c.expirePayment())).toEqual([]);
  });

  it('records a payment that arrives after the deadline and owes it back in full', () => {
    const late = [...h.pending, c.expirePayment(), c.settle('succeeded', { now: '2026-11-22T10:16:00.000Z' })];
    expect(when(late.slice(0, -1), late.at(-1)!).map((e) => e.type)).toEqual(['PaymentReceived']);
    const owed = given(...late);
    expect(owed).toMatchObject({ status: 'cancelled', refundOwed: { amount: FEE, reason: 'late_payment' } });
    expect(isFinal(owed)).toBe(false);

    expect(when(late, c.refund('re_late', '2026-11-22T10:17:00.000Z'))).toEqual([
      {
        type: 'RefundIssued',
        data: {
          appointmentId: ids.appointment,
          paymentId: ids.payment,
          refundId: 're_late',
          amount: FEE,
          reason: 'late_payment',
          refundedAt: '2026-11-22T10:17:00.000Z',
        },
      },
    ]);
    const refunded = given(...late, c.refund('re_late'));
    expect(refunded).toMatchObject({ status: 'refunded', refundOwed: null });
    expect(isFinal(refunded)).toBe(true);
    expect(when([...late, c.refund('re_late')], c.refund('re_again'))).toEqual([]);
  });

  it('owes back in full a payment found captured when a late patient cancel closed the checkout, once', () => {
    // Cancelled an hour before the start while still unpaid as far as the booking knew: nothing due.
    const cancelled = [...h.pending, c.cancel('patient', at(-HOUR))];
    expect(given(...cancelled).refundOwed).toBeNull();
    const captured = c.settle('succeeded', { providerEventId: 'evt_captured', now: at(-HOUR) });
    expect(when(cancelled, captured).map((e) => e.type)).toEqual(['PaymentReceived']);
    // Everything, not the late-cancel half: the booking was never confirmed, so the patient got nothing for it.
    expect(given(...cancelled, captured)).toMatchObject({ refundOwed: { amount: FEE, reason: 'late_payment' } });
    // The provider's own webhook for that payment, under its id or another, records nothing more.
    expect(when([...cancelled, captured], captured)).toEqual([]);
    expect(when([...cancelled, captured], c.settle('succeeded', { providerEventId: 'evt_webhook' }))).toEqual([]);
    const refunded = [...cancelled, captured, c.refund('re_captured', at(-HOUR))];
    expect(given(...refunded)).toMatchObject({
      status: 'refunded',
      refunds: [{ amount: FEE, reason: 'late_payment' }],
    });
    expect(when(refunded, captured)).toEqual([]);
  });
});

describe('reminders', () => {
  it('sends one reminder per offset, announcing the start', () => {
    expect(when(h.confirmed, c.remind(DAY))).toEqual([
      {
        type: 'ReminderSent',
        data: { appointmentId: ids.appointment, offsetMs: DAY, startsAt: START, sentAt: at(-DAY) },
      },
    ]);
    const reminded = [...h.confirmed, c.remind(DAY)];
    expect(given(...reminded).status).toBe('reminded');
    expect(when(reminded, c.remind(DAY, at(-DAY + MINUTE)))).toEqual([]);
    expect(when(reminded, c.remind(HOUR)).map((e) => e.type)).toEqual(['ReminderSent']);
  });

  it('sends none once the appointment has started', () => {
    expect(when(h.confirmed, c.remind(HOUR, START))).toEqual([]);
    expect(when(h.confirmed, c.remind(HOUR, at(MINUTE)))).toEqual([]);
  });

  it('sends none before its offset is reached', () => {
    expect(when(h.confirmed, c.remind(DAY, at(-DAY - MINUTE)))).toEqual([]);
  });

  it('sends none for an unpaid or cancelled appointment', () => {
    expect(when(h.pending, c.remind(DAY))).toEqual([]);
    expect(when([...h.confirmed, c.cancel('doctor', at(-2 * DAY))], c.remind(DAY))).toEqual([]);
  });

  it('starts afresh after a reschedule, so the new time gets its own reminders', () => {
    const newStart = at(2 * DAY);
    const moved = [...h.confirmed, c.remind(DAY), c.reschedule('patient', newStart, at(-20 * HOUR))];
    expect(given(...moved)).toMatchObject({ status: 'confirmed', startsAt: newStart, reminders: [] });
    // The old time's 24 h moment is not the new time's.
    expect(when(moved, c.remind(DAY, at(-DAY)))).toEqual([]);
    expect(when(moved, c.remind(DAY, at(DAY)))).toEqual([
      {
        type: 'ReminderSent',
        data: { appointmentId: ids.appointment, offsetMs: DAY, startsAt: newStart, sentAt: at(DAY) },
      },
    ]);
  });
});

describe('rescheduling', () => {
  const newStart = at(2 * DAY);

  it.each([
    ['confirmed', h.confirmed],
    ['reminded', [...h.confirmed, c.remind(DAY)]],
  ])('moves a %s appointment and keeps the length of the service', (_status, history) => {
    const now = at(-DAY + HOUR);
    expect(when(history, c.reschedule('patient', newStart, now))).toEqual([
      {
        type: 'AppointmentRescheduled',
        data: {
          appointmentId: ids.appointment,
          rescheduledBy: 'patient',
          previousStartsAt: START,
          startsAt: newStart,
          endsAt: at(2 * DAY + 30 * MINUTE),
          patientReschedules: 1,
          rescheduledAt: now,
        },
      },
    ]);
  });

  it.each<[string, AppointmentCommand[]]>([
    ['unpaid', h.pending],
    ['waiting', h.waiting],
    ['cancelled', [...h.confirmed, c.cancel('patient', at(-2 * DAY))]],
  ])('refuses to move an appointment that is %s', (_name, history) => {
    expect(() => when(history, c.reschedule('patient', newStart))).toThrow(refused('INVALID_STATE', 'conflict'));
  });

  it('lets a patient move a booking as often as the pinned policy allows, no more', () => {
    const twice = [...h.confirmed, c.reschedule('patient', at(DAY)), c.reschedule('patient', at(2 * DAY))];
    expect(given(...twice).patientReschedules).toBe(2);
    expect(() => when(twice, c.reschedule('patient', at(3 * DAY)))).toThrow(
      refused('RESCHEDULE_LIMIT_REACHED', 'rule_violation'),
    );
  });

  it('reads the limit from the policy pinned at booking, not from the current one', () => {
    const strict = [
      c.request({ policy: { ...STANDARD_POLICY, version: 'strict', maxPatientReschedules: 0 } }),
      c.requestPayment(),
      c.settle('succeeded'),
    ];
    expect(() => when(strict, c.reschedule('patient', newStart))).toThrow(refused('RESCHEDULE_LIMIT_REACHED'));
    expect(when(strict, c.reschedule('doctor', newStart)).map((e) => e.type)).toEqual(['AppointmentRescheduled']);
  });

  it('does not cap doctors and admins, nor count their moves against the patient', () => {
    const history = [
      ...h.confirmed,
      c.reschedule('patient', at(DAY)),
      c.reschedule('patient', at(2 * DAY)),
      c.reschedule('doctor', at(3 * DAY)),
      c.reschedule('admin', at(4 * DAY)),
      c.reschedule('doctor', at(5 * DAY)),
    ];
    expect(given(...history)).toMatchObject({ startsAt: at(5 * DAY), patientReschedules: 2 });
  });

  it('refuses the time it already has', () => {
    expect(() => when(h.confirmed, c.reschedule('patient', START))).toThrow(refused('SAME_TIME', 'rule_violation'));
  });

  it('refuses a new time in the past', () => {
    expect(() => when(h.confirmed, c.reschedule('patient', iso(Date.parse(NOW) - MINUTE)))).toThrow(
      refused('STARTS_IN_PAST'),
    );
  });

  it.each([
    ['at', START],
    ['after', at(MINUTE)],
  ])('refuses to move an appointment %s its start', (_when, now) => {
    expect(() => when(h.confirmed, c.reschedule('doctor', newStart, now))).toThrow(
      refused('TOO_LATE_TO_RESCHEDULE', 'rule_violation'),
    );
  });
});
