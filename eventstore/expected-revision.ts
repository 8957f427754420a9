/**
 * Optimistic concurrency, with EventStoreDB's rules, shared by the adapters that check it
 * themselves: 'no_stream' needs a stream without events, a bigint needs exactly that last
 * revision, 'any' accepts both.
 */
import { WrongExpectedRevisionError, type ExpectedRevision } from './event-store.js';

/**
 * The revision of a stream that has no events. An empty append to a missing stream returns it as
 * nextExpectedRevision, so it is accepted back as a synonym of 'no_stream' (it is also
 * EventStoreDB's historical spelling of NoStream).
 */
export const NO_STREAM_REVISION = -1n;

/**
 * The global position reported when there is no event to point at: before the first event, so
 * readAll({ after: NO_POSITION }) reads from the start (headPosition of an empty store, too).
 */
export const NO_POSITION = 0n;

/** Throws WrongExpectedRevisionError unless `current` (null: no events) satisfies `expected`. */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, current: bigint | null): void {
  if (matches(expected, current)) return;
  throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
}

function matches(expected: ExpectedRevision, current: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream' || expected === NO_STREAM_REVISION) return current === null;
  return current === expected;
}
