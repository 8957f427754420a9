/**
 * One personal value sealed with a person's data key: AES-256-GCM, a fresh 96-bit IV per value,
 * the person id as additional data (a value copied into another person's event does not open),
 * written as `pii:v1:<base64 of iv ‖ ciphertext ‖ tag>` so a reader knows what it holds.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JsonValue } from '../event-store.js';

const PREFIX = 'pii:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function sealValue(dataKey: Buffer, personId: string, value: JsonValue): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(personId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

/** Throws when the value was not sealed with this key for this person (tampering or a mix-up). */
export function openValue(dataKey: Buffer, personId: string, sealed: string): JsonValue {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(personId));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JsonValue;
}
