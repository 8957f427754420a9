/**
 * What a doctor prescribes and what a patient writes in a review, as validated at the API edge.
 * Both are sealed under the patient's key before they reach the workflow (see appointment.events.ts).
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const medicineRoute = z.enum([
  'oral',
  'sublingual',
  'topical',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'transdermal',
]);
export type MedicineRoute = z.infer<typeof medicineRoute>;

export const prescribedMedicine = z.strictObject({
  /** Generic name and strength, e.g. "Amoxicillin 500 mg capsule". */
  medicine: text(200),
  /** Amount per administration, e.g. "1 capsule". */
  dose: text(100),
  route: medicineRoute,
  /** e.g. "every 8 hours". */
  frequency: text(100),
  /** e.g. "7 days". */
  duration: text(100),
  notes: text(500).optional(),
});
export type PrescribedMedicine = z.infer<typeof prescribedMedicine>;

export const prescription = z.strictObject({
  medicines: z.array(prescribedMedicine).min(1, 'add at least one medicine').max(50),
  notes: text(2000).optional(),
});
export type Prescription = z.infer<typeof prescription>;

export const reviewInput = z.strictObject({
  rating: z.number().int().min(1, 'rate from 1 to 5 stars').max(5, 'rate from 1 to 5 stars'),
  comment: text(2000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInput>;
