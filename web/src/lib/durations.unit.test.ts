import { describe, expect, it } from 'vitest';
import { slugFrom, waitingFor } from './durations';

describe('waitingFor', () => {
  it.each([
    [30_000, '0 min'],
    [45 * 60_000, '45 min'],
    [3 * 3_600_000 + 20 * 60_000, '3 h 20 min'],
    [5 * 3_600_000, '5 h'],
    [26 * 3_600_000, '1 day 2 h'],
    [72 * 3_600_000, '3 days'],
  ])('%d ms → %s', (ms, text) => {
    expect(waitingFor(ms)).toBe(text);
  });
});

describe('slugFrom', () => {
  it('makes a catalog id the API accepts', () => {
    expect(slugFrom('Sleep medicine')).toBe('sleep-medicine');
    expect(slugFrom('Obstetrícia & Ginecologia')).toBe('obstetricia-ginecologia');
    expect(slugFrom('3D imaging')).toBe('d-imaging');
  });
});
