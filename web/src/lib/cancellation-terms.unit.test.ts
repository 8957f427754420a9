import { describe, expect, it } from 'vitest';
import {
  durationWords,
  policySentences,
  refundSentence,
  reschedulesLeftSentence,
  STANDARD_TERMS,
} from './cancellation-terms';

describe('policySentences', () => {
  it('states the standard policy: full refund until 24 h before, half until the start, none after, two moves', () => {
    expect(policySentences(STANDARD_TERMS)).toEqual([
      'Cancel up to 24 hours before the start: full refund.',
      'Cancel later, but before the start: 50 % refund.',
      'After the start: no refund.',
      'You can move the booking to another time at most twice.',
    ]);
  });

  it('follows the numbers pinned to a booking', () => {
    const sentences = policySentences({
      fullRefundBeforeMs: 2 * 86_400_000,
      lateRefundPercent: 0,
      maxPatientReschedules: 0,
    });
    expect(sentences).toEqual([
      'Cancel up to 2 days before the start: full refund.',
      'Cancel later than that: no refund.',
      'After the start: no refund.',
      'This booking cannot be moved to another time.',
    ]);
  });
});

describe('durationWords', () => {
  it('uses the largest whole unit', () => {
    expect(durationWords(3_600_000)).toBe('1 hour');
    expect(durationWords(90 * 60_000)).toBe('90 minutes');
    expect(durationWords(24 * 3_600_000)).toBe('24 hours');
    expect(durationWords(72 * 3_600_000)).toBe('3 days');
  });
});

describe('refundSentence', () => {
  const amount = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

  it('names the amount for each tier, and says when nothing was paid', () => {
    expect(refundSentence({ tier: 'full', percent: 100, amount: amount(4000) }, 'en-GB')).toBe(
      'You will get a full refund: €40.00.',
    );
    expect(refundSentence({ tier: 'partial', percent: 50, amount: amount(2000) }, 'en-GB')).toBe(
      'You will get 50 % back: €20.00.',
    );
    expect(refundSentence({ tier: 'none', percent: 0, amount: amount(0) }, 'en-GB')).toBe(
      'It is too late for a refund: you will get nothing back.',
    );
    expect(refundSentence({ tier: 'full', percent: 100, amount: null }, 'en-GB')).toBe(
      'Nothing has been paid yet, so there is nothing to refund.',
    );
  });
});

describe('reschedulesLeftSentence', () => {
  it('counts the moves left', () => {
    expect(reschedulesLeftSentence(2)).toBe('You can move this booking twice more.');
    expect(reschedulesLeftSentence(1)).toBe('You can move this booking once more.');
    expect(reschedulesLeftSentence(0)).toBe('You have moved this booking as often as the policy allows.');
  });
});
