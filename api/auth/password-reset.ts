/**
 * Password reset by email: a single-use token valid 30 minutes. Asking never reveals whether the
 * email has an account; completing it ends every session of the account.
 */
import { recordAudit } from '../audit.js';
import { findAccountByEmail, findAccountById, setPasswordHash } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { invalidToken } from './email-verification.js';
import { loginThrottleKeys } from './login.js';
import { consumeOneTimeToken, issueOneTimeToken, peekOneTimeToken, spendOutstandingTokens } from './one-time-tokens.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import { revokeAllSessionRows } from './sessions.js';
import { clearThrottle } from './throttle.js';
import { inTransaction } from './transaction.js';

export async function requestPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const account = await findAccountByEmail(deps.pool, email);
  if (!account?.email || account.status !== 'active') return;
  const at = deps.now();
  const token = await inTransaction(deps.pool, async (client) => {
    await spendOutstandingTokens(client, { accountId: account.id, purpose: 'password_reset', at });
    return issueOneTimeToken(deps, client, { accountId: account.id, purpose: 'password_reset', at });
  });
  const link = `${deps.publicWebUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: account.email,
    subject: 'Reset your Consulta password',
    text: `Open this link to choose a new password:\n\n${link}\n\nThe link works once, for 30 minutes. If you did not ask for this, ignore this email; your password stays as it is.`,
  });
  await recordAudit(deps.eventStore, { type: 'PasswordResetRequested', actorId: null, subjectId: account.id, at });
}

export async function resetPassword(deps: AuthDeps, input: { token: string; password: string }): Promise<void> {
  const at = deps.now();
  // Check the password before spending the token, so a weak one can be corrected with the same link.
  const accountId = await peekOneTimeToken(deps, deps.pool, { token: input.token, purpose: 'password_reset', at });
  const account = accountId ? await findAccountById(deps.pool, accountId) : undefined;
  if (!account) throw invalidToken();
  assertStrongPassword(input.password, account.email);
  const hash = await hashPassword(input.password);
  const revoked = await inTransaction(deps.pool, async (client) => {
    if (!(await consumeOneTimeToken(deps, client, { token: input.token, purpose: 'password_reset', at })))
      throw invalidToken();
    await setPasswordHash(client, account.id, hash, at);
    // Following the emailed link proves the address too.
    await client.query('UPDATE accounts SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL', [
      account.id,
      at,
    ]);
    if (account.email) await clearThrottle(client, loginThrottleKeys(deps, { email: account.email }));
    return revokeAllSessionRows(client, account.id, at);
  });
  await recordAudit(deps.eventStore, {
    type: 'PasswordResetCompleted',
    actorId: account.id,
    subjectId: account.id,
    at,
  });
  await recordAudit(deps.eventStore, {
    type: 'SessionRevoked',
    actorId: account.id,
    subjectId: account.id,
    data: { scope: 'all', reason: 'password_reset', tokensRevoked: revoked },
    at,
  });
}
