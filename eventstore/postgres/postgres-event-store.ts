/**
 * The EventStore port over PostgreSQL (schema: migrations/001_event_store.sql). The pool belongs
 * to the caller; the store only ever holds a connection for one append, one read, or one
 * subscription, and close() ends the subscriptions, not the pool.
 */
import type pg from 'pg';
import type { EventStore } from '../event-store.js';
import { DEFAULT_NOTIFY_CHANNEL, appendInTransaction } from './append.js';
import { readAll, readStream } from './reads.js';
import { subscribeToAll } from './subscription.js';

export { appendInTransaction, DEFAULT_NOTIFY_CHANNEL } from './append.js';
export { IdempotencyConflictError } from './idempotency.js';

export interface PostgresEventStoreOptions {
  readonly pool: pg.Pool;
  /** How long a caught-up subscription sleeps when no notification arrives; default 1000. */
  readonly pollIntervalMs?: number;
  /** The LISTEN/NOTIFY channel appends announce themselves on; default 'consulta_events'. */
  readonly notifyChannel?: string;
}

export function createPostgresEventStore(options: PostgresEventStoreOptions): EventStore {
  const { pool } = options;
  const notifyChannel = options.notifyChannel ?? DEFAULT_NOTIFY_CHANNEL;
  const closing = new AbortController();
  const subscriptionContext = {
    pool,
    notifyChannel,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    closed: closing.signal,
  };

  return {
    async appendToStream(streamId, events, { expectedRevision }) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Explicit, so a changed default_transaction_isolation cannot break appendInTransaction.
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await appendInTransaction(client, streamId, events, { expectedRevision, notifyChannel });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not roll back is in an unknown state: drop it.
        client.release(broken);
      }
    },
    readStream: (streamId, readOptions) => readStream(pool, streamId, readOptions),
    readAll: (readOptions) => readAll(pool, readOptions),
    subscribeToAll: (subscribeOptions) => subscribeToAll(subscriptionContext, subscribeOptions),
    async headPosition() {
      // The counter only moves in committed appends, so it is the last visible position.
      const { rows } = await pool.query<{ last_position: string }>('SELECT last_position FROM event_log_head');
      return BigInt(rows[0]?.last_position ?? 0);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      closing.abort();
    },
  };
}
