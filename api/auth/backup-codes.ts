/**
 * Ten one-time backup codes per account, shown once when TOTP is enabled, stored as HMACs.
 * 10 characters from a 31-letter alphabet without look-alikes (0/o, 1/l/i): about 49 bits each.
 */
import { randomInt } from 'node:crypto';
import type { AuthDeps } from './auth-deps.js';
import { tokenHash } from './secrets.js';
import type { Queryable } from './transaction.js';

export const BACKUP_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** What people type varies: "ABCDE-fghjk", "abcde fghjk". */
export const normaliseBackupCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

function newCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the account's backup codes; returns the new ones in clear, the only time they exist so. */
export async function replaceBackupCodes(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  accountId: string,
  at: Date,
): Promise<string[]> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newCode);
  await db.query('DELETE FROM backup_codes WHERE account_id = $1', [accountId]);
  await db.query(
    `INSERT INTO backup_codes (account_id, code_hash, created_at)
     SELECT $1, hash, $3 FROM unnest($2::bytea[]) AS hash`,
    [accountId, codes.map((code) => tokenHash(deps.masterKey, `backup:${normaliseBackupCode(code)}`)), at],
  );
  return codes;
}

/** Spends a backup code; true when it was valid and unused. One UPDATE, so it is spent at most once. */
export async function useBackupCode(
  deps: Pick<AuthDeps, 'masterKey'>,
  db: Queryable,
  accountId: string,
  code: string,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE backup_codes SET used_at = $3
      WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL`,
    [accountId, tokenHash(deps.masterKey, `backup:${normaliseBackupCode(code)}`), at],
  );
  return rowCount === 1;
}
