/**
 * Everything a printed prescription shows, gathered under the same access decision and audit as
 * the JSON read (readPrescription), so the two routes cannot drift apart: the prescriber from the
 * doctors read model, the patient's name and date of birth from the patients read model.
 */
import type { ActingAccount } from '../../domain/access/policy.js';
import { conflict, type PrescribedMedicine } from '../../domain/index.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import { findPatientProfile } from '../../projections/index.js';
import type { ApiDeps } from '../deps.js';
import { readPrescription } from '../reads/prescription-reads.js';

export interface PrescriptionDocument {
  readonly appointmentId: string;
  readonly issuedAt: string;
  /** The doctor's time zone (their availability's); UTC when they have none. */
  readonly timeZone: string;
  readonly practiceName: string | null;
  readonly doctorName: string | null;
  readonly licence: { readonly number: string; readonly issuingBody: string } | null;
  readonly patientName: string | null;
  /** YYYY-MM-DD. */
  readonly patientDateOfBirth: string | null;
  readonly medicines: readonly PrescribedMedicine[];
  readonly notes: string | null;
}

export async function readPrescriptionDocument(
  deps: Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>,
  account: ActingAccount,
  appointmentId: string,
): Promise<PrescriptionDocument> {
  const prescription = await readPrescription(deps, account, appointmentId);
  if (prescription.erased) {
    throw conflict(
      'PRESCRIPTION_ERASED',
      'This prescription’s content was erased with the patient’s personal data; there is nothing left to print.',
    );
  }
  const [doctor, patient] = await Promise.all([
    readSearchRow(deps.pool, prescription.doctorId),
    findPatientProfile(deps.pool, prescription.patientId),
  ]);
  const profile = doctor?.practice.profile ?? null;
  return {
    appointmentId: prescription.appointmentId,
    issuedAt: prescription.issuedAt,
    timeZone: doctor?.practice.availability?.timeZone ?? 'UTC',
    practiceName: profile?.practiceName ?? null,
    doctorName: profile?.displayName ?? null,
    licence: profile?.licence ?? null,
    patientName: patient?.name ?? null,
    patientDateOfBirth: patient?.dateOfBirth ?? null,
    medicines: prescription.medicines,
    notes: prescription.notes,
  };
}
