/**
 * Logging in (or signing up) with a code sent by SMS to a phone number, through the Verification
 * port. Requests and checks are throttled per phone and per client address.
 *
 * A sign-up may name the role of the new account (patient or doctor, as registration by email
 * does; patient when absent). The role only ever shapes a new account: for a number that already
 * has one, a role the account holds is simply a login, and a role it does not hold is refused
 * (409 PHONE_ACCOUNT_EXISTS) instead of silently logging the person in as something they did not
 * ask to be. The refusal comes after the code is checked, so it tells nothing about the number to
 * anyone who does not hold the phone; roles are granted by admins only, never by this route.
 */
import { conflict, DomainError } from '../../domain/shared/errors.js';
import type { SelfServiceRole } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import { findAccountByPhone, insertAccount, insertRole, rolesOf, type Account } from './accounts.js';
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
  input: { phone: string; code: string; ip: string; role?: SelfServiceRole },
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
  const found = existing ? { account: existing, created: false } : await phoneAccount(deps, input.phone, input.role);
  if (!found.created && input.role) await assertHoldsRole(deps, found.account, input.role);
  const { account } = found;
  if (!account.phoneVerifiedAt)
    await deps.pool.query('UPDATE accounts SET phone_verified_at = $2 WHERE id = $1 AND phone_verified_at IS NULL', [
      account.id,
      deps.now(),
    ]);
  return afterFirstFactor(deps, account, 'otp');
}

/** The account of a just-verified phone: created with the chosen role (first sign-in), or found. */
async function phoneAccount(
  deps: AuthDeps,
  phone: string,
  role: SelfServiceRole = 'patient',
): Promise<{ account: Account; created: boolean }> {
  const at = deps.now();
  const created = await inTransaction(deps.pool, async (client) => {
    const account = await insertAccount(client, { phone, phoneVerifiedAt: at, createdAt: at });
    if (account) await insertRole(client, { accountId: account.id, role, grantedBy: null, at });
    return account;
  });
  if (created) {
    await recordAudit(deps.eventStore, {
      type: 'AccountRegistered',
      actorId: created.id,
      subjectId: created.id,
      data: { method: 'otp', role, via: 'self_registration' },
      at,
    });
    return { account: created, created: true };
  }
  // Another request created it a moment ago: from here on it is an existing account.
  const account = await findAccountByPhone(deps.pool, phone);
  if (!account) throw new Error('phone account vanished after a unique conflict');
  return { account, created: false };
}

async function assertHoldsRole(deps: AuthDeps, account: Account, role: SelfServiceRole): Promise<void> {
  if ((await rolesOf(deps.pool, account.id)).includes(role)) return;
  await recordLoginFailure(deps, account.id, { method: 'otp', reason: 'sign_up_role_not_held' });
  throw conflict(
    'PHONE_ACCOUNT_EXISTS',
    `This number already has a Consulta account, and it is not a ${role} account, so no new account was made. ` +
      'Log in with the number instead; an administrator can add a role to an existing account.',
  );
}
