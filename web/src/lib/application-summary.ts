/**
 * An application at a glance, read from its timeline (oldest first): when the doctor applied,
 * since when the next move has been the staff's, and the latest decision. The API's single
 * application read has no such fields, so they follow the rules of the verification state
 * (domain/verification/verification.state.ts) that the queue shows. Pure.
 */

export interface ApplicationStep {
  type: string;
  at: string;
  /** The status this step moved the application to; null for steps that move nothing (escalation). */
  status: string | null;
  reasonCode: string | null;
}

export interface ApplicationSummary {
  submittedAt: string | null;
  waitingSince: string | null;
  lastDecision: { type: string; at: string; reasonCode: string | null } | null;
}

/** Statuses in which an admin owes the next step. */
const awaitingAdmin: readonly string[] = ['submitted', 'resubmitted', 'in_review'];
const doctorSteps: readonly string[] = ['ApplicationSubmitted', 'ApplicationResubmitted'];

export function summarizeApplication(timeline: readonly ApplicationStep[]): ApplicationSummary {
  const moves = timeline.filter((step) => step.status !== null);
  const last = moves.at(-1);
  const decision = moves.findLast((step) => !doctorSteps.includes(step.type));
  return {
    submittedAt: timeline.findLast((step) => step.type === 'ApplicationSubmitted')?.at ?? null,
    waitingSince: last?.status && awaitingAdmin.includes(last.status) ? last.at : null,
    lastDecision: decision ? { type: decision.type, at: decision.at, reasonCode: decision.reasonCode } : null,
  };
}
