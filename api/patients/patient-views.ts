/** How a patient's profile and a dependant leave the API (REST and GraphQL alike). */
import type { PatientProfile, PatientState } from '../../domain/index.js';
import type { PatientRow } from '../../projections/index.js';

export interface ProfileView extends PatientProfile {
  readonly patientId: string;
  readonly guardianId: string | null;
  readonly relationship: string | null;
  /** The stream revision this view reflects; send it back as If-Match to change the profile safely. */
  readonly revision: number;
  readonly updatedAt: string;
}

export type DependantView = Omit<ProfileView, 'patientId' | 'guardianId' | 'relationship'> & {
  readonly dependantId: string;
  readonly guardianId: string;
  readonly relationship: string;
};

const profileOf = (source: PatientProfile): PatientProfile => ({
  name: source.name,
  dateOfBirth: source.dateOfBirth,
  sex: source.sex,
  phone: source.phone,
  email: source.email,
  preferredLanguage: source.preferredLanguage,
  timeZone: source.timeZone,
  emergencyContact: source.emergencyContact,
});

export function profileViewOfRow(row: PatientRow): ProfileView {
  return {
    patientId: row.patientId,
    guardianId: row.guardianId,
    relationship: row.relationship,
    ...profileOf(row),
    revision: row.streamRevision,
    updatedAt: row.updatedAt,
  };
}

/** A view of the state a command just produced (ahead of the read model). */
export function profileViewOfState(state: Extract<PatientState, { status: 'known' }>, revision: number): ProfileView {
  return {
    patientId: state.patientId,
    guardianId: state.guardianId,
    relationship: state.relationship,
    ...profileOf(state.profile),
    revision,
    updatedAt: state.updatedAt,
  };
}

/** A dependant's view; only for a patient with a guardian (what listDependants and RegisterDependant give). */
export function dependantView(profile: ProfileView): DependantView {
  const { patientId, guardianId, relationship, ...rest } = profile;
  if (guardianId === null || relationship === null) throw new Error(`Patient ${patientId} is nobody's dependant.`);
  return { dependantId: patientId, guardianId, relationship, ...rest };
}
