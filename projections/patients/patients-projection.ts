import type pg from 'pg';
import { isPatientEventType, patientIdFromStreamId } from '../../domain/index.js';
import { openPatientEvent, type PersonalDataCipher } from '../../eventstore/pii/index.js';
import type { Projection } from '../projection.js';
import { lockPatientProfile } from './patient-queries.js';
import { evolvePatientRow, type PatientRow } from './patient-row.js';

/**
 * The `patient_profiles` read model. Events are opened on the way in, so values whose key was
 * destroyed arrive as null and a rebuild after an erasure leaves them out. Lock order, shared
 * with the erasure endpoint: the profile row first, then the person's key (FOR SHARE).
 */
export const PATIENTS_PROJECTION = 'patients';

export function createPatientsProjection(deps: { readonly cipher: PersonalDataCipher }): Projection {
  return {
    name: PATIENTS_PROJECTION,
    tables: ['patient_profiles'],
    async apply(client, event) {
      const patientId = patientIdFromStreamId(event.streamId);
      if (!patientId || !isPatientEventType(event.type)) return;
      const before = (await lockPatientProfile(client, patientId)) ?? null;
      if (before && Number(event.revision) <= before.streamRevision) return;
      const opened = await openPatientEvent(deps.cipher, client, { type: event.type, data: event.data }, patientId);
      const after = evolvePatientRow(before, opened, {
        revision: Number(event.revision),
        recordedAt: event.recordedAt.toISOString(),
      });
      if (after !== before) await upsert(client, after);
    },
  };
}

async function upsert(client: pg.PoolClient, row: PatientRow): Promise<void> {
  await client.query(
    `INSERT INTO patient_profiles (patient_id, guardian_id, relationship, name, date_of_birth, sex, phone, email,
       preferred_language, time_zone, emergency_contact, stream_revision, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     ON CONFLICT (patient_id) DO UPDATE SET
       guardian_id = EXCLUDED.guardian_id, relationship = EXCLUDED.relationship, name = EXCLUDED.name,
       date_of_birth = EXCLUDED.date_of_birth, sex = EXCLUDED.sex, phone = EXCLUDED.phone, email = EXCLUDED.email,
       preferred_language = EXCLUDED.preferred_language, time_zone = EXCLUDED.time_zone,
       emergency_contact = EXCLUDED.emergency_contact, stream_revision = EXCLUDED.stream_revision,
       updated_at = EXCLUDED.updated_at`,
    [
      row.patientId,
      row.guardianId,
      row.relationship,
      row.name,
      row.dateOfBirth,
      row.sex,
      row.phone,
      row.email,
      row.preferredLanguage,
      row.timeZone,
      row.emergencyContact === null ? null : JSON.stringify(row.emergencyContact),
      row.streamRevision,
      row.updatedAt,
    ],
  );
}
