/**
 * Who is on a GraphQL subscription socket. The upgrade request went through the same hooks as any
 * request (authenticate.ts: Bearer header or access cookie, a bad token refused with 401), which
 * gives the socket's context; a client that cannot set headers on a WebSocket sends the same
 * access token in `connection_init` instead ({ authorization: "Bearer …" }, or under `headers`),
 * and that one wins. Either way the access context comes from the policy's resolveAccess, as for
 * every HTTP request; each subscription then asks the policy about the object it follows.
 */
import type pg from 'pg';
import type { Actor } from '../../domain/access/actor.js';
import { resolveAccess, type AccessContext } from '../../domain/access/policy.js';
import { dependantIdsOf } from '../../projections/index.js';
import { findStoredAccount } from '../access/account-queries.js';
import { accessTokenExpiry, verifyAccessToken } from '../auth/tokens.js';

export function bearerOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const record = payload as Record<string, unknown>;
  const headers =
    record.headers && typeof record.headers === 'object' ? (record.headers as Record<string, unknown>) : {};
  const value = record.authorization ?? record.Authorization ?? headers.authorization ?? headers.Authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice('Bearer '.length).trim() : undefined;
}

/**
 * For mercurius' `onConnect`: true keeps the upgrade request's context; an object replaces it with
 * the token's; false refuses the connection (a token that does not verify is never anonymous).
 */
export async function authorizeConnection(
  deps: { readonly pool: pg.Pool; readonly masterKey: Buffer },
  payload: unknown,
): Promise<true | false | { actor: Actor; access: AccessContext; accessExpiresAt: Date | null }> {
  const token = bearerOf(payload);
  if (!token) return true;
  const actor = await verifyAccessToken(deps.masterKey, token);
  if (!actor) return false;
  const [account, dependantIds] = await Promise.all([
    findStoredAccount(deps.pool, actor.accountId),
    dependantIdsOf(deps.pool, actor.accountId),
  ]);
  return { actor, access: resolveAccess({ actor, account, dependantIds }), accessExpiresAt: accessTokenExpiry(token) };
}
