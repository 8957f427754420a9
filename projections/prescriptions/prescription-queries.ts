/** Reads (and the erasure write) of the `prescriptions` read model. */
import type pg from 'pg';
import type { Prescription } from '../../domain/index.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PrescriptionRow {
  readonly prescriptionId: string;
  readonly appointmentId: string;
  readonly patientId: string;
  readonly doctorId: string;
  readonly issuedAt: string;
  readonly medicineCount: number;
  /** null once the patient's personal data was erased. */
  readonly content: Prescription | null;
}

export async function findPrescriptionOfAppointment(
  db: Queryable,
  appointmentId: string,
): Promise<PrescriptionRow | undefined> {
  const { rows } = await db.query<{
    prescription_id: string;
    appointment_id: string;
    patient_id: string;
    doctor_id: string;
    issued_at: Date;
    medicine_count: number;
    content: Prescription | null;
  }>(
    `SELECT prescription_id, appointment_id, patient_id, doctor_id, issued_at, medicine_count, content
       FROM prescriptions WHERE appointment_id = $1`,
    [appointmentId],
  );
  const row = rows[0];
  return row
    ? {
        prescriptionId: row.prescription_id,
        appointmentId: row.appointment_id,
        patientId: row.patient_id,
        doctorId: row.doctor_id,
        issuedAt: row.issued_at.toISOString(),
        medicineCount: row.medicine_count,
        content: row.content,
      }
    : undefined;
}

/** Drops the opened content of a patient's prescriptions (erasure, in its transaction). */
export async function clearPrescriptionContent(db: Queryable, patientId: string): Promise<void> {
  await db.query('UPDATE prescriptions SET content = NULL WHERE patient_id = $1', [patientId]);
}
