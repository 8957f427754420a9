/**
 * Short-lived download links: `/api/v1/files/<token>`, the token being `{ documentId, exp }`
 * signed with HMAC-SHA256 under deriveKey(masterKey, 'file-link'). Whoever holds the link may
 * download the file until it expires (5 minutes), so a browser can open it without sending a
 * session; who may get a link at all is decided when it is issued (domain/access/policy.ts).
 *
 * A token that is tampered with, expired, or for a deleted document reads as "no such file":
 * the caller learns nothing about why.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../auth/keys.js';

export const FILE_LINK_TTL_MS = 5 * 60_000;

// Claims in binary, so a token fits in a path segment (Fastify's default limit is 100 characters):
// version ‖ document id (16 bytes) ‖ expiry in Unix seconds (uint32) = 21 bytes, 28 in base64url.
const VERSION = 1;
const CLAIMS_BYTES = 1 + 16 + 4;

export interface FileLinks {
  issue(documentId: string): { readonly token: string; readonly expiresAt: Date };
  /** The document id the token names, or undefined when it is not valid now. */
  verify(token: string): string | undefined;
}

export function createFileLinks(masterKey: Buffer, now: () => Date): FileLinks {
  const key = deriveKey(masterKey, 'file-link');
  const sign = (encoded: string) => createHmac('sha256', key).update(encoded).digest();

  return {
    issue(documentId) {
      // Whole seconds: the link lasts at most the TTL.
      const expiresAt = new Date(Math.floor((now().getTime() + FILE_LINK_TTL_MS) / 1000) * 1000);
      const claims = Buffer.alloc(CLAIMS_BYTES);
      claims.writeUInt8(VERSION, 0);
      Buffer.from(documentId.replaceAll('-', ''), 'hex').copy(claims, 1);
      claims.writeUInt32BE(expiresAt.getTime() / 1000, 17);
      const encoded = claims.toString('base64url');
      return { token: `${encoded}.${sign(encoded).toString('base64url')}`, expiresAt };
    },

    verify(token) {
      const [encoded, signature, ...rest] = token.split('.');
      if (!encoded || !signature || rest.length > 0) return undefined;
      const expected = sign(encoded);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const claims = Buffer.from(encoded, 'base64url');
      if (claims.length !== CLAIMS_BYTES || claims.readUInt8(0) !== VERSION) return undefined;
      if (claims.readUInt32BE(17) * 1000 <= now().getTime()) return undefined;
      const hex = claims.subarray(1, 17).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
