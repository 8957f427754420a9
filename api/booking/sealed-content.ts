/**
 * Prescriptions and review comments are health data written by people, so they never reach
 * Temporal or the event store in clear: the API seals them under the patient's own data key
 * (eventstore/pii) and the workflow carries ciphertext. Erasing the patient's key shreds them
 * wherever they were copied. Projections open them with the same cipher:
 * `sealedPrescription` opens to the Prescription object, `sealedComment` to the comment string.
 */
import { v5 as uuidv5 } from 'uuid';
import type { Prescription, ReviewInput } from '../../domain/index.js';
import type { JsonValue } from '../../eventstore/event-store.js';
import type { PersonalDataCipher, Queryable } from '../../eventstore/pii/index.js';
import type { PrescriptionCommand, ReviewCommand } from '../../workflows/appointment.messages.js';

// Namespace for prescription ids derived from appointment ids (a random v4, chosen once, never changed).
const PRESCRIPTION_NAMESPACE = '2ffd8de0-d4b8-4c33-9ff5-7ad04aa54b86';

/** One prescription per appointment, with an id fixed by it: a retried request is the same prescription. */
export const prescriptionIdOf = (appointmentId: string): string => uuidv5(appointmentId, PRESCRIPTION_NAMESPACE);

/** The validated prescription as the workflow takes it: its id, its count, and the rest sealed. */
export async function sealPrescription(
  cipher: PersonalDataCipher,
  db: Queryable,
  appointment: { readonly appointmentId: string; readonly patientId: string },
  prescription: Prescription,
): Promise<PrescriptionCommand> {
  const sealed = await cipher.seal(db, appointment.patientId, { prescription: asJson(prescription) });
  return {
    prescriptionId: prescriptionIdOf(appointment.appointmentId),
    sealedPrescription: String(sealed.prescription),
    medicineCount: prescription.medicines.length,
  };
}

/** The rating stays readable (it is averaged into the doctor's score); the comment is sealed. */
export async function sealReview(
  cipher: PersonalDataCipher,
  db: Queryable,
  patientId: string,
  review: ReviewInput,
): Promise<ReviewCommand> {
  if (review.comment === undefined) return { rating: review.rating, sealedComment: null };
  const sealed = await cipher.seal(db, patientId, { comment: review.comment });
  return { rating: review.rating, sealedComment: String(sealed.comment) };
}

/** zod's output has optional keys (absent, never undefined), which is JSON already. */
const asJson = (value: Prescription): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue;
