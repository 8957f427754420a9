/**
 * Sessions: a short-lived access token (JWT, 15 min, api/auth/tokens.ts) plus a rotating refresh
 * token. Each refresh spends the presented token and hands out the next one of the same family;
 * the family id is the access token's `sid`. Presenting a spent token means two parties hold the
 * family (one of them stole it), so the whole family is revoked.
 *
 * Access tokens are not looked up per request: after a revocation (logout, reuse, suspension,
 * password reset, role change) one that was already issued keeps working until it expires, at
 * most 15 minutes. That is the price of stateless access tokens, accepted here.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import type { Role } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import { rolesOf } from './accounts.js';
import type { AuthDeps } from './auth-deps.js';
import { randomToken, tokenHash } from './secrets.js';
import { issueAccessToken } from './tokens.js';
import { inTransaction, type Queryable } from './transaction.js';

export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface IssuedSession {
  readonly accountId: string;
  readonly familyId: string;
  readonly roles: readonly Role[];
  readonly mfa: boolean;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

type SessionDeps = Pick<AuthDeps, 'masterKey' | 'now'>;

/** Adds a refresh token to a family (a new one when familyId is absent) and signs its access token. */
async function issue(
  deps: SessionDeps,
  db: Queryable,
  input: { accountId: string; mfa: boolean; familyId?: string },
): Promise<IssuedSession> {
  const at = deps.now();
  const familyId = input.familyId ?? randomUUID();
  const refreshToken = randomToken();
  const refreshTokenExpiresAt = new Date(at.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
  await db.query(
    `INSERT INTO refresh_tokens (id, family_id, account_id, token_hash, expires_at, mfa, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      randomUUID(),
      familyId,
      input.accountId,
      tokenHash(deps.masterKey, refreshToken),
      refreshTokenExpiresAt,
      input.mfa,
      at,
    ],
  );
  // Roles are read at every issue, so a grant or revocation reaches the next refresh.
  const roles = await rolesOf(db, input.accountId);
  const access = await issueAccessToken(
    deps.masterKey,
    { kind: 'account', accountId: input.accountId, roles, mfa: input.mfa, sessionId: familyId },
    at,
  );
  return {
    accountId: input.accountId,
    familyId,
    roles,
    mfa: input.mfa,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt,
  };
}

export const startSession = (deps: SessionDeps, db: Queryable, input: { accountId: string; mfa: boolean }) =>
  issue(deps, db, input);

const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);

export async function rotateRefreshToken(
  deps: Pick<AuthDeps, 'pool' | 'eventStore' | 'masterKey' | 'now'>,
  refreshToken: string,
): Promise<IssuedSession> {
  const at = deps.now();
  const outcome = await inTransaction(deps.pool, async (client) => {
    // FOR UPDATE: of two concurrent refreshes with one token, the second sees it rotated.
    const { rows } = await client.query<{
      family_id: string;
      account_id: string;
      expires_at: Date;
      rotated_at: Date | null;
      revoked_at: Date | null;
      mfa: boolean;
      status: string;
    }>(
      `SELECT t.family_id, t.account_id, t.expires_at, t.rotated_at, t.revoked_at, t.mfa, a.status
         FROM refresh_tokens t JOIN accounts a ON a.id = t.account_id
        WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [tokenHash(deps.masterKey, refreshToken)],
    );
    const token = rows[0];
    if (!token) return { kind: 'unknown' } as const;
    if (token.rotated_at) {
      const revoked = await revokeFamilyRows(client, token.family_id, at);
      return { kind: 'reused', familyId: token.family_id, accountId: token.account_id, revoked } as const;
    }
    if (token.revoked_at) return { kind: 'revoked' } as const;
    if (token.expires_at <= at) return { kind: 'expired' } as const;
    if (token.status !== 'active') return { kind: 'suspended' } as const;
    await client.query('UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1', [
      tokenHash(deps.masterKey, refreshToken),
      at,
    ]);
    const session = await issue(deps, client, {
      accountId: token.account_id,
      mfa: token.mfa,
      familyId: token.family_id,
    });
    return { kind: 'rotated', session } as const;
  });

  switch (outcome.kind) {
    case 'rotated':
      return outcome.session;
    case 'reused':
      if (outcome.revoked > 0)
        await recordAudit(deps.eventStore, {
          type: 'SessionRevoked',
          actorId: null,
          subjectId: outcome.accountId,
          data: { sessionId: outcome.familyId, reason: 'refresh_token_reused' },
          at,
        });
      throw unauthenticated(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used, so the session has been ended for safety. Log in again.',
      );
    case 'revoked':
      throw unauthenticated('REFRESH_TOKEN_REVOKED', 'This session has ended. Log in again.');
    case 'expired':
      throw unauthenticated('REFRESH_TOKEN_EXPIRED', 'This session has expired. Log in again.');
    case 'unknown':
      throw unauthenticated('INVALID_REFRESH_TOKEN', 'This refresh token is not valid. Log in again.');
    case 'suspended':
      throw accountSuspended();
  }
}

export const accountSuspended = () =>
  new DomainError('forbidden', 'ACCOUNT_SUSPENDED', 'This account is suspended. Contact support to restore it.');

async function revokeFamilyRows(db: Queryable, familyId: string, at: Date): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
    [familyId, at],
  );
  return rowCount ?? 0;
}

/** The family of a refresh token, if the token is known (logout by token). */
export async function familyOfRefreshToken(
  deps: Pick<AuthDeps, 'pool' | 'masterKey'>,
  refreshToken: string,
): Promise<{ familyId: string; accountId: string } | undefined> {
  const { rows } = await deps.pool.query<{ family_id: string; account_id: string }>(
    'SELECT family_id, account_id FROM refresh_tokens WHERE token_hash = $1',
    [tokenHash(deps.masterKey, refreshToken)],
  );
  return rows[0] ? { familyId: rows[0].family_id, accountId: rows[0].account_id } : undefined;
}

/** Ends one session (logout). */
export async function revokeSession(
  deps: Pick<AuthDeps, 'pool' | 'eventStore' | 'now'>,
  session: { familyId: string; accountId: string; actorId: string | null; reason: string },
): Promise<void> {
  const at = deps.now();
  if ((await revokeFamilyRows(deps.pool, session.familyId, at)) === 0) return;
  await recordAudit(deps.eventStore, {
    type: 'SessionRevoked',
    actorId: session.actorId,
    subjectId: session.accountId,
    data: { sessionId: session.familyId, reason: session.reason },
    at,
  });
}

/** Ends every session of an account (log out everywhere, password reset, suspension). Audit is the caller's. */
export async function revokeAllSessionRows(db: Queryable, accountId: string, at: Date): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE refresh_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL',
    [accountId, at],
  );
  return rowCount ?? 0;
}

export async function revokeAllSessions(
  deps: Pick<AuthDeps, 'pool' | 'eventStore' | 'now'>,
  input: { accountId: string; actorId: string | null; reason: string },
): Promise<void> {
  const at = deps.now();
  const revoked = await revokeAllSessionRows(deps.pool, input.accountId, at);
  await recordAudit(deps.eventStore, {
    type: 'SessionRevoked',
    actorId: input.actorId,
    subjectId: input.accountId,
    data: { scope: 'all', reason: input.reason, tokensRevoked: revoked },
    at,
  });
}
