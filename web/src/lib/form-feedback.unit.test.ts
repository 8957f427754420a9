import { describe, expect, it } from 'vitest';
import { fieldFromPath, placeDetails, waitPhrase } from './form-feedback';

const profileFields = ['name', 'phone', 'emergencyContact.phone'] as const;

describe('fieldFromPath', () => {
  it('reads the field from the forms the API writes paths in', () => {
    expect(fieldFromPath('body.name', profileFields)).toBe('name');
    expect(fieldFromPath('/name', profileFields)).toBe('name');
    expect(fieldFromPath('name', profileFields)).toBe('name');
  });

  it('prefers the whole dotted path, so a nested phone is not the top-level one', () => {
    expect(fieldFromPath('body.emergencyContact.phone', profileFields)).toBe('emergencyContact.phone');
    expect(fieldFromPath('phone', profileFields)).toBe('phone');
  });

  it('falls back to the longest leading part for paths into lists', () => {
    const fields = ['languages', 'education', 'licence.number'] as const;
    expect(fieldFromPath('body.languages.2', fields)).toBe('languages');
    expect(fieldFromPath('body.education.1.degree', fields)).toBe('education');
    expect(fieldFromPath('body.licence.number', fields)).toBe('licence.number');
    expect(fieldFromPath('querystring.minFee', ['minFee'] as const)).toBe('minFee');
  });

  it('returns null for a path that names no field', () => {
    expect(fieldFromPath('body.somethingElse', profileFields)).toBeNull();
  });
});

describe('placeDetails', () => {
  it('puts each detail next to its field, keeping the first per field, and lists the rest', () => {
    const placed = placeDetails(
      [
        { path: 'body.name', message: 'is required' },
        { path: 'name', message: 'second message' },
        { path: '', message: 'general' },
        { path: 'other', message: 'unknown' },
      ],
      profileFields,
    );
    expect(placed).toEqual({
      fieldErrors: { name: 'is required' },
      otherDetails: ['name: second message', 'general', 'other: unknown'],
    });
  });
});

describe('waitPhrase', () => {
  it.each([
    [undefined, 'Wait a moment and try again.'],
    [1, 'Try again in a second.'],
    [45, 'Try again in 45 seconds.'],
    [600, 'Try again in 10 minutes.'],
  ])('%s seconds → %s', (seconds, phrase) => {
    expect(waitPhrase(seconds)).toBe(phrase);
  });
});
