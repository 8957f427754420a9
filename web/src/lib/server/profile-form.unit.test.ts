import { describe, expect, it } from 'vitest';
import { patchFromValues, valuesFromProfile } from './profile-form';

const empty = valuesFromProfile(null);

describe('patchFromValues', () => {
  it('sends every field, emptied ones as null, and compacts phone numbers', () => {
    const result = patchFromValues({ ...empty, name: 'Ana Mondlane', phone: '+258 84 123 4567' });
    expect(result).toEqual({
      ok: true,
      patch: {
        name: 'Ana Mondlane',
        dateOfBirth: null,
        sex: null,
        phone: '+258841234567',
        email: null,
        preferredLanguage: null,
        timeZone: null,
        emergencyContact: null,
      },
    });
  });

  it('sends the emergency contact only when all three parts are there', () => {
    const result = patchFromValues({
      ...empty,
      'emergencyContact.name': 'João',
      'emergencyContact.phone': '+258 82 000 0000',
      'emergencyContact.relationship': 'Brother',
    });
    expect(result.ok && result.patch.emergencyContact).toEqual({
      name: 'João',
      phone: '+258820000000',
      relationship: 'Brother',
    });
  });

  it('points at the missing parts of a half-filled emergency contact', () => {
    const result = patchFromValues({ ...empty, 'emergencyContact.name': 'João' });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        'emergencyContact.phone': 'Fill in all three, or leave the emergency contact empty.',
        'emergencyContact.relationship': 'Fill in all three, or leave the emergency contact empty.',
      },
    });
  });
});

describe('valuesFromProfile', () => {
  it('reads a stored profile back into form values', () => {
    const values = valuesFromProfile({
      name: 'Ana',
      dateOfBirth: '1990-01-02',
      sex: 'female',
      phone: null,
      email: null,
      preferredLanguage: 'pt',
      timeZone: 'Africa/Maputo',
      emergencyContact: { name: 'João', phone: '+258820000000', relationship: 'Brother' },
    });
    expect(values).toMatchObject({ name: 'Ana', phone: '', 'emergencyContact.relationship': 'Brother' });
  });
});
