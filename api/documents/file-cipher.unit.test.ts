import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileCipher } from './file-cipher.js';

const masterKey = randomBytes(32);
const plaintext = Buffer.from('%PDF-1.7 the licence of Dr. Ana');

describe('sealing files at rest', () => {
  it('round-trips, with a fresh key and IV every time, and no plaintext in the sealed bytes', () => {
    const cipher = createFileCipher(masterKey);
    const id = randomUUID();
    const [first, second] = [cipher.seal(id, plaintext), cipher.seal(id, plaintext)];
    expect(first.ciphertext.includes(plaintext)).toBe(false);
    expect(first.ciphertext.includes(Buffer.from('licence'))).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.wrappedKey.equals(second.wrappedKey)).toBe(false);
    expect(cipher.open(id, first)).toEqual(plaintext);
    expect(createFileCipher(masterKey).open(id, second)).toEqual(plaintext);
  });

  it('refuses changed bytes, bytes or a key moved to another document, and another master key', () => {
    const cipher = createFileCipher(masterKey);
    const [id, other] = [randomUUID(), randomUUID()];
    const sealed = cipher.seal(id, plaintext);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(() => cipher.open(id, { ...sealed, ciphertext: flipped })).toThrow();
    expect(() => cipher.open(other, sealed)).toThrow();
    expect(() => cipher.open(id, { ...sealed, wrappedKey: cipher.seal(other, plaintext).wrappedKey })).toThrow();
    expect(() => createFileCipher(randomBytes(32)).open(id, sealed)).toThrow();
  });
});
