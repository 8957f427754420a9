/** Tokens for tests: a signed access token for any actor, minted with the test master key. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../domain/identity/roles.js';
import { issueAccessToken } from '../../api/auth/tokens.js';

/** One random key per test process; nothing outside the process can mint tokens for it. */
export const TEST_MASTER_KEY = randomBytes(32);

export interface TestActor {
  readonly accountId: string;
  readonly roles: readonly Role[];
  readonly headers: { authorization: string };
}

export async function anActor(
  roles: readonly Role[] = ['patient'],
  options: { accountId?: string; mfa?: boolean } = {},
): Promise<TestActor> {
  const accountId = options.accountId ?? randomUUID();
  const { token } = await issueAccessToken(TEST_MASTER_KEY, {
    kind: 'account',
    accountId,
    roles,
    mfa: options.mfa ?? true,
    sessionId: randomUUID(),
  });
  return { accountId, roles, headers: { authorization: `Bearer ${token}` } };
}
