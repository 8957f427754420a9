import { assertNever, conflict } from '../shared/errors.js';
import type { AdminDecisionKind, VerificationCommand } from './verification.commands.js';
import type { DecisionEventType, VerificationEvent } from './verification.events.js';
import { AWAITING_ADMIN, type VerificationState, type VerificationStatus } from './verification.state.js';

/** Each admin decision: the statuses it may follow and the event it records. */
export const DECISIONS: Readonly<
  Record<AdminDecisionKind, { from: readonly VerificationStatus[]; event: DecisionEventType }>
> = {
  start_review: { from: ['submitted', 'resubmitted'], event: 'ReviewStarted' },
  verify: { from: ['in_review'], event: 'DoctorVerified' },
  reject: { from: ['in_review'], event: 'ApplicationRejected' },
  request_information: { from: ['in_review'], event: 'InformationRequested' },
  suspend: { from: ['verified'], event: 'DoctorSuspended' },
  reinstate: { from: ['suspended'], event: 'DoctorReinstated' },
};

/** Pure: the events a command produces, or a DomainError (INVALID_STATE) saying why not. */
export function decideVerification(command: VerificationCommand, state: VerificationState): VerificationEvent[] {
  const { doctorId, now } = command;
  switch (command.type) {
    case 'SubmitApplication':
      assertCanSubmit(state);
      return state.status === 'none'
        ? [{ type: 'ApplicationSubmitted', data: { doctorId, submittedAt: now } }]
        : [{ type: 'ApplicationResubmitted', data: { doctorId, submittedAt: now } }];
    case 'DecideApplication': {
      const { decision, decidedBy, reasonCode, noteId } = command.decision;
      assertCanDecide(state, decision);
      return [
        { type: DECISIONS[decision].event, data: { doctorId, decidedBy, reasonCode, noteId, decidedAt: now } },
      ] as VerificationEvent[];
    }
    case 'EscalateApplication':
      // A step taken at the same moment wins: only a still-waiting, unescalated application escalates.
      if (!AWAITING_ADMIN.includes(state.status) || state.escalated || !state.waitingSince) return [];
      return [{ type: 'ApplicationEscalated', data: { doctorId, waitingSince: state.waitingSince, escalatedAt: now } }];
    default:
      return assertNever(command);
  }
}

export function assertCanSubmit(state: VerificationState): void {
  if (!['none', 'more_information_requested', 'rejected'].includes(state.status)) {
    throw conflict('INVALID_STATE', `An application that is ${state.status.replaceAll('_', ' ')} cannot be submitted.`);
  }
}

export function assertCanDecide(state: VerificationState, decision: AdminDecisionKind): void {
  if (!DECISIONS[decision].from.includes(state.status)) {
    throw conflict(
      'INVALID_STATE',
      `Cannot ${decision.replaceAll('_', ' ')} an application that is ${state.status.replaceAll('_', ' ')}.`,
    );
  }
}
