import { describe, expect, it } from 'vitest';
import { isCurrentSection, navFor } from './navigation';

const names = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((item) => item.name);

describe('navFor', () => {
  it('gives each role its sections, and everyone the doctor search', () => {
    expect(names(['patient'])).toEqual(['home', 'find-doctor', 'appointments', 'dependants']);
    expect(names(['doctor'])).toEqual(['home', 'find-doctor', 'today', 'appointments', 'practice', 'application']);
    expect(names(['admin'])).toEqual([
      'home',
      'find-doctor',
      'admin-accounts',
      'admin-doctor-applications',
      'admin-specializations',
    ]);
    expect(names(['finance'])).toEqual(['home', 'find-doctor', 'appointments']);
  });

  it('merges the sections of several roles without repeating any, in a fixed order', () => {
    expect(names(['admin', 'patient'])).toEqual([
      'home',
      'find-doctor',
      'appointments',
      'dependants',
      'admin-accounts',
      'admin-doctor-applications',
      'admin-specializations',
    ]);
  });

  it('offers visitors (no roles) only the doctor search', () => {
    expect(names([])).toEqual(['find-doctor']);
  });
});

describe('isCurrentSection', () => {
  it('marks a section current on its pages, and home only on itself', () => {
    expect(isCurrentSection('/appointments', '/appointments')).toBe(true);
    expect(isCurrentSection('/admin/accounts', '/admin/accounts/x')).toBe(true);
    expect(isCurrentSection('/appointments', '/appointments-old')).toBe(false);
    expect(isCurrentSection('/', '/appointments')).toBe(false);
    expect(isCurrentSection('/doctors', '/doctors/0b0e4c2a')).toBe(true);
    expect(isCurrentSection('/doctor/today', '/doctor/today')).toBe(true);
    expect(isCurrentSection('/doctor/today', '/doctor/practice')).toBe(false);
  });
});
