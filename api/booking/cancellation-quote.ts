/**
 * What cancelling now would give back, for the UI to show before the user confirms. It asks the
 * same decider the workflow will ask, over the same folded state (the appointment's stream), so the
 * quote and the refund the cancellation then records cannot disagree, unless time passes a
 * policy boundary (24 h before the start) in between.
 */
import { cancellation, type ActingAccount, type AppointmentRole } from '../../domain/access/policy.js';
import {
  decideAppointment,
  isDomainError,
  netPaid,
  refundQuote,
  reschedulesLeft,
  type BookedState,
} from '../../domain/index.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';
import { authorizeCommand } from './command-access.js';

export interface CancellationQuote {
  readonly state: BookedState;
  readonly by: AppointmentRole;
  readonly quotedAt: string;
  readonly cancellable: boolean;
  readonly refusal: { readonly code: string; readonly message: string } | null;
  readonly paid: { readonly amountMinor: number; readonly currency: string } | null;
  readonly refund: {
    readonly tier: 'full' | 'partial' | 'none';
    readonly percent: number;
    readonly amount: { readonly amountMinor: number; readonly currency: string } | null;
  };
  readonly fullRefundUntil: string;
  readonly reschedulesLeft: number;
}

/** For whoever may cancel (404 for those who may not see it, 403 for finance); an admin's look is audited. */
export async function quoteCancellation(
  deps: Pick<ApiDeps, 'eventStore' | 'now'>,
  account: ActingAccount,
  appointmentId: string,
  now: Date,
): Promise<CancellationQuote> {
  const { state, by } = await authorizeCommand(deps, account, appointmentId, cancellation, {
    code: 'CANCEL_NOT_ALLOWED',
    message: 'You may see this appointment but not cancel it.',
  });
  if (by === 'admin') {
    await auditStaffRead(deps, account, {
      subjectId: state.patientId,
      resource: 'appointment',
      resourceId: appointmentId,
      extra: { view: 'cancellation-quote' },
    });
  }
  const quotedAt = now.toISOString();
  const refusal = cancelRefusal(state, by, quotedAt);
  const paid = netPaid(state);
  const quote = refundQuote(state.policy, paid ?? { ...state.fee, amountMinor: 0 }, by, state.startsAt, quotedAt);
  return {
    state,
    by,
    quotedAt,
    cancellable: refusal === null,
    refusal,
    paid,
    // Nothing comes back from a cancellation that would be refused, whatever the policy says.
    refund: refusal
      ? { tier: 'none', percent: 0, amount: null }
      : { tier: quote.tier, percent: quote.percent, amount: paid ? quote.amount : null },
    fullRefundUntil: new Date(Date.parse(state.startsAt) - state.policy.fullRefundBeforeMs).toISOString(),
    reschedulesLeft: reschedulesLeft(state.policy, state.patientReschedules),
  };
}

/** Why the workflow would refuse this cancellation now, or null if it would accept it. */
function cancelRefusal(state: BookedState, by: AppointmentRole, now: string) {
  try {
    // The reason changes nothing the decider checks; any allowed one will do for the question.
    decideAppointment({ type: 'CancelAppointment', cancellation: { by, reason: 'other' }, now }, state);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, message: error.message };
  }
}
