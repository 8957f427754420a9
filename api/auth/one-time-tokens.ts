/** Single-use tokens sent by email (verify the address, reset the password), stored as HMACs. */
import type { AuthDeps } from './auth-deps.js';
import { randomToken, tokenHash } from './secrets.js';
import type { Queryable } from './transaction.js';

export type OneTimePurpose = 'email_verify' | 'password_reset';

export const ONE_TIME_TOKEN_TTL_SECONDS: Record<OneTimePurpose, number> = {
  email_verify: 24 * 60 * 60,
  password_reset: 30 * 60,
};

export async function issueOneTimeToken(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  input: { accountId: string; purpose: OneTimePurpose; at: Date },
): Promise<string> {
  const token = randomToken();
  await db.query(
    `INSERT INTO one_time_tokens (token_hash, account_id, purpose, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [
      tokenHash(deps.masterKey, token),
      input.accountId,
      input.purpose,
      new Date(input.at.getTime() + ONE_TIME_TOKEN_TTL_SECONDS[input.purpose] * 1000),
      input.at,
    ],
  );
  return token;
}

/** The account a live (unused, unexpired) token belongs to, without spending it. */
export async function peekOneTimeToken(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  input: { token: string; purpose: OneTimePurpose; at: Date },
): Promise<string | undefined> {
  const { rows } = await db.query<{ account_id: string }>(
    `SELECT account_id FROM one_time_tokens
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
    [tokenHash(deps.masterKey, input.token), input.purpose, input.at],
  );
  return rows[0]?.account_id;
}

/** Spends a live token; one UPDATE, so two requests with the same token cannot both succeed. */
export async function consumeOneTimeToken(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  input: { token: string; purpose: OneTimePurpose; at: Date },
): Promise<string | undefined> {
  const { rows } = await db.query<{ account_id: string }>(
    `UPDATE one_time_tokens SET used_at = $3
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING account_id`,
    [tokenHash(deps.masterKey, input.token), input.purpose, input.at],
  );
  return rows[0]?.account_id;
}

/** Spends every live token of this purpose for the account (a newer reset link replaces the older ones). */
export async function spendOutstandingTokens(
  db: Queryable,
  input: { accountId: string; purpose: OneTimePurpose; at: Date },
): Promise<void> {
  await db.query('UPDATE one_time_tokens SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL', [
    input.accountId,
    input.purpose,
    input.at,
  ]);
}
