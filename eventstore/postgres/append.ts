/**
 * Appending to a stream inside a transaction.
 *
 * Gap-freedom. A reader keeps one cursor, the last global position it saw, and asks for
 * `position > cursor`. That is only safe if positions become visible in increasing order: if
 * position 101 could be visible while 100 is still uncommitted, a reader would move its cursor to
 * 101 and never see 100. A sequence (bigserial) has exactly that bug, the one Marten and Axon had
 * to fix: nextval() is handed out at insert time, but transactions commit in any order.
 *
 * So every append allocates its positions by UPDATE-ing the single event_log_head row, which
 * holds that row's lock until the transaction ends. Proof that visibility follows position order:
 * let A allocate positions before B. B's UPDATE could only proceed after A's transaction ended,
 * and PostgreSQL releases a transaction's locks only after its commit is visible to new snapshots
 * (xact.c CommitTransaction: ProcArrayEndTransaction runs "before releasing locks"). So A is
 * visible (or rolled back) before B even has positions; any snapshot that sees B's events sees
 * A's. A rolled-back A leaves no hole, because the counter update rolls back with it.
 *
 * Rejected: filtering reads by `transaction id < pg_snapshot_xmin(pg_current_snapshot())`
 * (Emmett's approach) while keeping a single bigint cursor. Transaction ids are assigned in a
 * different order than positions: T1 (xid 100) takes position 20 and commits; T2 (xid 101)
 * took position 10 and is still open; the snapshot's xmin is 101, so position 20 passes the
 * filter, the cursor moves to 20 and position 10 is lost. It needs a (xid, position) cursor,
 * which the port's `after: bigint` cannot carry, and a long unrelated transaction stalls readers.
 *
 * The cost: appends are serialised from the moment they allocate positions until they commit.
 * That window is kept short by doing everything that may wait (the stream lock, the retry check)
 * before it. PostgreSQL already serialises the commits of transactions that NOTIFY, so little
 * concurrency is lost. Writers must not hold the transaction open after appending.
 */
import type pg from 'pg';
import type { AppendResult, EventData, ExpectedRevision } from '../event-store.js';
import { NO_POSITION, NO_STREAM_REVISION, assertExpectedRevision } from '../expected-revision.js';
import { IdempotencyConflictError, normalizeEventIds, retryResult, type RecordedId } from './idempotency.js';

export const DEFAULT_NOTIFY_CHANNEL = 'consulta_events';

export interface AppendInTransactionOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly notifyChannel?: string;
}

/**
 * Appends inside the caller's open READ COMMITTED transaction, which must commit or roll back
 * right after: from the position allocation on, every other append waits for it. One append
 * per transaction. appendToStream wraps it; tests use it to hold a transaction open.
 */
export async function appendInTransaction(
  client: pg.ClientBase,
  streamId: string,
  events: readonly EventData[],
  options: AppendInTransactionOptions,
): Promise<AppendResult> {
  if (events.length === 0) return currentState(client, streamId, options.expectedRevision);
  const ids = normalizeEventIds(
    streamId,
    events.map((event) => event.id),
  );
  const count = BigInt(events.length);

  const stream = await lockStream(client, streamId, count - 1n);
  const retry = retryResult(streamId, ids, await findRecorded(client, ids));
  if (retry) return retry;
  assertExpectedRevision(streamId, options.expectedRevision, stream.revision);

  const firstRevision = (stream.revision ?? NO_STREAM_REVISION) + 1n;
  const lastPosition = await allocatePositions(client, count);
  await insertEvents(client, streamId, events, ids, firstRevision, lastPosition - count + 1n);
  if (!stream.created) {
    await client.query('UPDATE event_streams SET revision = $2 WHERE stream_id = $1', [
      streamId,
      (firstRevision + count - 1n).toString(),
    ]);
  }
  await client.query('SELECT pg_notify($1, $2)', [
    options.notifyChannel ?? DEFAULT_NOTIFY_CHANNEL,
    lastPosition.toString(),
  ]);
  return { nextExpectedRevision: firstRevision + count - 1n, position: lastPosition };
}

/**
 * Locks the stream's row (creating it at `revisionIfCreated` when missing) so that concurrent
 * appends to one stream take turns. Two creators of the same stream: the second INSERT waits for
 * the first transaction, then does nothing and locks the row it committed.
 */
async function lockStream(
  client: pg.ClientBase,
  streamId: string,
  revisionIfCreated: bigint,
): Promise<{ revision: bigint | null; created: boolean }> {
  const lock = () =>
    client.query<{ revision: string }>('SELECT revision FROM event_streams WHERE stream_id = $1 FOR UPDATE', [
      streamId,
    ]);
  const existing = await lock();
  if (existing.rows[0]) return { revision: BigInt(existing.rows[0].revision), created: false };
  const inserted = await client.query(
    'INSERT INTO event_streams (stream_id, revision) VALUES ($1, $2) ON CONFLICT (stream_id) DO NOTHING',
    [streamId, revisionIfCreated.toString()],
  );
  if (inserted.rowCount === 1) return { revision: null, created: true };
  const raced = await lock();
  if (!raced.rows[0]) throw new Error(`Stream ${streamId} vanished while being appended to`);
  return { revision: BigInt(raced.rows[0].revision), created: false };
}

async function findRecorded(client: pg.ClientBase, ids: readonly string[]): Promise<RecordedId[]> {
  const { rows } = await client.query<{ event_id: string; stream_id: string; revision: string; position: string }>(
    'SELECT event_id, stream_id, revision, position FROM events WHERE event_id = ANY($1::uuid[])',
    [ids],
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
  }));
}

/** Takes the global position lock (see the top of this file); returns the last allocated position. */
async function allocatePositions(client: pg.ClientBase, count: bigint): Promise<bigint> {
  const { rows } = await client.query<{ last_position: string }>(
    'UPDATE event_log_head SET last_position = last_position + $1 RETURNING last_position',
    [count.toString()],
  );
  if (!rows[0]) throw new Error('event_log_head is empty: migrations/001_event_store.sql did not run');
  return BigInt(rows[0].last_position);
}

async function insertEvents(
  client: pg.ClientBase,
  streamId: string,
  events: readonly EventData[],
  ids: readonly string[],
  firstRevision: bigint,
  firstPosition: bigint,
): Promise<void> {
  // One JSON array parameter; revision and position come from the element's ordinality, so the
  // order of evaluation cannot reorder them.
  const payload = JSON.stringify(
    events.map((event, index) => ({
      id: ids[index],
      type: event.type,
      data: event.data,
      metadata: event.metadata ?? {},
    })),
  );
  try {
    await client.query(
      `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata)
       SELECT $2::bigint + e.ordinality - 1, (e.value->>'id')::uuid, $1, $3::bigint + e.ordinality - 1,
              e.value->>'type', e.value->'data', e.value->'metadata'
         FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ordinality)`,
      [streamId, firstPosition.toString(), firstRevision.toString(), payload],
    );
  } catch (error) {
    // Another stream recorded one of these ids after findRecorded looked.
    if (isUniqueViolation(error, 'events_event_id_key')) {
      throw new IdempotencyConflictError(streamId, 'one of its event ids was just recorded in another stream');
    }
    throw error;
  }
}

/** An empty append checks the expectation and reports where the stream is; it writes nothing. */
async function currentState(
  client: pg.ClientBase,
  streamId: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const { rows } = await client.query<{ revision: string; position: string }>(
    `SELECT s.revision, e.position FROM event_streams s
       JOIN events e ON e.stream_id = s.stream_id AND e.revision = s.revision
      WHERE s.stream_id = $1`,
    [streamId],
  );
  const row = rows[0];
  const revision = row ? BigInt(row.revision) : null;
  assertExpectedRevision(streamId, expected, revision);
  return { nextExpectedRevision: revision ?? NO_STREAM_REVISION, position: row ? BigInt(row.position) : NO_POSITION };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    error.constraint === constraint
  );
}
