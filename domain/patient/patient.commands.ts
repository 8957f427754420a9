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

/** Changes a dependant's details (relationship and profile fields); only their guardian may. */
export type ChangeDependant = {
  type: 'ChangeDependant';
  dependantId: string;
  guardianId: string;
  relationship?: DependantRelationship;
  changes: ProfileChanges;
  now: string;
};

/** An appointment of the dependant still ahead or in progress, as the caller found it. */
export interface UpcomingAppointment {
  readonly appointmentId: string;
  readonly startsAt: string;
}

/**
 * Ends a guardian's care of a dependant. The dependant's upcoming appointments come with the
 * command: the read model knows them, the decider cannot look them up.
 */
export type RemoveDependant = {
  type: 'RemoveDependant';
  dependantId: string;
  guardianId: string;
  upcomingAppointments: readonly UpcomingAppointment[];
  now: string;
};

export type PatientCommand = ChangePatientProfile | RegisterDependant | ChangeDependant | RemoveDependant;
