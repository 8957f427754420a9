/**
 * Reading the events table. Plain snapshot reads are enough for gap-freedom because appends make
 * positions visible in increasing order (append.ts); a reader needs no visibility filter.
 */
import type pg from 'pg';
import type { JsonObject, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.js';

export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/** A pool or a checked-out client: anything that runs a query. */
export type Queryable = pg.Pool | pg.ClientBase;

interface EventRow {
  // node-postgres returns int8 as a string so that no precision is lost.
  readonly position: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recorded_at: Date;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export async function readStream(
  db: Queryable,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
      WHERE stream_id = $1 AND revision >= $2
      ORDER BY revision
      LIMIT $3`,
    [streamId, (options.fromRevision ?? 0n).toString(), options.maxCount ?? null],
  );
  return rows.map(toRecordedEvent);
}

export async function readAll(db: Queryable, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM events
      WHERE position > $1
      ORDER BY position
      LIMIT $2`,
    [(options.after ?? 0n).toString(), options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT],
  );
  return rows.map(toRecordedEvent);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
  };
}
