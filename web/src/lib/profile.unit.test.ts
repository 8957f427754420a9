import { describe, expect, it } from 'vitest';
import { ageOn, compactPhone, languageLabel } from './profile';

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2016-11-22', '2026-11-21')).toBe(9);
    expect(ageOn('2016-11-22', '2026-11-22')).toBe(10);
  });

  it('returns null for a missing or unreadable date, or one in the future', () => {
    expect(ageOn(null, '2026-11-22')).toBeNull();
    expect(ageOn('22/11/2016', '2026-11-22')).toBeNull();
    expect(ageOn('2027-01-01', '2026-11-22')).toBeNull();
  });
});

describe('compactPhone', () => {
  it('drops spaces, dashes, dots and parentheses', () => {
    expect(compactPhone('+258 (84) 123-45.67')).toBe('+258841234567');
  });
});

describe('languageLabel', () => {
  it('names a language in itself, with its tag', () => {
    expect(languageLabel('pt')).toBe('Português (pt)');
  });

  it('shows an unknown tag as it is', () => {
    expect(languageLabel('not a tag')).toBe('not a tag');
  });
});
