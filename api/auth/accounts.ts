/** The accounts table and its roles: reads and the few writes every flow shares. */
import { randomUUID } from 'node:crypto';
import { role as roleSchema, type Role } from '../../domain/identity/roles.js';
import type { Queryable } from './transaction.js';

export type AccountStatus = 'active' | 'suspended';

export interface Account {
  readonly id: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly emailVerifiedAt: Date | null;
  readonly phoneVerifiedAt: Date | null;
  readonly status: AccountStatus;
  readonly createdAt: Date;
}

interface AccountRow {
  id: string;
  email: string | null;
  phone: string | null;
  email_verified_at: Date | null;
  phone_verified_at: Date | null;
  status: AccountStatus;
  created_at: Date;
}

const COLUMNS = 'id, email, phone, email_verified_at, phone_verified_at, status, created_at';

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  phone: row.phone,
  emailVerifiedAt: row.email_verified_at,
  phoneVerifiedAt: row.phone_verified_at,
  status: row.status,
  createdAt: row.created_at,
});

async function findOne(db: Queryable, where: string, value: string): Promise<Account | undefined> {
  const { rows } = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE ${where} = $1`, [value]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export const findAccountById = (db: Queryable, id: string) => findOne(db, 'id', id);
/** `email` lower-cased already (domain/identity/contact.ts). */
export const findAccountByEmail = (db: Queryable, email: string) => findOne(db, 'email', email);
export const findAccountByPhone = (db: Queryable, phone: string) => findOne(db, 'phone', phone);

const ROLE_ORDER = roleSchema.options;

export async function rolesOf(db: Queryable, accountId: string): Promise<Role[]> {
  const { rows } = await db.query<{ role: Role }>('SELECT role FROM account_roles WHERE account_id = $1', [accountId]);
  return rows.map((r) => r.role).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
}

/** Inserts the account unless its email or phone is taken; undefined when it is. */
export async function insertAccount(
  db: Queryable,
  account: { id?: string; email?: string; phone?: string; phoneVerifiedAt?: Date; createdAt: Date },
): Promise<Account | undefined> {
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, email, phone, phone_verified_at, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [
      account.id ?? randomUUID(),
      account.email ?? null,
      account.phone ?? null,
      account.phoneVerifiedAt ?? null,
      account.createdAt,
    ],
  );
  return rows[0] ? toAccount(rows[0]) : undefined;
}

/** True when the role was new. */
export async function insertRole(
  db: Queryable,
  grant: { accountId: string; role: Role; grantedBy: string | null; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO account_roles (account_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [grant.accountId, grant.role, grant.at, grant.grantedBy],
  );
  return rowCount === 1;
}

export async function passwordHashOf(db: Queryable, accountId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM password_credentials WHERE account_id = $1',
    [accountId],
  );
  return rows[0]?.password_hash;
}

export async function setPasswordHash(db: Queryable, accountId: string, hash: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO password_credentials (account_id, password_hash, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (account_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`,
    [accountId, hash, at],
  );
}

export async function totpEnabled(db: Queryable, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM totp_credentials WHERE account_id = $1 AND enabled_at IS NOT NULL',
    [accountId],
  );
  return rowCount === 1;
}
