import { createPersonalDataCipher } from '../eventstore/pii/index.js';
import { appointmentsProjection } from './appointments/appointments-projection.js';
import { doctorsProjection } from './doctors/doctors-projection.js';
import { createPatientsProjection } from './patients/patients-projection.js';
import type { Projection } from './projection.js';

export interface ProjectionsDeps {
  /** Wraps the per-person data keys: deriveKey(masterKey, 'person-key-wrap'). */
  readonly keyWrap: Buffer;
}

/** Every read model, in the order the projector starts them. */
export function createProjections(deps: ProjectionsDeps): readonly Projection[] {
  return [
    appointmentsProjection,
    createPatientsProjection({ cipher: createPersonalDataCipher(deps) }),
    doctorsProjection,
  ];
}

export { appointmentsProjection, createPatientsProjection, doctorsProjection };
export * from './projection.js';
export * from './runner.js';
export * from './appointments/appointment-queries.js';
export * from './patients/patient-queries.js';
export type { AppointmentRow } from './appointments/appointment-row.js';
export type { PatientRow } from './patients/patient-row.js';
