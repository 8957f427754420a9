/**
 * Events of a doctor's verification application (stream `doctor-verification-<doctorId>`),
 * recorded by its workflow only. Ids, codes and instants: an admin's free-text note lives in the
 * notes stream and is referenced here by `noteId`, so it never enters Temporal.
 */
import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';

export const verificationReasonCode = z.enum([
  'documents_complete',
  'licence_confirmed',
  'licence_unverifiable',
  'licence_expired',
  'documents_missing',
  'documents_unreadable',
  'identity_mismatch',
  'not_eligible',
  'complaint_under_investigation',
  'policy_violation',
  'issue_resolved',
  'routine_review',
  'other',
]);
export type VerificationReasonCode = z.infer<typeof verificationReasonCode>;

const decision = z.object({
  doctorId: uuid,
  decidedBy: uuid,
  reasonCode: verificationReasonCode,
  noteId: uuid.nullable(),
  decidedAt: instant,
});

const schemas = {
  ApplicationSubmitted: z.object({ doctorId: uuid, submittedAt: instant }),
  ApplicationResubmitted: z.object({ doctorId: uuid, submittedAt: instant }),
  ReviewStarted: decision,
  DoctorVerified: decision,
  ApplicationRejected: decision,
  InformationRequested: decision,
  DoctorSuspended: decision,
  DoctorReinstated: decision,
  ApplicationEscalated: z.object({ doctorId: uuid, waitingSince: instant, escalatedAt: instant }),
} as const;

type Schemas = typeof schemas;
export type VerificationEventType = keyof Schemas;
export type VerificationEvent = {
  [K in VerificationEventType]: { type: K; data: z.infer<Schemas[K]> };
}[VerificationEventType];
export type DecisionEventType = Extract<
  VerificationEventType,
  | 'ReviewStarted'
  | 'DoctorVerified'
  | 'ApplicationRejected'
  | 'InformationRequested'
  | 'DoctorSuspended'
  | 'DoctorReinstated'
>;

export function isVerificationEventType(type: string): type is VerificationEventType {
  return Object.hasOwn(schemas, type);
}

export function parseVerificationEvent(type: VerificationEventType, data: unknown): VerificationEvent {
  return { type, data: schemas[type].parse(data) } as VerificationEvent;
}
