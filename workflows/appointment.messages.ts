/**
 * The appointment workflow's public surface: its input, Updates and Query. Clients import these
 * definitions (not the workflow body) so names and types are checked at both ends.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AppointmentRequest, AppointmentStatus, CancelRequest } from '../domain/index.js';

/** Ids and settings only: Temporal keeps histories in plain text and its UI shows them. */
export interface AppointmentWorkflowInput {
  readonly appointmentId: string;
  readonly request: AppointmentRequest;
  readonly paymentTimeoutMs: number;
}

export interface AppointmentView {
  readonly appointmentId: string;
  readonly status: AppointmentStatus;
  /** Last recorded revision of the appointment's stream; -1 before the first event. */
  readonly revision: number;
  readonly paymentDueAt: string | null;
}

export const APPOINTMENT_WORKFLOW_TYPE = 'appointmentWorkflow';

/** Resolves once AppointmentRequested is recorded; used with update-with-start by the API. */
export const requestedUpdate = defineUpdate<AppointmentView>('requested');
export const cancelUpdate = defineUpdate<AppointmentView, [CancelRequest]>('cancel');
export const viewQuery = defineQuery<AppointmentView>('view');
