import { createPersonalDataCipher } from '../eventstore/pii/index.js';
import { appointmentsProjection } from './appointments/appointments-projection.js';
import { doctorsProjection } from './doctors/doctors-projection.js';
import { createPatientsProjection } from './patients/patients-projection.js';
import { paymentsLedgerProjection } from './payments-ledger/payments-ledger-projection.js';
import { createPrescriptionsProjection } from './prescriptions/prescriptions-projection.js';
import type { Projection } from './projection.js';
import { createReviewsProjection } from './reviews/reviews-projection.js';

export interface ProjectionsDeps {
  /** Wraps the per-person data keys: deriveKey(masterKey, 'person-key-wrap'). */
  readonly keyWrap: Buffer;
}

/** Every read model, in the order the projector starts them. */
export function createProjections(deps: ProjectionsDeps): readonly Projection[] {
  const cipher = createPersonalDataCipher(deps);
  return [
    appointmentsProjection,
    createPatientsProjection({ cipher }),
    doctorsProjection,
    createPrescriptionsProjection({ cipher }),
    createReviewsProjection({ cipher }),
    paymentsLedgerProjection,
  ];
}

export {
  appointmentsProjection,
  createPatientsProjection,
  createPrescriptionsProjection,
  createReviewsProjection,
  doctorsProjection,
  paymentsLedgerProjection,
};
export * from './projection.js';
export * from './runner.js';
export * from './appointments/appointment-queries.js';
export * from './appointments/appointment-dashboards.js';
export { APPOINTMENT_CHANGED_CHANNEL, type AppointmentChange } from './appointments/appointments-projection.js';
export * from './patients/patient-queries.js';
export * from './prescriptions/prescription-queries.js';
export * from './reviews/review-queries.js';
export * from './payments-ledger/ledger-queries.js';
export type { AppointmentRow, BookedStatus } from './appointments/appointment-row.js';
export type { PatientRow } from './patients/patient-row.js';
