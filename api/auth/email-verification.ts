/** Email verification: a link with a single-use token (24 h), sent at registration and on request. */
import { MailRecipientRefusedError, type MailMessage } from '../../activities/ports/mailer.js';
import { conflict, DomainError } from '../../domain/shared/errors.js';
import { recordAudit } from '../audit.js';
import { findAccountById } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens.js';

async function verificationMail(deps: AuthDeps, account: { id: string; email: string }): Promise<MailMessage> {
  const token = await issueOneTimeToken(deps, deps.pool, {
    accountId: account.id,
    purpose: 'email_verify',
    at: deps.now(),
  });
  const link = `${deps.publicWebUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return {
    to: account.email,
    subject: 'Confirm your email address for Consulta',
    text: `Open this link to confirm your email address:\n\n${link}\n\nThe link works once, for 24 hours. If you did not create a Consulta account, ignore this email.`,
  };
}

export async function sendVerificationEmail(deps: AuthDeps, account: { id: string; email: string }): Promise<void> {
  await deps.mailer.send(await verificationMail(deps, account));
}

/** The mail server did not take the email this time (down, busy, a 4xx reply): asking again later may work. */
export class MailUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('The mail server did not take the verification email', options);
    this.name = 'MailUnavailableError';
  }
}

/**
 * Throws EMAIL_UNDELIVERABLE (422) when the address's mail server refuses it for good, and
 * MailUnavailableError when the mail server failed otherwise; the caller asked, so neither is hidden.
 */
export async function resendVerificationEmail(deps: AuthDeps, accountId: string): Promise<void> {
  const account = await findAccountById(deps.pool, accountId);
  if (!account?.email) throw conflict('NO_EMAIL', 'This account has no email address to verify.');
  if (account.emailVerifiedAt) throw conflict('EMAIL_ALREADY_VERIFIED', 'This email address is already verified.');
  const message = await verificationMail(deps, { id: account.id, email: account.email });
  try {
    await deps.mailer.send(message);
  } catch (error) {
    if (error instanceof MailRecipientRefusedError)
      throw new DomainError(
        'rule_violation',
        'EMAIL_UNDELIVERABLE',
        'We could not deliver email to this address: its mail server refuses it. Check that the address on your account is spelled right; sending again will not help.',
      );
    throw new MailUnavailableError({ cause: error });
  }
}

export const invalidToken = () =>
  new DomainError(
    'validation',
    'TOKEN_INVALID',
    'This link is not valid: it may have been used already or have expired. Ask for a new one.',
  );

export async function verifyEmail(deps: AuthDeps, token: string): Promise<{ accountId: string }> {
  const at = deps.now();
  const accountId = await consumeOneTimeToken(deps, deps.pool, { token, purpose: 'email_verify', at });
  if (!accountId) throw invalidToken();
  const { rowCount } = await deps.pool.query(
    'UPDATE accounts SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL',
    [accountId, at],
  );
  if (rowCount)
    await recordAudit(deps.eventStore, { type: 'EmailVerified', actorId: accountId, subjectId: accountId, at });
  return { accountId };
}
