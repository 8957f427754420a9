import { assertNever } from '../shared/errors.js';
import type { PatientEvent } from './patient.events.js';
import { emptyProfile, type DependantRelationship, type PatientProfile } from './patient.profile.js';

export type PatientState =
  | { readonly status: 'none' }
  | {
      readonly status: 'known';
      readonly patientId: string;
      /** The account caring for a dependant; null for a patient with an account of their own, or once removed. */
      readonly guardianId: string | null;
      readonly relationship: DependantRelationship | null;
      readonly profile: PatientProfile;
      readonly updatedAt: string;
    };

export const initialPatientState: PatientState = { status: 'none' };

export function evolvePatient(state: PatientState, event: PatientEvent): PatientState {
  switch (event.type) {
    case 'PatientProfileChanged': {
      const base =
        state.status === 'known'
          ? state
          : { status: 'known' as const, patientId: event.data.patientId, guardianId: null, relationship: null };
      const profile = state.status === 'known' ? state.profile : emptyProfile;
      return { ...base, profile: { ...profile, ...event.data.changes }, updatedAt: event.data.changedAt };
    }
    case 'DependantRegistered':
      return {
        status: 'known',
        patientId: event.data.patientId,
        guardianId: event.data.guardianId,
        relationship: event.data.relationship,
        profile: event.data.profile,
        updatedAt: event.data.registeredAt,
      };
    case 'DependantRelationshipChanged':
      if (state.status !== 'known') return state;
      return { ...state, relationship: event.data.relationship, updatedAt: event.data.changedAt };
    case 'DependantRemoved':
      // The patient stays (their history is theirs), in nobody's care.
      if (state.status !== 'known') return state;
      return { ...state, guardianId: null, relationship: null, updatedAt: event.data.removedAt };
    default:
      return assertNever(event);
  }
}
