/**
 * One master key (CONSULTA_MASTER_KEY) and keys derived from it per purpose with HKDF, so a leak
 * of one derived key (say the JWT key) reveals nothing about the others.
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose =
  | 'jwt'
  | 'person-key-wrap'
  | 'totp-secret'
  | 'token-hash'
  | 'file-encryption'
  | 'file-link'
  /** The local (test/development) payments adapter's webhook signatures and checkout form tokens. */
  | 'local-payment-webhook'
  /** The local development video adapter's join tokens. */
  | 'local-video-token';

export function deriveKey(masterKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('consulta'), Buffer.from(`consulta/${purpose}`), 32));
}
