/** What admins do to accounts: find them, grant and revoke roles, suspend and reinstate. */
import { conflict, notFound } from '../../domain/shared/errors.js';
import type { Role } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import { findAccountById, insertRole, rolesOf, type AccountStatus } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { revokeAllSessionRows } from './sessions.js';
import { inTransaction } from './transaction.js';

export interface AccountSummary {
  readonly id: string;
  readonly email: string | null;
  readonly roles: Role[];
  readonly status: AccountStatus;
}

const LIST_LIMIT = 50;

/** Accounts whose email starts with `emailPrefix` (all when absent), by email. */
export async function listAccounts(deps: Pick<AuthDeps, 'pool'>, emailPrefix?: string): Promise<AccountSummary[]> {
  const pattern = emailPrefix ? `${emailPrefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
  const { rows } = await deps.pool.query<{ id: string; email: string | null; status: AccountStatus; roles: Role[] }>(
    `SELECT a.id, a.email, a.status,
            coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM accounts a LEFT JOIN account_roles r ON r.account_id = a.id
      WHERE coalesce(a.email, '') LIKE $1
      GROUP BY a.id ORDER BY a.email NULLS LAST, a.id LIMIT $2`,
    [pattern, LIST_LIMIT],
  );
  return rows;
}

export async function accountSummary(deps: Pick<AuthDeps, 'pool'>, accountId: string): Promise<AccountSummary> {
  const account = await findAccountById(deps.pool, accountId);
  if (!account) throw notFound('ACCOUNT_NOT_FOUND', 'No account with this id.');
  return { id: account.id, email: account.email, roles: await rolesOf(deps.pool, account.id), status: account.status };
}

/** Granting a role it already has changes nothing and records nothing. */
export async function grantRole(
  deps: AuthDeps,
  input: { adminId: string; accountId: string; role: Role },
): Promise<AccountSummary> {
  await accountSummary(deps, input.accountId);
  const at = deps.now();
  if (await insertRole(deps.pool, { accountId: input.accountId, role: input.role, grantedBy: input.adminId, at }))
    await recordAudit(deps.eventStore, {
      type: 'RoleGranted',
      actorId: input.adminId,
      subjectId: input.accountId,
      data: { role: input.role },
      at,
    });
  return accountSummary(deps, input.accountId);
}

export async function revokeRole(
  deps: AuthDeps,
  input: { adminId: string; accountId: string; role: Role },
): Promise<AccountSummary> {
  await accountSummary(deps, input.accountId);
  if (input.role === 'admin' && input.adminId === input.accountId)
    throw conflict('CANNOT_REVOKE_OWN_ADMIN', 'You cannot remove your own admin role; ask another admin.');
  const at = deps.now();
  const { rowCount } = await deps.pool.query('DELETE FROM account_roles WHERE account_id = $1 AND role = $2', [
    input.accountId,
    input.role,
  ]);
  if (rowCount)
    await recordAudit(deps.eventStore, {
      type: 'RoleRevoked',
      actorId: input.adminId,
      subjectId: input.accountId,
      data: { role: input.role },
      at,
    });
  return accountSummary(deps, input.accountId);
}

/** Suspending ends every session; reinstating lets the account log in again. */
export async function setAccountStatus(
  deps: AuthDeps,
  input: { adminId: string; accountId: string; status: AccountStatus },
): Promise<AccountSummary> {
  if (input.adminId === input.accountId && input.status === 'suspended')
    throw conflict('CANNOT_SUSPEND_SELF', 'You cannot suspend your own account.');
  const at = deps.now();
  const changed = await inTransaction(deps.pool, async (client) => {
    const { rowCount } = await client.query('UPDATE accounts SET status = $2 WHERE id = $1 AND status <> $2', [
      input.accountId,
      input.status,
    ]);
    const revoked =
      rowCount && input.status === 'suspended' ? await revokeAllSessionRows(client, input.accountId, at) : 0;
    return { changed: rowCount === 1, revoked };
  });
  const summary = await accountSummary(deps, input.accountId);
  if (changed.changed) {
    await recordAudit(deps.eventStore, {
      type: input.status === 'suspended' ? 'AccountSuspended' : 'AccountReinstated',
      actorId: input.adminId,
      subjectId: input.accountId,
      at,
    });
    if (input.status === 'suspended')
      await recordAudit(deps.eventStore, {
        type: 'SessionRevoked',
        actorId: input.adminId,
        subjectId: input.accountId,
        data: { scope: 'all', reason: 'account_suspended', tokensRevoked: changed.revoked },
        at,
      });
  }
  return summary;
}
