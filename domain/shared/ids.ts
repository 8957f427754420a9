import { z } from 'zod';

/** One function builds each stream id and each workflow id, so no caller spells them twice. */
export const appointmentStreamId = (appointmentId: string) => `appointment-${appointmentId}`;
export const appointmentWorkflowId = (appointmentId: string) => `appointment/${appointmentId}`;

export const appointmentIdFromStreamId = (streamId: string): string | undefined =>
  streamId.startsWith('appointment-') ? streamId.slice('appointment-'.length) : undefined;

/** A patient's stream holds their profile; for a patient with an account, patientId = accountId. */
export const patientStreamId = (patientId: string) => `patient-${patientId}`;
export const patientIdFromStreamId = (streamId: string): string | undefined =>
  streamId.startsWith('patient-') ? streamId.slice('patient-'.length) : undefined;

export const uuid = z.uuid();
/** An instant in UTC, written as ISO 8601 with a `Z` or an offset; stored normalised to `Z`. */
export const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
