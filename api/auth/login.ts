/**
 * Logging in: a first factor (password here, phone OTP in otp-login.ts), then, when the account
 * has TOTP on, a second one through a 5-minute mfaToken. Every attempt is throttled per account
 * and per client address before the credential is even looked at.
 */
import { DomainError } from '../../domain/shared/errors.js';
import type { JsonObject } from '../../eventstore/event-store.js';
import { recordAudit } from '../audit.js';
import { findAccountByEmail, findAccountById, passwordHashOf, totpEnabled, type Account } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { issueMfaChallenge, verifyMfaChallenge, type FirstFactor } from './mfa-challenge.js';
import { verifyPassword } from './passwords.js';
import { accountSuspended, startSession, type IssuedSession } from './sessions.js';
import { reserveAttempts, THROTTLE_POLICIES, throttleKey, type ThrottleKey } from './throttle.js';
import { acceptSecondFactor } from './totp.js';
import { inTransaction } from './transaction.js';

export type LoginOutcome =
  | { readonly kind: 'session'; readonly session: IssuedSession }
  | { readonly kind: 'mfa_required'; readonly mfaToken: string };

/** Audit stream for failures that cannot name an account (unknown email): no identifier at all. */
export const LOGIN_FAILURES_SUBJECT = 'login-failures';

export function loginThrottleKeys(
  deps: Pick<AuthDeps, 'masterKey'>,
  input: { email: string; ip?: string },
): ThrottleKey[] {
  return [
    throttleKey(deps, 'login:email', input.email, THROTTLE_POLICIES.account, 'reset'),
    ...(input.ip ? [addressKey(deps, input.ip)] : []),
  ];
}

export const addressKey = (deps: Pick<AuthDeps, 'masterKey'>, ip: string) =>
  throttleKey(deps, 'login:ip', ip, THROTTLE_POLICIES.address, 'one');

export async function recordLoginFailure(
  deps: Pick<AuthDeps, 'eventStore' | 'now'>,
  accountId: string | undefined,
  data: { method: FirstFactor; reason: string },
): Promise<void> {
  await recordAudit(deps.eventStore, {
    type: 'LoginFailed',
    actorId: null,
    subjectId: accountId ?? LOGIN_FAILURES_SUBJECT,
    data,
    at: deps.now(),
  });
}

const invalidCredentials = () =>
  new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'The email address or the password is not right.');

export async function loginWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string; ip: string },
): Promise<LoginOutcome> {
  const account = await findAccountByEmail(deps.pool, input.email);
  const reservation = await reserveAttempts(deps, loginThrottleKeys(deps, input), () =>
    recordLoginFailure(deps, account?.id, { method: 'password', reason: 'rate_limited' }),
  );
  const storedHash = account ? await passwordHashOf(deps.pool, account.id) : undefined;
  // Unknown accounts are checked against a dummy hash: same answer, about the same time.
  const valid = await verifyPassword(storedHash, input.password);
  if (!account || !valid) {
    await recordLoginFailure(deps, account?.id, {
      method: 'password',
      reason: account ? 'invalid_password' : 'unknown_account',
    });
    throw invalidCredentials();
  }
  await reservation.release();
  return afterFirstFactor(deps, account, 'password');
}

/** The first factor passed: a session, or the mfaToken when TOTP is on. */
export async function afterFirstFactor(deps: AuthDeps, account: Account, method: FirstFactor): Promise<LoginOutcome> {
  if (account.status !== 'active') {
    await recordLoginFailure(deps, account.id, { method, reason: 'account_suspended' });
    throw accountSuspended();
  }
  if (await totpEnabled(deps.pool, account.id)) {
    return {
      kind: 'mfa_required',
      mfaToken: await issueMfaChallenge(deps.masterKey, { accountId: account.id, firstFactor: method }, deps.now()),
    };
  }
  const session = await startSession(deps, deps.pool, { accountId: account.id, mfa: false });
  await recordLoginSuccess(deps, account.id, { method, mfa: false });
  return { kind: 'session', session };
}

async function recordLoginSuccess(deps: AuthDeps, accountId: string, data: JsonObject): Promise<void> {
  await recordAudit(deps.eventStore, {
    type: 'LoginSucceeded',
    actorId: accountId,
    subjectId: accountId,
    data,
    at: deps.now(),
  });
}

export async function completeMfaLogin(
  deps: AuthDeps,
  input: { mfaToken: string; code: string; ip: string },
): Promise<IssuedSession> {
  const at = deps.now();
  const challenge = await verifyMfaChallenge(deps.masterKey, input.mfaToken, at);
  if (!challenge)
    throw new DomainError(
      'unauthenticated',
      'INVALID_MFA_TOKEN',
      'This sign-in step has expired (5 minutes) or is not valid. Start again with your password or phone code.',
    );
  const account = await findAccountById(deps.pool, challenge.accountId);
  if (!account) throw invalidCredentials();
  const reservation = await reserveAttempts(
    deps,
    [throttleKey(deps, 'mfa:account', account.id, THROTTLE_POLICIES.account, 'reset'), addressKey(deps, input.ip)],
    () => recordLoginFailure(deps, account.id, { method: challenge.firstFactor, reason: 'rate_limited' }),
  );
  if (account.status !== 'active') throw accountSuspended();
  // The code is spent and the session row written in one transaction: no code, no row.
  const result = await inTransaction(deps.pool, async (client) => {
    const factor = await acceptSecondFactor(deps, client, account.id, input.code, at);
    if (!factor) return undefined;
    return { factor, session: await startSession(deps, client, { accountId: account.id, mfa: true }) };
  });
  if (!result) {
    await recordLoginFailure(deps, account.id, { method: challenge.firstFactor, reason: 'invalid_mfa_code' });
    throw new DomainError('unauthenticated', 'INVALID_MFA_CODE', 'That code is not right (or was already used).');
  }
  await reservation.release();
  await recordLoginSuccess(deps, account.id, { method: challenge.firstFactor, mfa: true, secondFactor: result.factor });
  return result.session;
}
