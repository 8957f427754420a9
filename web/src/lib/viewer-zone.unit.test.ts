import { describe, expect, it } from 'vitest';
import { localeFrom, resolveViewerZone } from './viewer-zone';

describe('resolveViewerZone', () => {
  it('prefers the address, then the cookie, then UTC', () => {
    expect(resolveViewerZone('Asia/Kolkata', 'Europe/Lisbon')).toEqual({ timeZone: 'Asia/Kolkata', known: true });
    expect(resolveViewerZone(null, 'Europe/Lisbon')).toEqual({ timeZone: 'Europe/Lisbon', known: true });
    expect(resolveViewerZone('Mars/Olympus', undefined)).toEqual({ timeZone: 'UTC', known: false });
  });
});

describe('localeFrom', () => {
  it('takes the first language Intl knows', () => {
    expect(localeFrom('pt-MZ,pt;q=0.9,en;q=0.8')).toBe('pt-MZ');
    expect(localeFrom('*;q=0.5, en-in')).toBe('en-IN');
    expect(localeFrom(null)).toBe('en-GB');
  });
});
