/**
 * The `prescriptions` read model: PrescriptionIssued opened with the patient's key. The event
 * names neither the patient nor the doctor, so the projection keeps who each appointment is
 * between from AppointmentRequested (which always comes first in the log) in a table of its own:
 * it never reads another projection's tables, which may be behind it or being rebuilt.
 */
import { appointmentIdFromStreamId, parseAppointmentEvent } from '../../domain/index.js';
import type { PersonalDataCipher } from '../../eventstore/pii/index.js';
import { partiesOfRequest } from '../appointments/appointment-parties.js';
import type { Projection } from '../projection.js';

export function createPrescriptionsProjection(deps: { readonly cipher: PersonalDataCipher }): Projection {
  return {
    name: 'prescriptions',
    tables: ['prescriptions', 'prescription_parties'],
    async apply(client, event) {
      const appointmentId = appointmentIdFromStreamId(event.streamId);
      if (!appointmentId) return;
      if (event.type === 'AppointmentRequested') {
        const { patientId, doctorId } = partiesOfRequest(event.data);
        await client.query(
          `INSERT INTO prescription_parties (appointment_id, patient_id, doctor_id) VALUES ($1, $2, $3)
           ON CONFLICT (appointment_id) DO NOTHING`,
          [appointmentId, patientId, doctorId],
        );
        return;
      }
      if (event.type !== 'PrescriptionIssued') return;
      const parsed = parseAppointmentEvent(event.type, event.data);
      if (parsed.type !== 'PrescriptionIssued') return;
      const { rows } = await client.query<{ patient_id: string; doctor_id: string }>(
        'SELECT patient_id, doctor_id FROM prescription_parties WHERE appointment_id = $1',
        [appointmentId],
      );
      const parties = rows[0];
      if (!parties) return;
      // Opening takes the patient's key FOR SHARE until the batch commits: an erasure waits for
      // it and then clears what was written (api/patients/erasure.ts), or went first and this opens as null.
      const opened = await deps.cipher.open(client, parties.patient_id, {
        prescription: parsed.data.sealedPrescription,
      });
      const { prescriptionId, issuedAt, medicineCount } = parsed.data;
      await client.query(
        `INSERT INTO prescriptions (prescription_id, appointment_id, patient_id, doctor_id, issued_at, medicine_count,
           content) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (prescription_id) DO NOTHING`,
        [
          prescriptionId,
          appointmentId,
          parties.patient_id,
          parties.doctor_id,
          issuedAt,
          medicineCount,
          opened.prescription === null || opened.prescription === undefined
            ? null
            : JSON.stringify(opened.prescription),
        ],
      );
    },
  };
}
