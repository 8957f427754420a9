/** Accounts with an email and a password: self-registration, the admin CLI and the demo seed. */
import { conflict } from '../../domain/shared/errors.js';
import type { Role } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import { insertAccount, insertRole, setPasswordHash } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import { inTransaction } from './transaction.js';

export interface NewPasswordAccount {
  /** Lower-cased (domain/identity/contact.ts). */
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  /** Fixed ids for the demo seed; random otherwise. */
  readonly id?: string;
  /** Who created it: null for self-registration, the CLI and the seed. */
  readonly actorId?: string | null;
  readonly method?: 'self_registration' | 'cli' | 'demo_seed';
}

export async function createPasswordAccount(
  deps: Pick<AuthDeps, 'pool' | 'eventStore' | 'now'>,
  input: NewPasswordAccount,
): Promise<{ id: string; email: string; roles: Role[] }> {
  assertStrongPassword(input.password, input.email);
  const hash = await hashPassword(input.password);
  const at = deps.now();
  const account = await inTransaction(deps.pool, async (client) => {
    const created = await insertAccount(client, { id: input.id, email: input.email, createdAt: at });
    if (!created) throw conflict('EMAIL_TAKEN', 'An account with this email address already exists. Log in instead.');
    await setPasswordHash(client, created.id, hash, at);
    await insertRole(client, { accountId: created.id, role: input.role, grantedBy: input.actorId ?? null, at });
    return created;
  });
  await recordAudit(deps.eventStore, {
    type: 'AccountRegistered',
    actorId: input.actorId ?? account.id,
    subjectId: account.id,
    data: { method: 'password', role: input.role, via: input.method ?? 'self_registration' },
    at,
  });
  return { id: account.id, email: input.email, roles: [input.role] };
}
