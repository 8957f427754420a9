/**
 * The EventStore port over EventStoreDB (22.6 or later) through @eventstore/db-client. The server
 * does the work: expected revisions, idempotent retries (per stream, by event id), ordering of
 * $all. The adapter maps shapes and hides system events.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store.js';
import { NO_POSITION, NO_STREAM_REVISION, assertExpectedRevision } from '../expected-revision.js';
import { isSystemEvent, readPositionAt, toEsdbEvent, toEsdbExpectedRevision, toRecordedEvent } from './convert.js';
import { subscribeToAll } from './subscription.js';

const DEFAULT_READ_ALL_MAX_COUNT = 1000;
const HEAD_PAGE_SIZE = 100;
/** ping reads this (normally missing) stream: an answer of any kind proves the server is up. */
const PING_STREAM = 'consulta-ping';
const PING_DEADLINE_MS = 5_000;

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  readonly connectionString: string;
}

export function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const closing = new AbortController();

  return {
    async appendToStream(streamId, events, { expectedRevision }) {
      if (events.length === 0) return currentState(client, streamId, expectedRevision);
      try {
        const result = await client.appendToStream(streamId, events.map(toEsdbEvent), {
          expectedRevision: toEsdbExpectedRevision(expectedRevision),
        });
        const position = result.position?.commit ?? (await positionOf(client, streamId, result.nextExpectedRevision));
        return { nextExpectedRevision: result.nextExpectedRevision, position };
      } catch (error) {
        // Also how the server answers a retry that only partly matches the recorded events.
        if (error instanceof WrongExpectedVersionError) {
          const actual = error.actualVersion;
          // The error's gRPC-metadata form spells a missing stream -1.
          throw new WrongExpectedRevisionError(
            streamId,
            expectedRevision,
            actual === 'no_stream' || actual < 0n ? 'no_stream' : actual,
          );
        }
        throw error;
      }
    },
    async readStream(streamId, { fromRevision = 0n, maxCount } = {}) {
      if (maxCount !== undefined && maxCount < 1) return [];
      return readStreamEvents(client, streamId, maxCount === undefined ? { fromRevision } : { fromRevision, maxCount });
    },
    readAll: (readOptions) => readAll(client, readOptions),
    headPosition: () => headPosition(client),
    subscribeToAll: (subscribeOptions) => subscribeToAll(client, closing.signal, subscribeOptions),
    async ping() {
      await readStreamEvents(client, PING_STREAM, { maxCount: 1, deadline: PING_DEADLINE_MS });
    },
    async close() {
      closing.abort();
      await client.dispose();
    },
  };
}

/** A stream's events; [] when it does not exist. */
async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: EsdbReadStreamOptions,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, options)) {
      if (resolved.event) events.push(toRecordedEvent(resolved.event));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}

/**
 * $all in commit order after `after`, without system events. The client's readAll takes no
 * server-side filter, so system events are dropped here and $all is read page by page until
 * maxCount events are found or it ends. Reads start inclusively at a position, so each page
 * re-reads the previous page's last event and the position check drops it.
 */
async function readAll(
  client: EventStoreDBClient,
  { after, maxCount = DEFAULT_READ_ALL_MAX_COUNT }: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  if (maxCount < 1) return [];
  const pageSize = maxCount + 1;
  const events: RecordedEvent[] = [];
  let cursor = after;
  let from: ReadPosition = readPositionAt(after);
  for (;;) {
    let read = 0;
    let last: Position | undefined;
    for await (const resolved of client.readAll({ fromPosition: from, maxCount: pageSize })) {
      read += 1;
      const event = resolved.event;
      if (!event) continue;
      last = event.position;
      if ((cursor !== undefined && event.position.commit <= cursor) || isSystemEvent(event)) continue;
      events.push(toRecordedEvent(event));
    }
    if (events.length >= maxCount) return events.slice(0, maxCount);
    if (read < pageSize || !last) return events;
    cursor = last.commit;
    from = last;
  }
}

/**
 * The newest non-system event's position. The tail of $all is often system events (statistics,
 * projections' checkpoints), so $all is read backwards page by page until one is found.
 */
async function headPosition(client: EventStoreDBClient): Promise<bigint> {
  let from: ReadPosition = END;
  let cursor: bigint | undefined;
  for (;;) {
    let read = 0;
    let last: Position | undefined;
    for await (const resolved of client.readAll({
      direction: BACKWARDS,
      fromPosition: from,
      maxCount: HEAD_PAGE_SIZE,
    })) {
      read += 1;
      const event = resolved.event;
      if (!event) continue;
      last = event.position;
      if (cursor !== undefined && event.position.commit >= cursor) continue;
      if (!isSystemEvent(event)) return event.position.commit;
    }
    if (read < HEAD_PAGE_SIZE || !last) return NO_POSITION;
    cursor = last.commit;
    from = last;
  }
}

/** An empty append: check the expectation against the stream's last event; write nothing. */
async function currentState(
  client: EventStoreDBClient,
  streamId: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const [last] = await readStreamEvents(client, streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  assertExpectedRevision(streamId, expected, last?.revision ?? null);
  return { nextExpectedRevision: last?.revision ?? NO_STREAM_REVISION, position: last?.position ?? NO_POSITION };
}

/** For an append result without a position (the server is not obliged to send one). */
async function positionOf(client: EventStoreDBClient, streamId: string, revision: bigint): Promise<bigint> {
  const [event] = await readStreamEvents(client, streamId, { fromRevision: revision, maxCount: 1 });
  if (!event) throw new Error(`Stream ${streamId} has no event at revision ${revision} right after appending it`);
  return event.position;
}
