/**
 * Attempt limits with growing delays, as pure functions of the stored state and the time (the
 * api/auth/throttle.ts adapter keeps the state in PostgreSQL so every API instance agrees).
 *
 * An attempt is reserved *before* the credential is checked, so a burst of parallel guesses
 * cannot all slip in before the first failure is written. A success gives its reservation back.
 */

export interface ThrottlePolicy {
  /** Attempts allowed per window; the next one starts a block. */
  readonly maxAttempts: number;
  readonly windowSeconds: number;
  /** The first block; each consecutive one doubles, up to maxBlockSeconds. */
  readonly baseBlockSeconds: number;
  readonly maxBlockSeconds: number;
}

export interface ThrottleState {
  readonly attempts: number;
  readonly windowStartedAt: Date;
  readonly blockedUntil: Date | null;
  readonly lockouts: number;
}

export type ThrottleDecision =
  | { readonly allowed: true; readonly state: ThrottleState }
  | {
      readonly allowed: false;
      readonly state: ThrottleState;
      readonly retryAfterSeconds: number;
      /** This attempt started the block (worth one audit event; the ones after it are not). */
      readonly blockStarted: boolean;
    };

export function reserveAttempt(state: ThrottleState | undefined, policy: ThrottlePolicy, now: Date): ThrottleDecision {
  if (state?.blockedUntil && state.blockedUntil > now) {
    return { allowed: false, state, retryAfterSeconds: secondsUntil(state.blockedUntil, now), blockStarted: false };
  }
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < policy.windowSeconds * 1000;
  const attempts = (windowOpen ? state.attempts : 0) + 1;
  const lockouts = state?.lockouts ?? 0;
  if (attempts <= policy.maxAttempts) {
    return {
      allowed: true,
      state: { attempts, windowStartedAt: windowOpen ? state.windowStartedAt : now, blockedUntil: null, lockouts },
    };
  }
  const blockSeconds = Math.min(policy.baseBlockSeconds * 2 ** lockouts, policy.maxBlockSeconds);
  const blockedUntil = new Date(now.getTime() + blockSeconds * 1000);
  return {
    allowed: false,
    state: { attempts: 0, windowStartedAt: blockedUntil, blockedUntil, lockouts: lockouts + 1 },
    retryAfterSeconds: blockSeconds,
    blockStarted: true,
  };
}

/**
 * After a success. For the account's own key everything is forgiven (`reset`); for a shared key
 * such as a client address only this attempt's reservation is returned.
 */
export function releaseAttempt(state: ThrottleState, mode: 'reset' | 'one'): ThrottleState {
  if (mode === 'reset') return { ...state, attempts: 0, lockouts: 0, blockedUntil: null };
  return { ...state, attempts: Math.max(0, state.attempts - 1) };
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
