/** Reads (and the erasure write) of the `patient_profiles` read model, shared by REST and GraphQL. */
import type pg from 'pg';
import type { EmergencyContact, Sex } from '../../domain/index.js';
import type { PatientRow } from './patient-row.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export const PATIENT_COLUMNS = `patient_id, guardian_id, relationship, name, date_of_birth::text AS date_of_birth, sex,
  phone, email, preferred_language, time_zone, emergency_contact, stream_revision, updated_at`;

export async function findPatientProfile(db: Queryable, patientId: string): Promise<PatientRow | undefined> {
  const { rows } = await db.query(`SELECT ${PATIENT_COLUMNS} FROM patient_profiles WHERE patient_id = $1`, [patientId]);
  return rows[0] ? toPatientRow(rows[0]) : undefined;
}

/** A guardian's dependants, oldest registration first. */
export async function listDependants(db: Queryable, guardianId: string): Promise<PatientRow[]> {
  const { rows } = await db.query(
    `SELECT ${PATIENT_COLUMNS} FROM patient_profiles WHERE guardian_id = $1 ORDER BY patient_id`,
    [guardianId],
  );
  return rows.map(toPatientRow);
}

export async function dependantIdsOf(db: Queryable, guardianId: string): Promise<string[]> {
  const { rows } = await db.query<{ patient_id: string }>(
    'SELECT patient_id FROM patient_profiles WHERE guardian_id = $1',
    [guardianId],
  );
  return rows.map((row) => row.patient_id);
}

/**
 * Ends a guardian's link in the read model as the API records DependantRemoved, so that the
 * access contexts built from it stop listing the dependant at once rather than when the projector
 * gets there. The revision is left alone: the projector still applies the event, to the same row.
 */
export async function releaseDependant(db: Queryable, patientId: string, guardianId: string): Promise<void> {
  await db.query(
    'UPDATE patient_profiles SET guardian_id = NULL, relationship = NULL WHERE patient_id = $1 AND guardian_id = $2',
    [patientId, guardianId],
  );
}

/** Locks the patient's row (if any) for the rest of the transaction: erasure and the projection take it first. */
export async function lockPatientProfile(db: Queryable, patientId: string): Promise<PatientRow | undefined> {
  const { rows } = await db.query(`SELECT ${PATIENT_COLUMNS} FROM patient_profiles WHERE patient_id = $1 FOR UPDATE`, [
    patientId,
  ]);
  return rows[0] ? toPatientRow(rows[0]) : undefined;
}

/** Drops every personal value of the patient's row, keeping ids, guardian and revision. */
export async function clearPatientProfile(db: Queryable, patientId: string): Promise<void> {
  await db.query(
    `UPDATE patient_profiles SET name = NULL, date_of_birth = NULL, sex = NULL, phone = NULL, email = NULL,
       preferred_language = NULL, time_zone = NULL, emergency_contact = NULL
     WHERE patient_id = $1`,
    [patientId],
  );
}

const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toPatientRow(raw: Record<string, unknown>): PatientRow {
  return {
    patientId: String(raw.patient_id),
    guardianId: textOrNull(raw.guardian_id),
    relationship: textOrNull(raw.relationship),
    name: textOrNull(raw.name),
    dateOfBirth: textOrNull(raw.date_of_birth),
    sex: textOrNull(raw.sex) as Sex | null,
    phone: textOrNull(raw.phone),
    email: textOrNull(raw.email),
    preferredLanguage: textOrNull(raw.preferred_language),
    timeZone: textOrNull(raw.time_zone),
    emergencyContact: (raw.emergency_contact ?? null) as EmergencyContact | null,
    streamRevision: Number(raw.stream_revision),
    updatedAt: raw.updated_at instanceof Date ? raw.updated_at.toISOString() : String(raw.updated_at),
  };
}
