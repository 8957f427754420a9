import type { DependantRelationship, ProfileChanges } from './patient.profile.js';

// Ids and time arrive in every command: domain code never makes them up or reads a clock.

/** Changes some fields of a patient's profile; the first change of an account's own profile starts its stream. */
export type ChangePatientProfile = {
  type: 'ChangePatientProfile';
  patientId: string;
  changes: ProfileChanges;
  now: string;
};

/** Registers a patient without an account, in the care of a guardian who has one. */
export type RegisterDependant = {
  type: 'RegisterDependant';
  dependantId: string;
  guardianId: string;
  relationship: DependantRelationship;
  profile: ProfileChanges;
  now: string;
};

export type PatientCommand = ChangePatientProfile | RegisterDependant;
