/** Pure fold of (opened) patient events into the `patient_profiles` row. */
import { assertNever, emptyProfile, type PatientEvent, type PatientProfile } from '../../domain/index.js';

export interface PatientRow extends PatientProfile {
  readonly patientId: string;
  readonly guardianId: string | null;
  readonly relationship: string | null;
  readonly streamRevision: number;
  readonly updatedAt: string;
}

/** A row before its first event: nobody's dependant, nothing known. */
const rowOf = (patientId: string) => ({ patientId, guardianId: null, relationship: null, ...emptyProfile });

export function evolvePatientRow(
  row: PatientRow | null,
  event: PatientEvent,
  meta: { revision: number; recordedAt: string },
): PatientRow {
  // Replays and duplicate deliveries are harmless: an event the row already reflects is ignored.
  if (row && meta.revision <= row.streamRevision) return row;
  switch (event.type) {
    case 'PatientProfileChanged':
      return {
        ...(row ?? rowOf(event.data.patientId)),
        ...event.data.changes,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    case 'DependantRegistered':
      return {
        patientId: event.data.patientId,
        guardianId: event.data.guardianId,
        relationship: event.data.relationship,
        ...event.data.profile,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    case 'DependantRelationshipChanged':
      return {
        ...(row ?? rowOf(event.data.patientId)),
        relationship: event.data.relationship,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    case 'DependantRemoved':
      // The row stays (the patient's past appointments name them); the guardian's link goes.
      return {
        ...(row ?? rowOf(event.data.patientId)),
        guardianId: null,
        relationship: null,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    default:
      return assertNever(event);
  }
}
