import { describe, expect, it } from 'vitest';
import { at, c, DAY, FEE, given, h, HOUR, ids, iso, MINUTE, NOW, when } from './appointment.fixtures.js';
import { isFinal, type AppointmentCommand, type CancelRequest } from './index.js';

const refused = (code: string, kind?: string) =>
  expect.objectContaining({ name: 'DomainError', code, ...(kind ? { kind } : {}) });

const refundDue = (history: AppointmentCommand[], by: CancelRequest['by'], now: string) => {
  const [event] = when(history, c.cancel(by, now));
  if (event?.type !== 'AppointmentCancelled') throw new Error(`expected AppointmentCancelled, got ${event?.type}`);
  return event.data.refundDue?.amountMinor ?? null;
};

describe('cancelling an appointment', () => {
  it('records who cancelled, why, and what the pinned policy gives back', () => {
    const now = at(-2 * DAY);
    expect(when(h.confirmed, c.cancel('patient', now, 'scheduling_conflict'))).toEqual([
      {
        type: 'AppointmentCancelled',
        data: {
          appointmentId: ids.appointment,
          cancelledBy: 'patient',
          reason: 'scheduling_conflict',
          refundDue: FEE,
          cancelledAt: now,
        },
      },
    ]);
  });

  // Paid 150 000 MZN minor units; STANDARD_POLICY: 100 % from 24 h before, 50 % later.
  it.each<[string, CancelRequest['by'], string, number]>([
    ['the patient 25 h before', 'patient', at(-25 * 60 * MINUTE), 150_000],
    ['the patient exactly 24 h before', 'patient', at(-DAY), 150_000],
    ['the patient 1 ms under 24 h before', 'patient', at(-DAY + 1), 75_000],
    ['the patient a minute before', 'patient', at(-MINUTE), 75_000],
    ['the doctor a minute before', 'doctor', at(-MINUTE), 150_000],
    ['an admin a minute before', 'admin', at(-MINUTE), 150_000],
    ['the doctor after the start', 'doctor', at(5 * MINUTE), 150_000],
  ])('refunds %s: %i', (_who, by, now, expected) => {
    expect(refundDue(h.confirmed, by, now)).toBe(expected);
  });

  it('refunds in full when the doctor cancels while the patient waits', () => {
    expect(refundDue(h.waiting, 'doctor', at(10 * MINUTE))).toBe(150_000);
  });

  it('lets a patient who checked in early still cancel before the start, at the late rate', () => {
    expect(refundDue(h.waiting, 'patient', at(-MINUTE))).toBe(75_000);
  });

  it.each<[string, AppointmentCommand[]]>([
    ['did not join', h.confirmed],
    ['is waiting', h.waiting],
  ])('refuses a patient who %s once the start has passed (the no-show rule decides)', (_name, history) => {
    expect(() => when(history, c.cancel('patient', at(1)))).toThrow(refused('TOO_LATE_TO_CANCEL', 'rule_violation'));
    expect(() => when(history, c.cancel('patient', at(0)))).toThrow(refused('TOO_LATE_TO_CANCEL'));
  });

  it('lets a patient drop an unpaid booking even after its start: nothing is owed either way', () => {
    const soon = iso(Date.parse(NOW) + 5 * MINUTE);
    const history = [c.request({ startsAt: soon, endsAt: iso(Date.parse(soon) + 30 * MINUTE) }), c.requestPayment()];
    expect(refundDue(history, 'patient', iso(Date.parse(soon) + MINUTE))).toBeNull();
  });

  it('rounds a partial refund down to the minor unit', () => {
    const fee = { amountMinor: 1_999, currency: 'MZN' };
    const history = [
      c.request({ fee }),
      c.requestPayment(ids.payment, NOW, fee),
      c.settle('succeeded', { amount: fee }),
    ];
    expect(refundDue(history, 'patient', at(-HOUR))).toBe(999);
  });

  it('owes nothing when nothing was paid, and is then final', () => {
    expect(refundDue(h.pending, 'patient', at(-2 * DAY))).toBeNull();
    expect(refundDue(h.free, 'patient', at(-MINUTE))).toBeNull();
    const cancelled = given(...h.free, c.cancel('patient', at(-MINUTE)));
    expect(cancelled).toMatchObject({ status: 'cancelled', refundOwed: null });
    expect(isFinal(cancelled)).toBe(true);
  });

  it('owes the refund until it is issued, then is refunded and final', () => {
    const cancelled = [...h.confirmed, c.cancel('patient', at(-HOUR))];
    const owed = given(...cancelled);
    expect(owed.refundOwed).toEqual({ amount: { amountMinor: 75_000, currency: 'MZN' }, reason: 'cancellation' });
    expect(isFinal(owed)).toBe(false);
    expect(when(cancelled, c.refund('re_1', at(-HOUR + MINUTE)))).toEqual([
      {
        type: 'RefundIssued',
        data: {
          appointmentId: ids.appointment,
          paymentId: ids.payment,
          refundId: 're_1',
          amount: { amountMinor: 75_000, currency: 'MZN' },
          reason: 'cancellation',
          refundedAt: at(-HOUR + MINUTE),
        },
      },
    ]);
    const refunded = given(...cancelled, c.refund());
    expect(refunded).toMatchObject({ status: 'refunded', refundOwed: null });
    expect(isFinal(refunded)).toBe(true);
  });

  it.each<[string, AppointmentCommand[]]>([
    ['already cancelled', [...h.confirmed, c.cancel('doctor', at(-2 * DAY))]],
    ['cancelled and refunded', [...h.confirmed, c.cancel('doctor', at(-2 * DAY)), c.refund()]],
    ['in consultation', h.inConsultation],
    ['over', h.ended],
    ['a no-show', [...h.confirmed, c.noShow()]],
  ])('refuses to cancel an appointment that is %s', (_name, history) => {
    expect(() => when(history, c.cancel('doctor', at(2 * HOUR)))).toThrow(refused('INVALID_STATE', 'conflict'));
  });
});

describe('a refund the provider refuses for good', () => {
  const failure = (now = at(-DAY)): AppointmentCommand => ({
    type: 'RecordRefundFailure',
    failureCode: 'REFUND_EXCEEDS_PAYMENT',
    now,
  });

  it('is recorded for finance, owes nothing more and lets the appointment end', () => {
    const history = [...h.confirmed, c.cancel('doctor', at(-2 * DAY))];
    expect(when(history, failure())).toEqual([
      {
        type: 'RefundFailed',
        data: {
          appointmentId: ids.appointment,
          paymentId: ids.payment,
          amount: FEE,
          reason: 'cancellation',
          failureCode: 'REFUND_EXCEEDS_PAYMENT',
          failedAt: at(-DAY),
        },
      },
    ]);
    const after = given(...history, failure());
    expect(after).toMatchObject({ status: 'cancelled', refundOwed: null, refunds: [] });
    expect(after.refundFailures).toHaveLength(1);
    expect(isFinal(after)).toBe(true);
  });

  it('is nothing when no refund is owed', () => {
    expect(when([...h.confirmed], failure())).toEqual([]);
  });
});
