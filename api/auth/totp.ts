/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, ±1 step of clock drift). The secret is
 * stored encrypted (secrets.ts). A code is accepted at most once: the step it matched is stored
 * and only a later step is accepted next, so a code seen over someone's shoulder cannot be replayed.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { conflict, DomainError } from '../../domain/shared/errors.js';
import { ROLES_REQUIRING_MFA } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import { findAccountById, rolesOf, totpEnabled } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { normaliseBackupCode, replaceBackupCodes, useBackupCode } from './backup-codes.js';
import { decryptTotpSecret, encryptTotpSecret } from './secrets.js';
import { inTransaction, type Queryable } from './transaction.js';

const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const WINDOW = 1;
const ISSUER = 'Consulta';

export const TOTP_CODE = /^\d{6}$/;

export function totpUri(secret: Secret, label: string): string {
  return new TOTP({ issuer: ISSUER, label, secret, ...PARAMS }).toString();
}

/** Starts (or restarts) enrolment with a fresh secret; enabled only once a code from it is confirmed. */
export async function setUpTotp(
  deps: AuthDeps,
  accountId: string,
): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
  const account = await findAccountById(deps.pool, accountId);
  if (!account) throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Log in to do this.');
  const secret = new Secret({ size: 20 });
  const { rowCount } = await deps.pool.query(
    `INSERT INTO totp_credentials (account_id, secret_encrypted) VALUES ($1, $2)
     ON CONFLICT (account_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, last_used_step = NULL
       WHERE totp_credentials.enabled_at IS NULL`,
    [accountId, encryptTotpSecret(deps.masterKey, accountId, secret.bytes)],
  );
  if (rowCount === 0)
    throw conflict(
      'TOTP_ALREADY_ENABLED',
      'Two-factor authentication is already on; turn it off first to start again.',
    );
  // The label is what the authenticator app shows; it goes to the account holder only.
  const otpauthUrl = totpUri(secret, account.email ?? account.phone ?? account.id);
  return { secret: secret.base32, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl) };
}

/**
 * Accepts a TOTP code for the account, or returns false. Inside the caller's transaction: the row
 * is locked, so two requests with the same code cannot both pass.
 */
export async function acceptTotpCode(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  accountId: string,
  code: string,
  at: Date,
  options: { pending?: boolean } = {},
): Promise<boolean> {
  if (!TOTP_CODE.test(code)) return false;
  const { rows } = await db.query<{ secret_encrypted: Buffer; enabled_at: Date | null; last_used_step: string | null }>(
    'SELECT secret_encrypted, enabled_at, last_used_step FROM totp_credentials WHERE account_id = $1 FOR UPDATE',
    [accountId],
  );
  const row = rows[0];
  if (!row || (row.enabled_at === null) !== (options.pending ?? false)) return false;
  const secret = Secret.fromHex(decryptTotpSecret(deps.masterKey, accountId, row.secret_encrypted).toString('hex'));
  const timestamp = at.getTime();
  const delta = TOTP.validate({ token: code, secret, timestamp, window: WINDOW, ...PARAMS });
  if (delta === null) return false;
  const step = TOTP.counter({ period: PARAMS.period, timestamp }) + delta;
  if (row.last_used_step !== null && step <= Number(row.last_used_step)) return false;
  await db.query('UPDATE totp_credentials SET last_used_step = $2 WHERE account_id = $1', [accountId, step]);
  return true;
}

export type SecondFactor = 'totp' | 'backup_code';

/** A TOTP code (six digits) or else a backup code; spends what it accepts. */
export async function acceptSecondFactor(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  accountId: string,
  code: string,
  at: Date,
): Promise<SecondFactor | undefined> {
  const trimmed = code.trim();
  if (TOTP_CODE.test(trimmed)) return (await acceptTotpCode(deps, db, accountId, trimmed, at)) ? 'totp' : undefined;
  if (normaliseBackupCode(trimmed).length === 0) return undefined;
  return (await useBackupCode(deps, db, accountId, trimmed, at)) ? 'backup_code' : undefined;
}

const invalidCode = () =>
  new DomainError(
    'validation',
    'INVALID_MFA_CODE',
    'That code is not right (or was already used). Try the current one.',
  );

/** Confirms enrolment with a first code; returns the backup codes, shown this once. */
export async function enableTotp(deps: AuthDeps, accountId: string, code: string): Promise<string[]> {
  const at = deps.now();
  const codes = await inTransaction(deps.pool, async (client) => {
    const { rows } = await client.query<{ enabled_at: Date | null }>(
      'SELECT enabled_at FROM totp_credentials WHERE account_id = $1 FOR UPDATE',
      [accountId],
    );
    if (!rows[0]) throw conflict('TOTP_NOT_SET_UP', 'Start with POST /api/v1/auth/totp/setup to get a secret.');
    if (rows[0].enabled_at) throw conflict('TOTP_ALREADY_ENABLED', 'Two-factor authentication is already on.');
    if (!(await acceptTotpCode(deps, client, accountId, code.trim(), at, { pending: true }))) return undefined;
    await client.query('UPDATE totp_credentials SET enabled_at = $2 WHERE account_id = $1', [accountId, at]);
    return replaceBackupCodes(deps, client, accountId, at);
  });
  if (!codes) throw invalidCode();
  await recordAudit(deps.eventStore, {
    type: 'TwoFactorEnabled',
    actorId: accountId,
    subjectId: accountId,
    data: { method: 'totp' },
    at,
  });
  return codes;
}

export async function disableTotp(deps: AuthDeps, accountId: string, code: string): Promise<void> {
  const roles = await rolesOf(deps.pool, accountId);
  if (roles.some((role) => ROLES_REQUIRING_MFA.includes(role)))
    throw conflict('MFA_REQUIRED_FOR_ROLE', 'Staff accounts (admin, finance) must keep two-factor authentication on.');
  const at = deps.now();
  const disabled = await inTransaction(deps.pool, async (client) => {
    if (!(await totpEnabled(client, accountId)))
      throw conflict('TOTP_NOT_ENABLED', 'Two-factor authentication is not on for this account.');
    if (!(await acceptSecondFactor(deps, client, accountId, code, at))) return false;
    await client.query('DELETE FROM backup_codes WHERE account_id = $1', [accountId]);
    await client.query('DELETE FROM totp_credentials WHERE account_id = $1', [accountId]);
    return true;
  });
  if (!disabled) throw invalidCode();
  await recordAudit(deps.eventStore, { type: 'TwoFactorDisabled', actorId: accountId, subjectId: accountId, at });
}
