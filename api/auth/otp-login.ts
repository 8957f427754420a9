/**
 * Logging in (or signing up, as a patient) with a code sent by SMS to a phone number, through the
 * Verification port. Requests and checks are throttled per phone and per client address.
 */
import { DomainError } from '../../domain/shared/errors.js';
import { recordAudit } from '../audit.js';
import { findAccountByPhone, insertAccount, insertRole, type Account } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { addressKey, afterFirstFactor, recordLoginFailure, type LoginOutcome } from './login.js';
import { reserveAttempts, THROTTLE_POLICIES, throttleKey } from './throttle.js';
import { inTransaction } from './transaction.js';

export async function requestOtp(
  deps: AuthDeps,
  input: { phone: string; ip: string },
): Promise<{ expiresInSeconds: number }> {
  await reserveAttempts(deps, [
    throttleKey(deps, 'otp-request:phone', input.phone, THROTTLE_POLICIES.otpRequestPhone, 'one'),
    throttleKey(deps, 'otp-request:ip', input.ip, THROTTLE_POLICIES.otpRequestAddress, 'one'),
  ]);
  return deps.verification.start(input.phone);
}

export async function verifyOtp(
  deps: AuthDeps,
  input: { phone: string; code: string; ip: string },
): Promise<LoginOutcome> {
  const existing = await findAccountByPhone(deps.pool, input.phone);
  const reservation = await reserveAttempts(
    deps,
    [
      throttleKey(deps, 'otp-verify:phone', input.phone, THROTTLE_POLICIES.otpVerifyPhone, 'reset'),
      addressKey(deps, input.ip),
    ],
    () => recordLoginFailure(deps, existing?.id, { method: 'otp', reason: 'rate_limited' }),
  );
  const check = await deps.verification.check(input.phone, input.code.trim());
  if (check !== 'approved') {
    await recordLoginFailure(deps, existing?.id, {
      method: 'otp',
      reason: check === 'wrong_code' ? 'invalid_otp_code' : 'no_pending_otp',
    });
    throw check === 'wrong_code'
      ? new DomainError('unauthenticated', 'INVALID_OTP_CODE', 'That code is not right. Check the SMS and try again.')
      : new DomainError(
          'unauthenticated',
          'OTP_EXPIRED',
          'No code is waiting for this number (it expired, was used, or had too many wrong tries). Ask for a new one.',
        );
  }
  await reservation.release();
  if (existing && !existing.phoneVerifiedAt)
    await deps.pool.query('UPDATE accounts SET phone_verified_at = $2 WHERE id = $1 AND phone_verified_at IS NULL', [
      existing.id,
      deps.now(),
    ]);
  return afterFirstFactor(deps, existing ?? (await phoneAccount(deps, input.phone)), 'otp');
}

/** The account of a just-verified phone: found, or created as a patient (first sign-in). */
async function phoneAccount(deps: AuthDeps, phone: string): Promise<Account> {
  const at = deps.now();
  const created = await inTransaction(deps.pool, async (client) => {
    const account = await insertAccount(client, { phone, phoneVerifiedAt: at, createdAt: at });
    if (account) await insertRole(client, { accountId: account.id, role: 'patient', grantedBy: null, at });
    return account;
  });
  if (created) {
    await recordAudit(deps.eventStore, {
      type: 'AccountRegistered',
      actorId: created.id,
      subjectId: created.id,
      data: { method: 'otp', role: 'patient', via: 'self_registration' },
      at,
    });
    return created;
  }
  // Another request created it a moment ago.
  const account = await findAccountByPhone(deps.pool, phone);
  if (!account) throw new Error('phone account vanished after a unique conflict');
  return account;
}
