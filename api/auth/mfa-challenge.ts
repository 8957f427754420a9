/**
 * The mfaToken between the first factor (password or OTP) and the second (TOTP or backup code):
 * a JWT valid 5 minutes, for an audience only POST /auth/login/mfa accepts. Access tokens have
 * another audience, so neither can stand in for the other.
 */
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { deriveKey } from './keys.js';

export const MFA_CHALLENGE_TTL_SECONDS = 5 * 60;
const ISSUER = 'consulta';
const AUDIENCE = 'consulta-login-mfa';

export type FirstFactor = 'password' | 'otp';

const claims = z.object({ sub: z.uuid(), firstFactor: z.enum(['password', 'otp']) });

export async function issueMfaChallenge(
  masterKey: Buffer,
  challenge: { accountId: string; firstFactor: FirstFactor },
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ firstFactor: challenge.firstFactor })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(challenge.accountId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + MFA_CHALLENGE_TTL_SECONDS)
    .sign(deriveKey(masterKey, 'jwt'));
}

export async function verifyMfaChallenge(
  masterKey: Buffer,
  token: string,
  now: Date,
): Promise<{ accountId: string; firstFactor: FirstFactor } | undefined> {
  try {
    const { payload } = await jwtVerify(token, deriveKey(masterKey, 'jwt'), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const parsed = claims.safeParse(payload);
    return parsed.success ? { accountId: parsed.data.sub, firstFactor: parsed.data.firstFactor } : undefined;
  } catch {
    return undefined;
  }
}
