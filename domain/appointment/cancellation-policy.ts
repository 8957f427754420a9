/**
 * The cancellation and reschedule policy. A booking pins the policy in force (its version and
 * numbers) in AppointmentRequested, so changing the rules later never changes what an existing
 * booking gets back: refunds are computed from the pinned copy.
 */
import { z } from 'zod';
import type { Money } from '../shared/money.js';
import type { ActorRole } from './appointment.events.js';

export const cancellationPolicy = z.object({
  version: z.string().min(1).max(40),
  /** Cancelled by the patient at least this long before the start: everything back. */
  fullRefundBeforeMs: z.number().int().min(0),
  /** Cancelled by the patient later, but before the start: this share back. After the start: nothing. */
  lateRefundPercent: z.number().int().min(0).max(100),
  /** How many times a patient may move one booking. Doctors and admins are not capped. */
  maxPatientReschedules: z.number().int().min(0),
});
export type CancellationPolicy = z.infer<typeof cancellationPolicy>;

export const STANDARD_POLICY: CancellationPolicy = {
  version: 'standard-2026-12',
  fullRefundBeforeMs: 24 * 60 * 60_000,
  lateRefundPercent: 50,
  maxPatientReschedules: 2,
};

export type RefundTier = 'full' | 'partial' | 'none';

export interface RefundQuote {
  readonly tier: RefundTier;
  readonly percent: number;
  readonly amount: Money;
}

/**
 * What cancelling now gives back of what was paid. Doctors and admins always refund in full: the
 * patient did nothing wrong. Rounds down to the minor unit, so a refund never exceeds the payment.
 */
export function refundQuote(
  policy: CancellationPolicy,
  paid: Money,
  by: ActorRole,
  startsAt: string,
  now: string,
): RefundQuote {
  const percent = refundPercent(policy, by, Date.parse(startsAt) - Date.parse(now));
  const tier: RefundTier = percent === 100 ? 'full' : percent === 0 ? 'none' : 'partial';
  return {
    tier,
    percent,
    amount: { amountMinor: Math.floor((paid.amountMinor * percent) / 100), currency: paid.currency },
  };
}

function refundPercent(policy: CancellationPolicy, by: ActorRole, msBeforeStart: number): number {
  if (by !== 'patient') return 100;
  if (msBeforeStart >= policy.fullRefundBeforeMs) return 100;
  if (msBeforeStart > 0) return policy.lateRefundPercent;
  return 0;
}

/** Patient reschedules left under the pinned policy. */
export function reschedulesLeft(policy: CancellationPolicy, patientReschedules: number): number {
  return Math.max(0, policy.maxPatientReschedules - patientReschedules);
}
