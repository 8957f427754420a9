import { describe, expect, it } from 'vitest';
import { releaseAttempt, reserveAttempt, type ThrottleState } from './throttle.js';

const policy = { maxAttempts: 5, windowSeconds: 60, baseBlockSeconds: 60, maxBlockSeconds: 3600 };
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function attempts(count: number, start: ThrottleState | undefined, now: Date) {
  let state = start;
  const outcomes: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const decision = reserveAttempt(state, policy, now);
    outcomes.push(decision.allowed);
    state = decision.state;
  }
  return { outcomes, state };
}

describe('attempt throttle', () => {
  it('allows five attempts in a minute and refuses the sixth for a minute', () => {
    const { outcomes, state } = attempts(5, undefined, t0);
    expect(outcomes).toEqual([true, true, true, true, true]);
    const sixth = reserveAttempt(state, policy, at(10));
    expect(sixth).toMatchObject({ allowed: false, retryAfterSeconds: 60, blockStarted: true });
    const seventh = reserveAttempt(sixth.state, policy, at(40));
    expect(seventh).toMatchObject({ allowed: false, retryAfterSeconds: 30, blockStarted: false });
  });

  it('doubles each consecutive block, up to the ceiling', () => {
    let state = attempts(6, undefined, t0).state!;
    const blocks: number[] = [];
    let now = t0;
    for (let round = 0; round < 8; round++) {
      now = state.blockedUntil!;
      const next = attempts(6, state, now);
      state = next.state!;
      blocks.push((state.blockedUntil!.getTime() - now.getTime()) / 1000);
    }
    expect(blocks).toEqual([120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('starts a new window after a quiet minute', () => {
    const { state } = attempts(5, undefined, t0);
    expect(reserveAttempt(state, policy, at(61))).toMatchObject({ allowed: true, state: { attempts: 1 } });
  });

  it('forgets everything on a success for the account’s own key, one attempt for a shared key', () => {
    const { state } = attempts(4, undefined, t0);
    expect(releaseAttempt(state!, 'reset')).toMatchObject({ attempts: 0, lockouts: 0 });
    expect(releaseAttempt(state!, 'one')).toMatchObject({ attempts: 3 });
  });
});
