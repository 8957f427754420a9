/**
 * subscribeToAll for EventStoreDB: one catch-up subscription to $all (the server catches up and
 * then goes live by itself), its events queued and handed out as batches of whatever has arrived.
 */
import { excludeSystemEvents, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent, SubscribeToAllOptions } from '../event-store.js';
import { createWakeUp } from '../wake-up.js';
import { isSystemEvent, readPositionAt, toRecordedEvent } from './convert.js';

const DEFAULT_BATCH_SIZE = 1000;

export async function* subscribeToAll(
  client: EventStoreDBClient,
  closed: AbortSignal,
  options: SubscribeToAllOptions = {},
): AsyncGenerator<RecordedEvent[], void, undefined> {
  const signal = options.signal ? AbortSignal.any([options.signal, closed]) : closed;
  const batchSize = options.maxCount ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`maxCount must be a positive integer, got ${batchSize}`);
  if (signal.aborted) return;

  const { after } = options;
  // The server filters system events by type; isSystemEvent also drops $-prefixed streams.
  const subscription = client.subscribeToAll({ fromPosition: readPositionAt(after), filter: excludeSystemEvents() });
  // Past this many queued events the stream is paused, so a slow consumer cannot exhaust memory.
  const highWater = batchSize * 2;
  const queue: RecordedEvent[] = [];
  const wake = createWakeUp();
  let failure: unknown;
  let ended = false;

  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    // After a bad event nothing more is queued: the consumer gets what came before, then the error.
    if (failure !== undefined) return;
    const event = resolved.event;
    // A subscription's start is exclusive already; the check also covers an inclusive server.
    if (!event || isSystemEvent(event) || (after !== undefined && event.position.commit <= after)) return;
    try {
      queue.push(toRecordedEvent(event));
    } catch (error) {
      failure = error;
    }
    if (queue.length >= highWater) subscription.pause();
    wake.notify();
  });
  subscription.on('error', (error: Error) => {
    failure = error;
    wake.notify();
  });
  subscription.on('end', () => {
    ended = true;
    wake.notify();
  });

  let unsubscribed: Promise<void> | undefined;
  const unsubscribe = () => (unsubscribed ??= subscription.unsubscribe().catch(() => {}));
  const onAbort = () => {
    void unsubscribe();
    wake.notify();
  };
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      wake.reset();
      if (signal.aborted) return;
      if (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        if (subscription.isPaused() && queue.length < batchSize) subscription.resume();
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (ended) throw new Error('EventStoreDB ended the $all subscription');
      await wake.wait();
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await unsubscribe();
  }
}
