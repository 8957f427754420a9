/**
 * The doctor verification workflow's public surface: its input, Updates and Query. Clients import
 * these definitions (not the workflow body), so names and types are checked at both ends.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AdminDecision, VerificationState, VerificationStatus } from '../domain/verification/index.js';

/** Ids and settings only: Temporal keeps histories in plain text and its UI shows them. */
export interface DoctorVerificationInput {
  readonly doctorId: string;
  /** How long an application may wait for an admin before it is escalated (24 h in production). */
  readonly slaMs: number;
  /** Carried over by continue-as-new; absent on the first run. */
  readonly carried?: { readonly state: VerificationState; readonly revision: number };
}

export interface VerificationView {
  readonly doctorId: string;
  readonly status: VerificationStatus;
  readonly waitingSince: string | null;
  readonly escalated: boolean;
  /** Last recorded revision of the application's stream; -1 before the first event. */
  readonly revision: number;
}

export const DOCTOR_VERIFICATION_WORKFLOW_TYPE = 'doctorVerificationWorkflow';
export const DEFAULT_VERIFICATION_SLA_MS = 24 * 60 * 60 * 1000;

/** Submit or resubmit; used with update-with-start by the API. */
export const submitApplicationUpdate = defineUpdate<VerificationView>('submitApplication');
export const decideApplicationUpdate = defineUpdate<VerificationView, [AdminDecision]>('decideApplication');
export const verificationViewQuery = defineQuery<VerificationView>('verificationView');
