/**
 * Login and OTP attempt limits kept in PostgreSQL (login_throttle), so every API instance counts
 * the same attempts. The rules themselves are pure: domain/identity/throttle.ts.
 * Keys are HMACs of the identifier (email, phone, client address): no personal data in the table.
 */
import { TooManyRequestsError } from '../../domain/shared/errors.js';
import {
  releaseAttempt,
  reserveAttempt,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../domain/identity/throttle.js';
import type { AuthDeps } from './auth-deps.js';
import { tokenHash } from './secrets.js';
import { inTransaction, type Queryable } from './transaction.js';

const minute = 60;
const hour = 60 * minute;

export const THROTTLE_POLICIES = {
  /** The 6th password (or second-factor) attempt for one account within a minute is refused. */
  account: { maxAttempts: 5, windowSeconds: minute, baseBlockSeconds: minute, maxBlockSeconds: hour },
  /** One address may hold many people (a clinic, a carrier's NAT): looser, but still bounded. */
  address: { maxAttempts: 30, windowSeconds: minute, baseBlockSeconds: minute, maxBlockSeconds: hour },
  /** Codes checked for one phone: the code itself burns after 5 wrong tries; this bounds new codes. */
  otpVerifyPhone: { maxAttempts: 10, windowSeconds: 15 * minute, baseBlockSeconds: 5 * minute, maxBlockSeconds: hour },
  /** SMS sent to one phone (SMS pumping and harassment). */
  otpRequestPhone: {
    maxAttempts: 5,
    windowSeconds: 15 * minute,
    baseBlockSeconds: 15 * minute,
    maxBlockSeconds: 24 * hour,
  },
  otpRequestAddress: {
    maxAttempts: 10,
    windowSeconds: 10 * minute,
    baseBlockSeconds: 10 * minute,
    maxBlockSeconds: 24 * hour,
  },
} as const satisfies Record<string, ThrottlePolicy>;

export interface ThrottleKey {
  readonly key: string;
  readonly policy: ThrottlePolicy;
  /** What a success gives back: everything (the account's own key) or this one attempt (shared keys). */
  readonly onSuccess: 'reset' | 'one';
}

export function throttleKey(
  deps: Pick<AuthDeps, 'masterKey'>,
  scope: string,
  identifier: string,
  policy: ThrottlePolicy,
  onSuccess: 'reset' | 'one',
): ThrottleKey {
  return {
    key: `${scope}:${tokenHash(deps.masterKey, `${scope}:${identifier}`).toString('base64url')}`,
    policy,
    onSuccess,
  };
}

export interface Reservation {
  /** Call after a success. */
  release(): Promise<void>;
}

/**
 * Reserves one attempt under every key, or throws 429 RATE_LIMITED (Retry-After: the longest
 * wait). `onBlockStarted` runs once when this attempt is the one that starts a block.
 */
export async function reserveAttempts(
  deps: Pick<AuthDeps, 'pool' | 'now'>,
  keys: readonly ThrottleKey[],
  onBlockStarted?: () => Promise<void>,
): Promise<Reservation> {
  const at = deps.now();
  // A fixed lock order, so two requests over the same keys cannot deadlock.
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const refusals = await inTransaction(deps.pool, async (client) => {
    const refused: Array<{ retryAfterSeconds: number; blockStarted: boolean }> = [];
    for (const { key, policy } of ordered) {
      const decision = reserveAttempt(await lockState(client, key, at), policy, at);
      await writeState(client, key, decision.state, at);
      if (!decision.allowed) refused.push(decision);
    }
    return refused;
  });
  if (refusals.length > 0) {
    if (refusals.some((r) => r.blockStarted)) await onBlockStarted?.();
    const wait = Math.max(...refusals.map((r) => r.retryAfterSeconds));
    throw new TooManyRequestsError(
      'RATE_LIMITED',
      `Too many attempts. Wait ${wait} seconds before trying again.`,
      wait,
    );
  }
  await pruneNow(deps, at);
  return {
    release: () =>
      inTransaction(deps.pool, async (client) => {
        for (const { key, onSuccess } of ordered) {
          const state = await lockState(client, key, at);
          if (state) await writeState(client, key, releaseAttempt(state, onSuccess), deps.now());
        }
      }),
  };
}

/**
 * Rows of quiet keys are useless once their window and block are over; about one request in a
 * hundred sweeps them, so the table stays small without a scheduled job.
 */
async function pruneNow(deps: Pick<AuthDeps, 'pool'>, at: Date): Promise<void> {
  if (Math.random() >= 0.01) return;
  await deps.pool.query(
    `DELETE FROM login_throttle
      WHERE updated_at < $1::timestamptz - interval '1 day' AND (blocked_until IS NULL OR blocked_until < $1)`,
    [at],
  );
}

/** Forgets every attempt under these keys (after a password reset, for instance). */
export async function clearThrottle(db: Queryable, keys: readonly ThrottleKey[]): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = ANY($1)', [keys.map((k) => k.key)]);
}

async function lockState(db: Queryable, key: string, at: Date): Promise<ThrottleState | undefined> {
  await db.query(
    'INSERT INTO login_throttle (key, attempts, window_started_at, updated_at) VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO NOTHING',
    [key, at],
  );
  const { rows } = await db.query<{
    attempts: number;
    window_started_at: Date;
    blocked_until: Date | null;
    lockouts: number;
  }>('SELECT attempts, window_started_at, blocked_until, lockouts FROM login_throttle WHERE key = $1 FOR UPDATE', [
    key,
  ]);
  const row = rows[0];
  return row
    ? {
        attempts: row.attempts,
        windowStartedAt: row.window_started_at,
        blockedUntil: row.blocked_until,
        lockouts: row.lockouts,
      }
    : undefined;
}

async function writeState(db: Queryable, key: string, state: ThrottleState, at: Date): Promise<void> {
  await db.query(
    `UPDATE login_throttle SET attempts = $2, window_started_at = $3, blocked_until = $4, lockouts = $5, updated_at = $6
      WHERE key = $1`,
    [key, state.attempts, state.windowStartedAt, state.blockedUntil, state.lockouts, at],
  );
}
