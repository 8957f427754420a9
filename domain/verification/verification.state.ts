import { assertNever } from '../shared/errors.js';
import type { VerificationEvent } from './verification.events.js';

export type VerificationStatus =
  | 'none'
  | 'submitted'
  | 'in_review'
  | 'more_information_requested'
  | 'resubmitted'
  | 'verified'
  | 'rejected'
  | 'suspended';

export interface VerificationState {
  readonly status: VerificationStatus;
  readonly submittedAt: string | null;
  /** Since when the application has waited for an admin; null when the next move is not theirs. */
  readonly waitingSince: string | null;
  /** Escalated during the current wait (reset by the next step). */
  readonly escalated: boolean;
}

export const initialVerificationState: VerificationState = {
  status: 'none',
  submittedAt: null,
  waitingSince: null,
  escalated: false,
};

/** Statuses in which an admin owes the next step, and the SLA timer runs. */
export const AWAITING_ADMIN: readonly VerificationStatus[] = ['submitted', 'resubmitted', 'in_review'];

export function evolveVerification(state: VerificationState, event: VerificationEvent): VerificationState {
  const moved = (status: VerificationStatus, at: string): VerificationState => ({
    ...state,
    status,
    waitingSince: AWAITING_ADMIN.includes(status) ? at : null,
    escalated: false,
  });
  switch (event.type) {
    case 'ApplicationSubmitted':
      return { ...moved('submitted', event.data.submittedAt), submittedAt: event.data.submittedAt };
    case 'ApplicationResubmitted':
      return moved('resubmitted', event.data.submittedAt);
    case 'ReviewStarted':
      return moved('in_review', event.data.decidedAt);
    case 'DoctorVerified':
    case 'DoctorReinstated':
      return moved('verified', event.data.decidedAt);
    case 'ApplicationRejected':
      return moved('rejected', event.data.decidedAt);
    case 'InformationRequested':
      return moved('more_information_requested', event.data.decidedAt);
    case 'DoctorSuspended':
      return moved('suspended', event.data.decidedAt);
    case 'ApplicationEscalated':
      return { ...state, escalated: true };
    default:
      return assertNever(event);
  }
}
