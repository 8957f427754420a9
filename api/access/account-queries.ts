/** What the access context and /me need from the identity tables (owned by the auth service; read only here). */
import type pg from 'pg';
import type { ActingAccount, StoredAccount } from '../../domain/access/policy.js';
import { role, type Role } from '../../domain/identity/roles.js';

type Queryable = Pick<pg.Pool, 'query'>;

const knownRoles = (values: readonly string[]): Role[] =>
  values.flatMap((value) => {
    const parsed = role.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });

export async function findStoredAccount(db: Queryable, accountId: string): Promise<StoredAccount | undefined> {
  const { rows } = await db.query<{ status: string; roles: string[]; doctor_verified: boolean }>(
    `SELECT a.status, coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles,
       EXISTS (SELECT 1 FROM doctor_search d WHERE d.doctor_id = a.id AND d.verification_status = 'verified') AS doctor_verified
     FROM accounts a LEFT JOIN account_roles r ON r.account_id = a.id
     WHERE a.id = $1 GROUP BY a.id`,
    [accountId],
  );
  const row = rows[0];
  return row ? { status: row.status, roles: knownRoles(row.roles), doctorVerified: row.doctor_verified } : undefined;
}

export interface AccountView {
  readonly id: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly emailVerified: boolean;
  readonly totpEnabled: boolean;
}

export async function findAccountView(db: Queryable, accountId: string): Promise<AccountView | undefined> {
  const { rows } = await db.query<{
    id: string;
    email: string | null;
    phone: string | null;
    email_verified: boolean;
    totp_enabled: boolean;
  }>(
    `SELECT a.id, a.email, a.phone, a.email_verified_at IS NOT NULL AS email_verified,
       EXISTS (SELECT 1 FROM totp_credentials t WHERE t.account_id = a.id AND t.enabled_at IS NOT NULL) AS totp_enabled
     FROM accounts a WHERE a.id = $1`,
    [accountId],
  );
  const row = rows[0];
  return row
    ? {
        id: row.id,
        email: row.email,
        phone: row.phone,
        emailVerified: row.email_verified,
        totpEnabled: row.totp_enabled,
      }
    : undefined;
}

/** The signed-in account as /me and GraphQL `me { account }` show it: roles are those in effect. */
export async function ownAccount(db: Queryable, account: ActingAccount) {
  const view = await findAccountView(db, account.accountId);
  return {
    id: account.accountId,
    email: view?.email ?? null,
    phone: view?.phone ?? null,
    roles: [...account.roles],
    emailVerified: view?.emailVerified ?? false,
    totpEnabled: view?.totpEnabled ?? false,
  };
}
