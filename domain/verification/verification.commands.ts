import { z } from 'zod';
import { uuid } from '../shared/ids.js';
import { verificationReasonCode } from './verification.events.js';

export const adminDecisionKind = z.enum([
  'start_review',
  'verify',
  'reject',
  'request_information',
  'suspend',
  'reinstate',
]);
export type AdminDecisionKind = z.infer<typeof adminDecisionKind>;

/** What an admin sends the workflow (an Update argument): ids and codes only. */
export const adminDecision = z.strictObject({
  decision: adminDecisionKind,
  decidedBy: uuid,
  reasonCode: verificationReasonCode,
  noteId: uuid.nullable(),
});
export type AdminDecision = z.infer<typeof adminDecision>;

// Time arrives in every command: domain code never reads a clock.
export type VerificationCommand =
  | { readonly type: 'SubmitApplication'; readonly doctorId: string; readonly now: string }
  | {
      readonly type: 'DecideApplication';
      readonly doctorId: string;
      readonly decision: AdminDecision;
      readonly now: string;
    }
  | { readonly type: 'EscalateApplication'; readonly doctorId: string; readonly now: string };
