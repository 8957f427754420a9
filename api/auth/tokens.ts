/** Short-lived access tokens (JWT, HS256, 15 minutes) carrying the actor; nothing personal in them. */
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Actor } from '../../domain/access/actor.js';
import { role } from '../../domain/identity/roles.js';
import { deriveKey } from './keys.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'consulta';
const AUDIENCE = 'consulta-api';

const claims = z.object({
  sub: z.uuid(),
  roles: z.array(role),
  mfa: z.boolean(),
  sid: z.uuid(),
});

export type AccountActor = Extract<Actor, { kind: 'account' }>;

export async function issueAccessToken(
  masterKey: Buffer,
  actor: AccountActor,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + ACCESS_TOKEN_TTL_SECONDS) * 1000);
  const token = await new SignJWT({ roles: [...actor.roles], mfa: actor.mfa, sid: actor.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.accountId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(deriveKey(masterKey, 'jwt'));
  return { token, expiresAt };
}

/** The actor a token stands for, or undefined for a token that is forged, expired or malformed. */
export async function verifyAccessToken(
  masterKey: Buffer,
  token: string,
  now = new Date(),
): Promise<AccountActor | undefined> {
  try {
    const { payload } = await jwtVerify(token, deriveKey(masterKey, 'jwt'), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const parsed = claims.safeParse(payload);
    if (!parsed.success) return undefined;
    return {
      kind: 'account',
      accountId: parsed.data.sub,
      roles: parsed.data.roles,
      mfa: parsed.data.mfa,
      sessionId: parsed.data.sid,
    };
  } catch {
    return undefined;
  }
}

/**
 * When a token that already verified stops being valid. Long-lived uses of one token (a GraphQL
 * subscription socket) must end there, as every HTTP request would.
 */
export function accessTokenExpiry(verifiedToken: string): Date | null {
  try {
    const { exp } = decodeJwt(verifiedToken);
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
