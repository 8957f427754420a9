import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileLinks, FILE_LINK_TTL_MS } from './file-links.js';

const masterKey = randomBytes(32);
const at = (iso: string) => () => new Date(iso);

describe('signed file links', () => {
  it('names the document until it expires, five minutes on, in a token short enough for a path segment', () => {
    const id = randomUUID();
    const { token, expiresAt } = createFileLinks(masterKey, at('2030-01-01T10:00:00.400Z')).issue(id);
    expect(expiresAt.toISOString()).toBe('2030-01-01T10:05:00.000Z');
    expect(token.length).toBeLessThanOrEqual(100);
    expect(FILE_LINK_TTL_MS).toBe(300_000);
    expect(createFileLinks(masterKey, at('2030-01-01T10:04:59.999Z')).verify(token)).toBe(id);
    expect(createFileLinks(masterKey, at('2030-01-01T10:05:00.000Z')).verify(token)).toBeUndefined();
  });

  it('refuses a tampered payload or signature, another key, and garbage', () => {
    const links = createFileLinks(masterKey, at('2030-01-01T10:00:00Z'));
    const { token } = links.issue(randomUUID());
    const [payload, signature] = token.split('.') as [string, string];
    const claims = Buffer.from(payload, 'base64url');
    claims.writeUInt32BE(claims.readUInt32BE(17) + 86_400, 17);
    const forged = claims.toString('base64url');
    expect(links.verify(`${forged}.${signature}`)).toBeUndefined();
    expect(links.verify(`${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`)).toBeUndefined();
    expect(links.verify(`${payload}.${signature}.x`)).toBeUndefined();
    expect(createFileLinks(randomBytes(32), at('2030-01-01T10:00:00Z')).verify(token)).toBeUndefined();
    for (const garbage of ['', '.', 'abc', 'a.b']) expect(links.verify(garbage)).toBeUndefined();
  });
});
