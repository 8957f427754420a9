/**
 * Random tokens, their keyed hashes and the TOTP secret's encryption. Tokens are stored only as
 * HMAC-SHA256 under deriveKey(masterKey, 'token-hash'): a stolen table cannot be replayed, and
 * unlike a plain hash the values cannot be checked offline without the key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './keys.js';

/** 32 random bytes, base64url: refresh tokens, one-time tokens, the CSRF token. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function tokenHash(masterKey: Buffer, value: string): Buffer {
  return createHmac('sha256', deriveKey(masterKey, 'token-hash')).update(value).digest();
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: iv ‖ tag ‖ ciphertext; the account id is bound as associated data, so a row copied to another account does not decrypt. */
export function encryptTotpSecret(masterKey: Buffer, accountId: string, secret: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterKey, 'totp-secret'), iv);
  cipher.setAAD(Buffer.from(accountId));
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptTotpSecret(masterKey: Buffer, accountId: string, stored: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterKey, 'totp-secret'), stored.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(accountId));
  decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
