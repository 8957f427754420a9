/**
 * Retried appends. An activity that crashed after its append committed runs again with the same
 * event ids (they come from the workflow id and the step, STYLE.md §6); the retry must succeed
 * without writing, even though the first attempt already moved the stream past the expected
 * revision the retry still carries.
 */
import type { AppendResult } from '../event-store.js';

/** An event id that is already recorded, and where. */
export interface RecordedId {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** Some of an append's event ids are recorded and some are not, or they are recorded elsewhere. */
export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    detail: string,
  ) {
    super(`Append to stream ${streamId} is neither new nor a retry of an earlier append: ${detail}`);
    this.name = 'IdempotencyConflictError';
  }
}

/** Lower-cased ids (PostgreSQL prints uuids in lower case), rejecting duplicates within one append. */
export function normalizeEventIds(streamId: string, ids: readonly string[]): string[] {
  const normalized = ids.map((id) => id.toLowerCase());
  if (new Set(normalized).size !== normalized.length) {
    throw new IdempotencyConflictError(streamId, 'the same event id appears twice in one append');
  }
  return normalized;
}

/**
 * Given which of `ids` are already recorded: undefined when none is (a new append), the original
 * append's result when all are, in this stream, at consecutive revisions in the same order (a
 * retry); anything else is a conflict, because writing would either duplicate or reorder events.
 */
export function retryResult(
  streamId: string,
  ids: readonly string[],
  recorded: readonly RecordedId[],
): AppendResult | undefined {
  if (recorded.length === 0) return undefined;
  const elsewhere = recorded.find((event) => event.streamId !== streamId);
  if (elsewhere) {
    throw new IdempotencyConflictError(
      streamId,
      `event ${elsewhere.eventId} is already recorded in stream ${elsewhere.streamId}`,
    );
  }
  if (recorded.length !== ids.length) {
    throw new IdempotencyConflictError(
      streamId,
      `${recorded.length} of its ${ids.length} event ids are already recorded`,
    );
  }
  const byId = new Map(recorded.map((event) => [event.eventId, event]));
  const inOrder = ids.map((id) => byId.get(id));
  const first = inOrder[0];
  const consecutive = inOrder.every(
    (event, index) => event !== undefined && first !== undefined && event.revision === first.revision + BigInt(index),
  );
  const last = inOrder.at(-1);
  if (!consecutive || last === undefined) {
    throw new IdempotencyConflictError(streamId, 'its events are recorded, but not as one append in this order');
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}
