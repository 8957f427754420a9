/**
 * The prescription form's contract between the doctor's page and its action: rows of medicines
 * named `medicines.<row>.<field>` (the same dotted paths the API's validation details use, so each
 * detail lands next to its input), the routes the API accepts (domain/appointment/prescription.ts)
 * with labels for people, and the checks worth making before the API is asked.
 */
import { medicineRoute, type MedicineRoute } from '../../../domain/appointment/prescription.js';
import { fieldFromPath, type Detail } from './form-feedback';

export const medicineRoutes: readonly MedicineRoute[] = medicineRoute.options;

export const routeLabels: Record<MedicineRoute, string> = {
  oral: 'By mouth (oral)',
  sublingual: 'Under the tongue (sublingual)',
  topical: 'On the skin (topical)',
  inhaled: 'Inhaled',
  nasal: 'In the nose (nasal)',
  ophthalmic: 'In the eye (ophthalmic)',
  otic: 'In the ear (otic)',
  rectal: 'Rectal',
  vaginal: 'Vaginal',
  subcutaneous: 'Under the skin (subcutaneous injection)',
  intramuscular: 'Into a muscle (intramuscular injection)',
  intravenous: 'Into a vein (intravenous)',
  transdermal: 'Skin patch (transdermal)',
};

export function routeLabel(route: string): string {
  return (routeLabels as Record<string, string>)[route] ?? route;
}

export const medicineFields = ['medicine', 'dose', 'route', 'frequency', 'duration', 'notes'] as const;
export type MedicineField = (typeof medicineFields)[number];
export type MedicineRow = Record<MedicineField, string>;

export const MAX_MEDICINES = 50;

export const emptyRow = (): MedicineRow => ({
  medicine: '',
  dose: '',
  route: 'oral',
  frequency: '',
  duration: '',
  notes: '',
});

/** What the action hands back when the prescription was not issued. */
export interface PrescriptionFailure {
  action: 'prescribe';
  ok: false;
  id: string;
  message: string;
  /** Keyed by `medicines.<row>.<field>`, `medicines` (the list itself) or `notes`. */
  fieldErrors: Record<string, string>;
  otherDetails: string[];
  rows: MedicineRow[];
  notes: string;
}

const requiredLabels: Record<Exclude<MedicineField, 'notes' | 'route'>, string> = {
  medicine: 'Enter the medicine and its strength.',
  dose: 'Enter the dose.',
  frequency: 'Enter how often.',
  duration: 'Enter for how long.',
};

/** The rows as typed, in row order; rows left entirely blank are dropped (an "Add" clicked once too often). */
export function readMedicineRows(form: FormData): MedicineRow[] {
  const byIndex = new Map<number, MedicineRow>();
  for (const [key, value] of form.entries()) {
    const match = /^medicines\.(\d+)\.(\w+)$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const field = medicineFields.find((name) => name === match[2]);
    if (!field) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? { ...emptyRow(), route: '' };
    row[field] = value.trim();
    byIndex.set(index, row);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => [row.medicine, row.dose, row.frequency, row.duration, row.notes].some(Boolean));
}

/** Problems the API would name too, found before asking it: keyed like the API's detail paths. */
export function missingFields(rows: readonly MedicineRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (rows.length === 0) errors.medicines = 'Add at least one medicine.';
  if (rows.length > MAX_MEDICINES) errors.medicines = `A prescription holds at most ${MAX_MEDICINES} medicines.`;
  rows.forEach((row, index) => {
    for (const [field, message] of Object.entries(requiredLabels)) {
      if (!row[field as MedicineField]) errors[`medicines.${index}.${field}`] = message;
    }
    if (!(medicineRoutes as readonly string[]).includes(row.route)) {
      errors[`medicines.${index}.route`] = 'Choose how the medicine is taken.';
    }
  });
  return errors;
}

export function toPrescriptionInput(rows: readonly MedicineRow[], notes: string) {
  return {
    medicines: rows.map(({ notes: rowNotes, ...row }) => ({ ...row, ...(rowNotes ? { notes: rowNotes } : {}) })),
    ...(notes ? { notes } : {}),
  };
}

/** Every key the form can show an error under, for placing the API's details. */
export function prescriptionFieldKeys(rowCount: number): string[] {
  const keys = ['medicines', 'notes'];
  for (let index = 0; index < rowCount; index += 1) {
    for (const field of medicineFields) keys.push(`medicines.${index}.${field}`);
  }
  return keys;
}

/** The API's validation details next to the fields they name; the rest listed under the banner. */
export function placePrescriptionDetails(details: readonly Detail[], rowCount: number) {
  const keys = prescriptionFieldKeys(rowCount);
  const fieldErrors: Record<string, string> = {};
  const otherDetails: string[] = [];
  for (const detail of details) {
    const key = fieldFromPath(detail.path, keys);
    if (key && !fieldErrors[key]) fieldErrors[key] = sentence(detail.message);
    else otherDetails.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { fieldErrors, otherDetails };
}

/** zod says "add at least one medicine"; the page shows sentences. */
function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
