import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openValue, sealValue } from './field-cipher.js';

const key = randomBytes(32);
const PERSON = '11111111-1111-4111-8111-111111111111';

describe('sealed personal values', () => {
  it('round-trips any JSON value and says what it is', () => {
    for (const value of ['Ana', { name: 'Eva', phone: '+351912345679' }, 42]) {
      const sealed = sealValue(key, PERSON, value);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain('Ana');
      expect(openValue(key, PERSON, sealed)).toEqual(value);
    }
    expect(isSealed('Ana')).toBe(false);
  });

  it('refuses a tampered value, another person’s value and another key', () => {
    const sealed = sealValue(key, PERSON, 'Ana');
    const raw = Buffer.from(sealed.slice('pii:v1:'.length), 'base64');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => openValue(key, PERSON, 'pii:v1:' + raw.toString('base64'))).toThrow();
    expect(() => openValue(key, '22222222-2222-4222-8222-222222222222', sealed)).toThrow();
    expect(() => openValue(randomBytes(32), PERSON, sealed)).toThrow();
  });
});
