/**
 * Translating between the port's shapes and @eventstore/db-client's.
 *
 * Global position: the event's commit position. Since EventStoreDB 20 an append is written as
 * one implicit transaction whose events each carry their own log position, so commit positions
 * are unique and increasing in $all order; explicit multi-append transactions (a legacy
 * TCP-client feature) would break that and are not supported.
 */
import {
  ANY,
  NO_STREAM,
  START,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData as EsdbEventData,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventData, ExpectedRevision, JsonObject, RecordedEvent } from '../event-store.js';
import { NO_STREAM_REVISION } from '../expected-revision.js';

export function toEsdbEvent(event: EventData): EsdbEventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === NO_STREAM_REVISION) return NO_STREAM;
  return expected;
}

/**
 * Where to start reading $all so that the event at `after` is the first one returned (reads are
 * inclusive) and the caller drops it. Commit and prepare positions of an event are equal for
 * implicit transactions, so { after, after } is the event's exact log position.
 */
export function readPositionAt(after: bigint | undefined): ReadPosition {
  return after === undefined || after <= 0n ? START : { commit: after, prepare: after };
}

/** System events: $-prefixed types ($metadata, links "$>", projections' output) or streams. */
export function isSystemEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    // Events read from a stream carry their position only from server version 22.6 on.
    throw new Error(
      `EventStoreDB did not report the position of event ${event.id}: a server 22.6 or later is required`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    data: jsonObject(event.data, `data of event ${event.id} in stream ${event.streamId}`),
    // jsonEvent writes no metadata when there is none; the port reports that as {}.
    metadata: event.metadata === undefined ? {} : jsonObject(event.metadata, `metadata of event ${event.id}`),
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.commit,
    recordedAt: event.created,
  };
}

/** The client parses JSON events, but hands over binary ones (and unparseable JSON) raw. */
function jsonObject(value: unknown, what: string): JsonObject {
  const parsed: unknown = value instanceof Uint8Array ? parseJson(Buffer.from(value).toString('utf8')) : value;
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as JsonObject;
  throw new Error(`The ${what} is not a JSON object`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
