/**
 * An appointment's prescription, opened: for the patient's side, the appointment's doctor and
 * admins (audited), as the policy says (prescriptionRead). Shared by REST and GraphQL.
 */
import { prescriptionRead, type ActingAccount } from '../../domain/access/policy.js';
import { notFound, type PrescribedMedicine } from '../../domain/index.js';
import { findPrescriptionOfAppointment } from '../../projections/index.js';
import { withFreshDependant } from '../access/access-context.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';
import { appointmentNotFound, appointmentPartiesOf } from './appointment-reads.js';

export interface PrescriptionView {
  readonly prescriptionId: string;
  readonly appointmentId: string;
  readonly patientId: string;
  readonly doctorId: string;
  readonly issuedAt: string;
  readonly medicineCount: number;
  /** The patient's personal data was erased: what was prescribed can no longer be read. */
  readonly erased: boolean;
  readonly medicines: PrescribedMedicine[];
  readonly notes: string | null;
}

export const prescriptionNotFound = () =>
  notFound('PRESCRIPTION_NOT_FOUND', 'No prescription has been issued for this appointment (yet).');

export async function readPrescription(
  deps: Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>,
  account: ActingAccount,
  appointmentId: string,
): Promise<PrescriptionView> {
  const parties = await appointmentPartiesOf(deps, appointmentId);
  if (!parties) throw appointmentNotFound();
  const decision = prescriptionRead(await withFreshDependant(deps.eventStore, account, parties.patientId), parties);
  if (!decision.allowed) throw appointmentNotFound();
  const row = await findPrescriptionOfAppointment(deps.pool, appointmentId);
  if (!row) throw prescriptionNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, {
      subjectId: row.patientId,
      resource: 'prescription',
      resourceId: row.prescriptionId,
    });
  return {
    prescriptionId: row.prescriptionId,
    appointmentId: row.appointmentId,
    patientId: row.patientId,
    doctorId: row.doctorId,
    issuedAt: row.issuedAt,
    medicineCount: row.medicineCount,
    erased: row.content === null,
    medicines: row.content?.medicines ?? [],
    notes: row.content?.notes ?? null,
  };
}
