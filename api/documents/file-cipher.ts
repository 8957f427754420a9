/**
 * Encryption at rest for uploaded files, in the API and not the store, so the bytes any adapter
 * (disk, S3, a backup of either) holds are ciphertext. Envelope encryption: every file gets its own
 * random AES-256-GCM key; that key is itself sealed (AES-256-GCM) under the key-encryption key
 * deriveKey(masterKey, 'file-encryption') and kept in the database, apart from the bytes. Reading a
 * file needs both the store and the database; forgetting the wrapped key (a deleted document)
 * leaves ciphertext nobody can open.
 *
 * Both seals take the document id as additional data: bytes or a key copied onto another
 * document do not open. Layouts: file = version ‖ IV ‖ ciphertext ‖ tag; wrapped key = IV ‖
 * sealed key ‖ tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from '../auth/keys.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface SealedFile {
  readonly ciphertext: Buffer;
  readonly wrappedKey: Buffer;
}

export interface FileCipher {
  seal(documentId: string, plaintext: Buffer): SealedFile;
  /** Throws when anything was changed, swapped or sealed under another master key. */
  open(documentId: string, sealed: SealedFile): Buffer;
}

function encrypt(key: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, aad: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed data is truncated.');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

export function createFileCipher(masterKey: Buffer): FileCipher {
  const keyEncryptionKey = deriveKey(masterKey, 'file-encryption');
  const aadOf = (documentId: string, what: 'file' | 'key') => Buffer.from(`consulta/document/${what}/${documentId}`);

  return {
    seal(documentId, plaintext) {
      const fileKey = randomBytes(KEY_BYTES);
      try {
        return {
          ciphertext: Buffer.concat([Buffer.of(VERSION), encrypt(fileKey, aadOf(documentId, 'file'), plaintext)]),
          wrappedKey: encrypt(keyEncryptionKey, aadOf(documentId, 'key'), fileKey),
        };
      } finally {
        fileKey.fill(0);
      }
    },

    open(documentId, { ciphertext, wrappedKey }) {
      if (ciphertext[0] !== VERSION) throw new Error(`Unknown file encryption version ${String(ciphertext[0])}.`);
      const fileKey = decrypt(keyEncryptionKey, aadOf(documentId, 'key'), wrappedKey);
      try {
        return decrypt(fileKey, aadOf(documentId, 'file'), ciphertext.subarray(1));
      } finally {
        fileKey.fill(0);
      }
    },
  };
}
