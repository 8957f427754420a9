/** Request and response schemas of the verification application routes (responses too: nothing leaks by accident). */
import { z } from 'zod';
import { adminDecisionKind, verificationReasonCode } from '../../domain/verification/index.js';
import { profileView } from './doctor-practice-schemas.js';
import { documentResource } from './document-schemas.js';

export const applicationStatus = z.enum([
  'none',
  'submitted',
  'in_review',
  'more_information_requested',
  'resubmitted',
  'verified',
  'rejected',
  'suspended',
]);

/** What an application still needs: the parts of the practice, and `documents` (government ID and licence). */
const section = z.enum(['profile', 'availability', 'methods', 'services', 'documents']);

const timelineEntry = z.object({
  type: z.string(),
  at: z.string(),
  status: applicationStatus.nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
});

export const applicationResponse = z.object({
  status: applicationStatus,
  escalated: z.boolean(),
  /** What is still missing before the doctor can (re)submit. */
  missing: z.array(section),
  timeline: z.array(timelineEntry),
});

/** One applicant as an admin reviews them: the same timeline the doctor reads, with the profile and documents. */
export const applicationDetailResponse = applicationResponse.extend({
  doctorId: z.uuid(),
  profile: profileView.nullable(),
  /** The doctor's live credential documents, newest first; open one with POST …/documents/:id/link. */
  documents: z.array(documentResource),
});

export const commandResponse = z.object({
  doctorId: z.uuid(),
  status: applicationStatus,
  escalated: z.boolean(),
  waitingSince: z.string().nullable(),
});

export const doctorIdParams = z.strictObject({ id: z.uuid() });

export const decisionBody = z.strictObject({
  decision: adminDecisionKind,
  reason: z.strictObject({
    code: verificationReasonCode,
    /** Shown to the doctor in their timeline; kept out of Temporal (only its id travels there). */
    note: z.string().trim().min(1).max(500).optional(),
  }),
});

export const queueQuery = z.strictObject({
  status: applicationStatus.optional(),
  waiting: z.enum(['true', 'false']).default('true'),
  escalated: z.enum(['true', 'false']).default('false'),
  first: z.coerce.number().int().min(1).max(200).default(50),
});

export const queueItem = z.object({
  doctorId: z.uuid(),
  displayName: z.string(),
  status: z.string(),
  submittedAt: z.string(),
  waitingSince: z.string().nullable(),
  escalated: z.boolean(),
  lastDecisionAt: z.string().nullable(),
  lastReasonCode: z.string().nullable(),
});
