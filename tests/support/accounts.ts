/**
 * Accounts for tests: a row in the identity tables (the access context checks status and roles
 * there) and a signed access token for it. Every call makes a fresh account.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../domain/identity/roles.js';
import { anActor, type TestActor } from './auth.js';

export async function givenAccount(
  pool: pg.Pool,
  roles: readonly Role[] = ['patient'],
  options: { mfa?: boolean; status?: 'active' | 'suspended'; email?: string } = {},
): Promise<TestActor> {
  const accountId = randomUUID();
  await pool.query('INSERT INTO accounts (id, email, status) VALUES ($1, $2, $3)', [
    accountId,
    options.email ?? `${accountId}@example.test`,
    options.status ?? 'active',
  ]);
  for (const role of roles) {
    await pool.query('INSERT INTO account_roles (account_id, role) VALUES ($1, $2)', [accountId, role]);
  }
  return anActor(roles, { accountId, mfa: options.mfa ?? true });
}
