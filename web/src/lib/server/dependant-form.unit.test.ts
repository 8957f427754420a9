import { describe, expect, it } from 'vitest';
import { checkDependant, upcomingFromDetails } from './dependant-form';

describe('checkDependant', () => {
  it('needs a relationship and sex from the lists, a name and a date of birth', () => {
    expect(checkDependant({ relationship: 'child', name: 'Rui', dateOfBirth: '2019-04-02', sex: 'male' })).toEqual({});
    expect(checkDependant({ relationship: 'cousin', name: '', dateOfBirth: '', sex: 'other' })).toEqual({
      relationship: 'Choose how they are related to you.',
      name: 'Enter their name.',
      dateOfBirth: 'Enter their date of birth.',
      sex: 'Choose an option.',
    });
  });
});

describe('upcomingFromDetails', () => {
  it('reads each appointment a refused removal names, and nothing else', () => {
    const id = '44444444-4444-4444-8444-444444444444';
    expect(
      upcomingFromDetails([
        { path: `appointments.${id}`, message: 'starts 2026-12-01T09:00:00.000Z' },
        { path: 'appointments.not-an-id', message: 'starts 2026-12-01T09:00:00.000Z' },
        { path: `appointments.${id}`, message: 'starts soon' },
        { path: 'name', message: 'is required' },
      ]),
    ).toEqual([{ id, startsAt: '2026-12-01T09:00:00.000Z' }]);
  });
});
