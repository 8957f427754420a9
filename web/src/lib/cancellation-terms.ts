/**
 * The cancellation and reschedule policy in words, from the numbers the API pins to each booking
 * (domain/appointment/cancellation-policy.ts). Before booking, the doctor's public profile says
 * which policy a booking made now pins. STANDARD_TERMS stands in only for bookings recorded
 * before their policy was kept with them.
 */
import { formatMoney } from './money';

export interface PolicyTerms {
  fullRefundBeforeMs: number;
  lateRefundPercent: number;
  maxPatientReschedules: number;
}

export const STANDARD_TERMS: PolicyTerms = {
  fullRefundBeforeMs: 24 * 60 * 60_000,
  lateRefundPercent: 50,
  maxPatientReschedules: 2,
};

const HOUR = 60 * 60_000;

/** "24 hours", "90 minutes", "2 days". */
export function durationWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= 48 * HOUR && ms % (24 * HOUR) === 0) return plural(ms / (24 * HOUR), 'day');
  if (ms >= HOUR && ms % HOUR === 0) return plural(ms / HOUR, 'hour');
  return plural(Math.round(ms / 60_000), 'minute');
}

function timesWords(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/** The policy as a short list of sentences, in the order things can happen. */
export function policySentences(terms: PolicyTerms): string[] {
  const before = durationWords(terms.fullRefundBeforeMs);
  const sentences = [`Cancel up to ${before} before the start: full refund.`];
  if (terms.lateRefundPercent > 0 && terms.lateRefundPercent < 100) {
    sentences.push(`Cancel later, but before the start: ${terms.lateRefundPercent} % refund.`);
  } else if (terms.lateRefundPercent === 0) {
    sentences.push(`Cancel later than that: no refund.`);
  }
  sentences.push('After the start: no refund.');
  sentences.push(
    terms.maxPatientReschedules === 0
      ? 'This booking cannot be moved to another time.'
      : `You can move the booking to another time at most ${timesWords(terms.maxPatientReschedules)}.`,
  );
  return sentences;
}

export interface QuoteFacts {
  tier: 'full' | 'partial' | 'none';
  percent: number;
  amount: { amountMinor: number; currency: string } | null;
}

/** What cancelling now gives back, as the refund quote states it. */
export function refundSentence(quote: QuoteFacts, locale: string): string {
  if (!quote.amount) return 'Nothing has been paid yet, so there is nothing to refund.';
  const amount = formatMoney(quote.amount.amountMinor, quote.amount.currency, locale);
  switch (quote.tier) {
    case 'full':
      return `You will get a full refund: ${amount}.`;
    case 'partial':
      return `You will get ${quote.percent} % back: ${amount}.`;
    case 'none':
      return 'It is too late for a refund: you will get nothing back.';
  }
}

export function reschedulesLeftSentence(left: number): string {
  if (left <= 0) return 'You have moved this booking as often as the policy allows.';
  return `You can move this booking ${timesWords(left)} more.`;
}
