/**
 * The appointment workflow's public surface: its input, Updates, Signal and Query. Clients import
 * these definitions (not the workflow body) so names and types are checked at both ends.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AppointmentStatus,
  AppointmentTimings,
  BookingTerms,
  CancelRequest,
  PaymentOutcome,
  RescheduleRequest,
} from '../domain/index.js';

/**
 * Ids, codes, instants and amounts only: Temporal keeps histories in plain text and its UI shows
 * them. Prescriptions and review comments arrive already sealed under the patient's key.
 */
export interface AppointmentWorkflowInput {
  readonly appointmentId: string;
  readonly terms: BookingTerms;
  readonly timings: AppointmentTimings;
}

export interface AppointmentView {
  readonly appointmentId: string;
  readonly status: AppointmentStatus;
  /** Last recorded revision of the appointment's stream; -1 before the first event. */
  readonly revision: number;
  readonly startsAt: string | null;
  readonly paymentDueAt: string | null;
  /** Where to pay while the booking awaits payment; null otherwise. */
  readonly checkoutUrl: string | null;
  /** The video room once the doctor has admitted the patient. */
  readonly roomId: string | null;
}

export interface PrescriptionCommand {
  readonly prescriptionId: string;
  /** The validated Prescription, sealed under the patient's key by the API. */
  readonly sealedPrescription: string;
  readonly medicineCount: number;
}

export interface ReviewCommand {
  readonly rating: number;
  /** The comment sealed under the patient's key; null when there is none. */
  readonly sealedComment: string | null;
}

export const APPOINTMENT_WORKFLOW_TYPE = 'appointmentWorkflow';

/**
 * Resolves once the booking is recorded and, for a paid service, its checkout exists (the view
 * carries checkoutUrl); used with update-with-start by the API.
 */
export const requestedUpdate = defineUpdate<AppointmentView>('requested');
export const cancelUpdate = defineUpdate<AppointmentView, [CancelRequest]>('cancel');
/** Moves the slot reservation and the appointment together, or changes nothing (409 SLOT_UNAVAILABLE). */
export const rescheduleUpdate = defineUpdate<AppointmentView, [RescheduleRequest]>('reschedule');
export const checkInUpdate = defineUpdate<AppointmentView>('checkIn');
export const admitUpdate = defineUpdate<AppointmentView>('admit');
export const endUpdate = defineUpdate<AppointmentView>('end');
export const prescribeUpdate = defineUpdate<AppointmentView, [PrescriptionCommand]>('prescribe');
export const reviewUpdate = defineUpdate<AppointmentView, [ReviewCommand]>('review');
/** A provider's payment result, from the verified and de-duplicated webhook. At least once. */
export const paymentSettledSignal = defineSignal<[PaymentOutcome]>('paymentSettled');
export const viewQuery = defineQuery<AppointmentView>('view');
