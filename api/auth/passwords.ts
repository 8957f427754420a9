/** Password hashing (argon2id) and the password policy as an API error. */
import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../../domain/shared/errors.js';
import { passwordProblems } from '../../domain/identity/password-policy.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); the library's default algorithm is argon2id
// (its const enum cannot be imported under isolatedModules), which a test asserts from the PHC string.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

/**
 * An unknown account is checked against a hash of a throwaway password, so "no such email" and
 * "wrong password" take about the same time (and answer the same).
 */
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash('consulta-timing-equaliser', OPTIONS);
  const target = storedHash ?? (await dummyHash);
  const matches = await verify(target, password).catch(() => false);
  return storedHash !== undefined && matches;
}

export function assertStrongPassword(password: string, email: string | null | undefined): void {
  const problems = passwordProblems(password, { email });
  if (problems.length > 0)
    throw new DomainError(
      'validation',
      'WEAK_PASSWORD',
      `Choose a stronger password. ${problems.map((p) => p.message).join(' ')}`,
      problems,
    );
}
