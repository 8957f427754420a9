/**
 * One refresh per refresh token, however many requests need it at the same moment.
 *
 * The API rotates refresh tokens and treats a second use of the same one as theft (it revokes
 * the whole session). A browser easily sends two requests at once with the same cookies (a page
 * and a hover preload, two tabs), and each would try to refresh; without this, the second one
 * would log the person out. So the first refresh's outcome is shared with every request that
 * arrives with the same token within a short grace period. One web server process holds the map;
 * several replicas behind a load balancer would need sticky sessions or a shared store.
 */
import { createHash } from 'node:crypto';
import type { ApiResult } from '../api-http';
import type { TokenPair } from '../identity-schemas';

export type RefreshResult = ApiResult<{ session: TokenPair }>;

const GRACE_MS = 20_000;

interface Entry {
  readonly outcome: Promise<RefreshResult>;
  expiresAt: number;
}

const entries = new Map<string, Entry>();

// Keyed by a hash so the map never holds a usable token as a key.
const keyOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('base64url');

function sweep(now: number): void {
  for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
}

export function refreshOnce(
  refreshToken: string,
  refresh: (refreshToken: string) => Promise<RefreshResult>,
  now: () => number = Date.now,
): Promise<RefreshResult> {
  sweep(now());
  const key = keyOf(refreshToken);
  const existing = entries.get(key);
  if (existing) return existing.outcome;

  const entry: Entry = { outcome: refresh(refreshToken), expiresAt: Number.POSITIVE_INFINITY };
  entries.set(key, entry);
  void entry.outcome.then((result) => {
    // An unreachable API is worth asking again at once; an answer (new pair or refusal) is not.
    if (result.status === 0) entries.delete(key);
    else entry.expiresAt = now() + GRACE_MS;
  });
  return entry.outcome;
}
