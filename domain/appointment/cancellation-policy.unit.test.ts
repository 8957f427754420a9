import { describe, expect, it } from 'vitest';
import { refundQuote, reschedulesLeft, STANDARD_POLICY, type CancellationPolicy } from './cancellation-policy.js';

const START = '2026-11-25T09:00:00.000Z';
const HOUR = 3_600_000;
const before = (ms: number) => new Date(Date.parse(START) - ms).toISOString();
const paid = { amountMinor: 150_000, currency: 'MZN' };

describe('refundQuote', () => {
  it.each([
    ['a week before', before(7 * 24 * HOUR), 'full', 100, 150_000],
    ['exactly 24 h before', before(24 * HOUR), 'full', 100, 150_000],
    ['1 ms under 24 h before', before(24 * HOUR - 1), 'partial', 50, 75_000],
    ['1 ms before the start', before(1), 'partial', 50, 75_000],
    ['exactly at the start', START, 'none', 0, 0],
    ['after the start', before(-HOUR), 'none', 0, 0],
  ])('gives a patient cancelling %s a %s refund', (_when, now, tier, percent, amountMinor) => {
    expect(refundQuote(STANDARD_POLICY, paid, 'patient', START, now)).toEqual({
      tier,
      percent,
      amount: { amountMinor, currency: 'MZN' },
    });
  });

  it.each(['doctor', 'admin', 'system'] as const)('refunds in full when the %s cancels, even after the start', (by) => {
    for (const now of [before(7 * 24 * HOUR), before(HOUR), START, before(-HOUR)]) {
      expect(refundQuote(STANDARD_POLICY, paid, by, START, now)).toEqual({ tier: 'full', percent: 100, amount: paid });
    }
  });

  it('rounds down to the minor unit, so a refund never exceeds what was paid', () => {
    const quote = (amountMinor: number) =>
      refundQuote(STANDARD_POLICY, { amountMinor, currency: 'USD' }, 'patient', START, before(HOUR)).amount.amountMinor;
    expect(quote(1_999)).toBe(999);
    expect(quote(1)).toBe(0);
    expect(quote(0)).toBe(0);
  });

  it('applies the numbers of the policy it is given', () => {
    const strict: CancellationPolicy = {
      version: 'strict',
      fullRefundBeforeMs: 48 * HOUR,
      lateRefundPercent: 25,
      maxPatientReschedules: 0,
    };
    expect(refundQuote(strict, paid, 'patient', START, before(47 * HOUR)).amount.amountMinor).toBe(37_500);
    expect(refundQuote(strict, paid, 'patient', START, before(48 * HOUR)).tier).toBe('full');
    const noLateRefund = { ...strict, lateRefundPercent: 0 };
    expect(refundQuote(noLateRefund, paid, 'patient', START, before(HOUR))).toMatchObject({ tier: 'none', percent: 0 });
  });
});

describe('reschedulesLeft', () => {
  it('counts down from the pinned limit and never below zero', () => {
    expect([0, 1, 2, 3].map((done) => reschedulesLeft(STANDARD_POLICY, done))).toEqual([2, 1, 0, 0]);
  });
});
