import { describe, expect, it } from 'vitest';
import { medicineRoute } from '../../../domain/appointment/prescription.js';
import {
  medicineRoutes,
  missingFields,
  placePrescriptionDetails,
  readMedicineRows,
  routeLabels,
  toPrescriptionInput,
} from './prescription-form';

const formOf = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) form.append(key, value);
  return form;
};

const amoxicillin = {
  medicine: 'Amoxicillin 500 mg capsule',
  dose: '1 capsule',
  route: 'oral',
  frequency: 'every 8 hours',
  duration: '7 days',
  notes: '',
};

describe('readMedicineRows', () => {
  it('reads rows in row order, trimmed, and drops rows left blank', () => {
    const form = formOf({
      'medicines.2.medicine': ' Ibuprofen 400 mg ',
      'medicines.2.dose': '1 tablet',
      'medicines.2.route': 'oral',
      'medicines.2.frequency': 'when needed',
      'medicines.2.duration': '3 days',
      'medicines.0.medicine': amoxicillin.medicine,
      'medicines.0.dose': amoxicillin.dose,
      'medicines.0.route': 'oral',
      'medicines.0.frequency': amoxicillin.frequency,
      'medicines.0.duration': amoxicillin.duration,
      'medicines.1.medicine': '',
      'medicines.1.route': 'oral',
      'medicines.0.unknown': 'ignored',
    });
    const rows = readMedicineRows(form);
    expect(rows.map((row) => row.medicine)).toEqual([amoxicillin.medicine, 'Ibuprofen 400 mg']);
    expect(rows[0]).toEqual(amoxicillin);
  });
});

describe('missingFields', () => {
  it('names every empty required field by its path, and an empty list', () => {
    expect(missingFields([])).toEqual({ medicines: 'Add at least one medicine.' });
    expect(missingFields([{ ...amoxicillin, dose: '', route: 'by pigeon' }])).toEqual({
      'medicines.0.dose': 'Enter the dose.',
      'medicines.0.route': 'Choose how the medicine is taken.',
    });
    expect(missingFields([amoxicillin])).toEqual({});
  });
});

describe('placePrescriptionDetails', () => {
  it('puts the API’s details under the fields they name, as sentences', () => {
    const placed = placePrescriptionDetails(
      [
        { path: 'body.medicines.1.dose', message: 'Too big: expected string to have <=100 characters' },
        { path: 'medicines', message: 'add at least one medicine' },
        { path: 'body.notes', message: 'Too long.' },
        { path: 'body.somethingElse', message: 'Unknown.' },
      ],
      2,
    );
    expect(placed.fieldErrors).toEqual({
      'medicines.1.dose': 'Too big: expected string to have <=100 characters.',
      medicines: 'Add at least one medicine.',
      notes: 'Too long.',
    });
    expect(placed.otherDetails).toEqual(['body.somethingElse: Unknown.']);
  });
});

describe('toPrescriptionInput', () => {
  it('leaves out notes nobody wrote', () => {
    const { notes: _blank, ...withoutNotes } = amoxicillin;
    expect(toPrescriptionInput([amoxicillin], '')).toEqual({ medicines: [withoutNotes] });
    expect(toPrescriptionInput([{ ...amoxicillin, notes: 'with food' }], 'Drink water')).toEqual({
      medicines: [{ ...amoxicillin, notes: 'with food' }],
      notes: 'Drink water',
    });
  });
});

describe('routes', () => {
  it('offers exactly the routes the API accepts, each with a label', () => {
    expect([...medicineRoutes]).toEqual(medicineRoute.options);
    expect(Object.keys(routeLabels).sort()).toEqual([...medicineRoute.options].sort());
  });
});
