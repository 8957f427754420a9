/** Builders and a subscriber probe for the contract suite (contract.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EventData, EventStore, RecordedEvent } from './event-store.js';

export function aStreamId(): string {
  return `contract-${randomUUID()}`;
}

export function anEvent(overrides: Partial<EventData> = {}): EventData {
  return { id: randomUUID(), type: 'ContractEventRecorded', data: { note: 'from the contract suite' }, ...overrides };
}

export async function aStreamWith(store: EventStore, count: number): Promise<string> {
  const streamId = aStreamId();
  const events = Array.from({ length: count }, () => anEvent());
  await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
  return streamId;
}

/** An event of a stream of its own: $all reads start after its position. */
export async function aMarker(store: EventStore): Promise<RecordedEvent> {
  const streamId = await aStreamWith(store, 1);
  const [marker] = await store.readStream(streamId);
  if (!marker) throw new Error('The marker event was not recorded');
  return marker;
}

export function expectIncreasing(positions: readonly bigint[]): void {
  positions.forEach((position, index) => {
    if (index > 0) expect(position).toBeGreaterThan(positions[index - 1] ?? -1n);
  });
}

export interface Subscriber {
  /** Events of the watched streams, in the order received. */
  readonly seen: RecordedEvent[];
  /** Positions of every event received, watched or not. */
  readonly positions: bigint[];
  readonly batchSizes: number[];
  readonly emptyBatches: number;
  /** Aborts and waits for the iteration to end; rejects if it failed. */
  stop(): Promise<void>;
}

export function subscribe(
  store: EventStore,
  options: { after: bigint; streams: readonly string[]; maxCount?: number },
): Subscriber {
  const controller = new AbortController();
  const watched = new Set(options.streams);
  const subscriber = {
    seen: [] as RecordedEvent[],
    positions: [] as bigint[],
    batchSizes: [] as number[],
    emptyBatches: 0,
  };
  const iteration = (async () => {
    const batches = store.subscribeToAll({
      after: options.after,
      maxCount: options.maxCount,
      signal: controller.signal,
    });
    for await (const batch of batches) {
      subscriber.batchSizes.push(batch.length);
      if (batch.length === 0) subscriber.emptyBatches += 1;
      for (const event of batch) {
        subscriber.positions.push(event.position);
        if (watched.has(event.streamId)) subscriber.seen.push(event);
      }
    }
  })();
  // Reported through stop(); without this an early failure would surface as an unhandled rejection.
  iteration.catch(() => {});
  return Object.assign(subscriber, {
    async stop() {
      controller.abort();
      await iteration;
    },
  });
}
