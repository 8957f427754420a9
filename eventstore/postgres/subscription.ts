/**
 * subscribeToAll for PostgreSQL: read batches after a cursor until caught up, then sleep until a
 * NOTIFY from an append or the poll interval, whichever comes first. Notifications only shorten
 * the sleep; correctness comes from re-reading after the cursor, so a lost notification (they are
 * not delivered to a connection that was not listening) costs at most one poll interval.
 */
import type pg from 'pg';
import type { RecordedEvent, SubscribeToAllOptions } from '../event-store.js';
import { createWakeUp } from '../wake-up.js';
import { DEFAULT_READ_ALL_MAX_COUNT, readAll } from './reads.js';

export interface SubscriptionContext {
  readonly pool: pg.Pool;
  readonly notifyChannel: string;
  readonly pollIntervalMs: number;
  /** Aborted when the store closes. */
  readonly closed: AbortSignal;
}

export async function* subscribeToAll(
  context: SubscriptionContext,
  options: SubscribeToAllOptions = {},
): AsyncGenerator<RecordedEvent[], void, undefined> {
  const signal = options.signal ? AbortSignal.any([options.signal, context.closed]) : context.closed;
  const batchSize = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`maxCount must be a positive integer, got ${batchSize}`);
  if (signal.aborted) return;

  // A connection of its own: LISTEN is per session, and the subscription's reads run on it too,
  // so a subscription never competes with the application for pool slots after this.
  const client = await context.pool.connect();
  const wake = createWakeUp();
  let failure: unknown;
  let released = false;
  const onNotification = () => wake.notify();
  const onError = (error: Error) => {
    failure = error;
    wake.notify();
  };
  // Destroys rather than returns the connection: it is still LISTENing, and it may be mid-query
  // when an abort arrives while the consumer is not pulling.
  const release = () => {
    if (released) return;
    released = true;
    client.release(true);
    client.off('notification', onNotification);
    client.off('error', onError);
    // A destroyed connection can still report the server closing it; unheard, that would crash.
    client.on('error', () => {});
  };
  const onAbort = () => {
    release();
    wake.notify();
  };
  client.on('notification', onNotification);
  client.on('error', onError);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();

  let cursor = options.after;
  try {
    await client.query(`LISTEN ${client.escapeIdentifier(context.notifyChannel)}`);
    while (!signal.aborted) {
      wake.reset();
      const batch = await readAll(client, { after: cursor, maxCount: batchSize });
      if (signal.aborted) return;
      const last = batch.at(-1);
      if (last) {
        cursor = last.position;
        yield batch;
        if (batch.length === batchSize) continue;
      }
      await wake.wait(context.pollIntervalMs);
      if (failure && !signal.aborted) throw failure;
    }
  } catch (error) {
    // Aborting destroys the connection under a running query; that is the end, not a failure.
    if (signal.aborted) return;
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    release();
  }
}
