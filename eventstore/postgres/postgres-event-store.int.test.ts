import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { eventStoreContract } from '../contract.js';
import type { AppendResult, EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.js';
import { IdempotencyConflictError, appendInTransaction, createPostgresEventStore } from './postgres-event-store.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

eventStoreContract('postgres', async () => {
  const store = createPostgresEventStore({ pool: db.pool });
  return { store, teardown: () => store.close() };
});

describe('PostgreSQL event store', () => {
  let store: EventStore;
  beforeAll(() => {
    store = createPostgresEventStore({ pool: db.pool });
  });
  afterAll(async () => {
    await store.close();
  });

  it('rejects an event id that another stream already recorded, writing nothing', async () => {
    const event = anEvent();
    await store.appendToStream(aStreamId(), [event], { expectedRevision: 'no_stream' });
    const otherStream = aStreamId();

    const attempt = store.appendToStream(otherStream, [event], { expectedRevision: 'no_stream' });

    await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream(otherStream)).toEqual([]);
  });

  it('rejects an append that carries the same event id twice', async () => {
    const event = anEvent();

    const attempt = store.appendToStream(aStreamId(), [event, event], { expectedRevision: 'no_stream' });

    await expect(attempt).rejects.toThrow(/twice/);
  });

  it("treats a retried 'any' append as done", async () => {
    const streamId = aStreamId();
    const events = [anEvent()];
    const first = await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'any' });

    const retry = await store.appendToStream(streamId, events, { expectedRevision: 'any' });

    expect(retry).toEqual(first);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('reports headPosition 0n when empty, then the last appended position', async () => {
    const empty = await createTestDatabase();
    const emptyStore = createPostgresEventStore({ pool: empty.pool });
    try {
      const before = await emptyStore.headPosition();
      const appended = await emptyStore.appendToStream(aStreamId(), [anEvent(), anEvent()], {
        expectedRevision: 'no_stream',
      });

      expect(before).toBe(0n);
      expect(appended.position).toBe(2n);
      expect(await emptyStore.headPosition()).toBe(2n);
    } finally {
      await emptyStore.close();
      await empty.close();
    }
  });

  it('catches up by polling when no notification arrives', async () => {
    const silentWriter = createPostgresEventStore({ pool: db.pool, notifyChannel: 'nobody_listens' });
    const polling = createPostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
    const streamId = aStreamId();
    const subscriber = subscribe(polling, await store.headPosition(), (event) => event.streamId === streamId);
    await sleep(200);

    await silentWriter.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });

    await vi.waitFor(() => expect(subscriber.seen).toHaveLength(1), { timeout: 5_000 });
    await subscriber.stop();
    await polling.close();
  });

  it.each(['abort', 'close'] as const)('gives back the connection of a subscription ended by %s', async (how) => {
    const ownStore = createPostgresEventStore({ pool: db.pool });
    const streamId = await aStreamWith(store, 1);
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const iteration = (async () => {
      for await (const batch of ownStore.subscribeToAll({ signal: controller.signal })) seen.push(...batch);
    })();
    await vi.waitFor(() => expect(seen.some((event) => event.streamId === streamId)).toBe(true), { timeout: 5_000 });
    const connectionsWhileSubscribed = db.pool.totalCount;

    if (how === 'abort') controller.abort();
    else await ownStore.close();
    await iteration;

    expect(db.pool.totalCount).toBe(connectionsWhileSubscribed - 1);
    await ownStore.close();
  });
});

/**
 * Gap-freedom: a reader must never move past a position while an earlier one can still commit.
 * appendInTransaction lets these tests hold an append's transaction open after it has its
 * positions, which is exactly when a bigserial design would let a later append overtake it.
 */
describe('PostgreSQL event store: no gaps', () => {
  let store: EventStore;
  beforeAll(() => {
    store = createPostgresEventStore({ pool: db.pool });
  });
  afterAll(async () => {
    await store.close();
  });

  it('shows no later event while an earlier append is still uncommitted', async () => {
    const start = await store.headPosition();
    const [streamA, streamB] = [aStreamId(), aStreamId()];
    const [e1, e2] = [anEvent(), anEvent()];
    const ours = (event: RecordedEvent) => event.streamId === streamA || event.streamId === streamB;
    const subscriber = subscribe(store, start, ours);

    const held = await appendHeldOpen(streamA, [e1], 'no_stream');
    let e2Done = false;
    const e2Append = store.appendToStream(streamB, [e2], { expectedRevision: 'no_stream' }).finally(() => {
      e2Done = true;
    });
    await sleep(300);
    const visibleWhileHeld = (await store.readAll({ after: start })).filter(ours);
    const seenWhileHeld = [...subscriber.seen];
    // Not required by the invariant, but how this design keeps it: E2 waits for E1's commit.
    const e2WaitedForE1 = !e2Done;
    await held.commit();
    const e2Result = await e2Append;
    await vi.waitFor(() => expect(subscriber.seen).toHaveLength(2), { timeout: 5_000 });
    await subscriber.stop();

    expect(visibleWhileHeld).toEqual([]);
    expect(seenWhileHeld).toEqual([]);
    expect(e2WaitedForE1).toBe(true);
    expect(held.result.position).toBeLessThan(e2Result.position);
    expect((await store.readAll({ after: start })).filter(ours).map((event) => event.id)).toEqual([e1.id, e2.id]);
    expect(subscriber.seen.map((event) => event.id)).toEqual([e1.id, e2.id]);
  });

  it('leaves no hole in positions after a rolled-back append', async () => {
    const start = await store.headPosition();
    const streamId = aStreamId();
    const held = await appendHeldOpen(streamId, [anEvent()], 'no_stream');
    await held.rollback();

    const next = await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });

    expect(next.position).toBe(start + 1n);
  });

  // With a bigserial position this fails within a few appends: writer A takes position 100, writer
  // B takes 101 and commits first, the subscriber (woken by B's NOTIFY) reads 101 and moves its
  // cursor there; A commits 100 a few milliseconds later and `position > 101` never returns it.
  // The random hold times make such overtaking happen constantly across 16 writers.
  it('delivers every event of 16 concurrent writers exactly once, in position order', async () => {
    const writers = 16;
    const appendsPerWriter = 30;
    const run = randomUUID();
    const ours = (event: RecordedEvent) => event.streamId.startsWith(`gap-stress-${run}-`);
    const subscriber = subscribe(store, await store.headPosition(), ours);

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const streamId = `gap-stress-${run}-${writer}`;
        let expectedRevision: ExpectedRevision = 'no_stream';
        for (let append = 0; append < appendsPerWriter; append += 1) {
          const held = await appendHeldOpen(streamId, [anEvent()], expectedRevision);
          await sleep(Math.random() * 15);
          await held.commit();
          expectedRevision = held.result.nextExpectedRevision;
        }
      }),
    );
    const total = writers * appendsPerWriter;
    await vi.waitFor(() => expect(subscriber.seen.length).toBeGreaterThanOrEqual(total), { timeout: 20_000 });
    await sleep(200); // a duplicate would arrive after the last new event
    await subscriber.stop();

    const positions = subscriber.seen.map((event) => event.position);
    expect(subscriber.seen).toHaveLength(total);
    expect(new Set(subscriber.seen.map((event) => event.id)).size).toBe(total);
    expect(positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? 0n))).toBe(true);
  }, 60_000);
});

interface HeldAppend {
  readonly result: AppendResult;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** An append whose transaction stays open until commit() or rollback(). */
async function appendHeldOpen(
  streamId: string,
  events: readonly EventData[],
  expectedRevision: ExpectedRevision,
): Promise<HeldAppend> {
  const client = await db.pool.connect();
  const finish = async (statement: 'COMMIT' | 'ROLLBACK') => {
    try {
      await client.query(statement);
    } finally {
      client.release();
    }
  };
  try {
    await client.query('BEGIN');
    const result = await appendInTransaction(client, streamId, events, { expectedRevision });
    return { result, commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
  } catch (error) {
    await finish('ROLLBACK');
    throw error;
  }
}

function subscribe(store: EventStore, after: bigint, keep: (event: RecordedEvent) => boolean) {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  const iteration = (async () => {
    for await (const batch of store.subscribeToAll({ after, signal: controller.signal })) {
      seen.push(...batch.filter(keep));
    }
  })();
  iteration.catch(() => {}); // reported by stop()
  return {
    seen,
    async stop() {
      controller.abort();
      await iteration;
    },
  };
}

function aStreamId(): string {
  return `pg-${randomUUID()}`;
}

function anEvent(): EventData {
  return { id: randomUUID(), type: 'PostgresTestEventRecorded', data: { at: 'test' } };
}

async function aStreamWith(store: EventStore, count: number): Promise<string> {
  const streamId = aStreamId();
  await store.appendToStream(streamId, Array.from({ length: count }, anEvent), { expectedRevision: 'no_stream' });
  return streamId;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
