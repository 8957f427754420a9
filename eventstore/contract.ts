/**
 * The behaviour every EventStore adapter must show, as one vitest suite each adapter's test file
 * runs against its own store. Stores may be shared with other writers (an EventStoreDB database
 * is), so every test writes to fresh streams and reads $all only after a marker event it wrote
 * itself, filtering by its own streams.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from './event-store.js';
import { aMarker, aStreamId, aStreamWith, anEvent, expectIncreasing, subscribe } from './contract-fixtures.js';
import { NO_POSITION, NO_STREAM_REVISION } from './expected-revision.js';

export interface ContractSubject {
  readonly store: EventStore;
  teardown(): Promise<void>;
}

export function eventStoreContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject | undefined;
    const store = (): EventStore => {
      if (!subject) throw new Error('The contract setup did not run');
      return subject.store;
    };
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.teardown();
    });

    describe('appendToStream', () => {
      it('creates a stream when expecting no_stream', async () => {
        const streamId = aStreamId();
        const events = [anEvent(), anEvent()];

        const result = await store().appendToStream(streamId, events, { expectedRevision: 'no_stream' });

        const recorded = await store().readStream(streamId);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(recorded.map(({ id, type, streamId, revision }) => ({ id, type, streamId, revision }))).toEqual([
          { id: events[0]?.id, type: 'ContractEventRecorded', streamId, revision: 0n },
          { id: events[1]?.id, type: 'ContractEventRecorded', streamId, revision: 1n },
        ]);
        expect(recorded[1]?.position).toBe(result.position);
        expectIncreasing(recorded.map((event) => event.position));
        expect(recorded[0]?.recordedAt).toBeInstanceOf(Date);
      });

      it('rejects no_stream on an existing stream, reporting its actual revision', async () => {
        const streamId = await aStreamWith(store(), 2);

        const attempt = store().appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });

        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ streamId, expected: 'no_stream', actual: 1n });
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('appends at the exact expected revision and rejects a stale one', async () => {
        const streamId = await aStreamWith(store(), 1);

        const result = await store().appendToStream(streamId, [anEvent()], { expectedRevision: 0n });
        const stale = store().appendToStream(streamId, [anEvent()], { expectedRevision: 0n });

        expect(result.nextExpectedRevision).toBe(1n);
        await expect(stale).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', expected: 0n, actual: 1n });
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('rejects an exact revision on a missing stream, reporting no_stream', async () => {
        const streamId = aStreamId();

        const attempt = store().appendToStream(streamId, [anEvent()], { expectedRevision: 0n });

        await expect(attempt).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no_stream' });
        expect(await store().readStream(streamId)).toEqual([]);
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const streamId = aStreamId();

        const created = await store().appendToStream(streamId, [anEvent()], { expectedRevision: 'any' });
        const extended = await store().appendToStream(streamId, [anEvent()], { expectedRevision: 'any' });

        expect([created.nextExpectedRevision, extended.nextExpectedRevision]).toEqual([0n, 1n]);
      });

      it('treats an empty append as a check of the expectation that writes nothing', async () => {
        const streamId = await aStreamWith(store(), 2);
        const [, last] = await store().readStream(streamId);

        const current = await store().appendToStream(streamId, [], { expectedRevision: 1n });
        const missing = await store().appendToStream(aStreamId(), [], { expectedRevision: 'no_stream' });
        const stale = store().appendToStream(streamId, [], { expectedRevision: 0n });

        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(current).toEqual({ nextExpectedRevision: 1n, position: last?.position });
        expect(missing).toEqual({ nextExpectedRevision: NO_STREAM_REVISION, position: NO_POSITION });
        expect(await store().readStream(streamId)).toHaveLength(2);
      });
    });

    describe('idempotent retries', () => {
      it('returns the first result and writes nothing when the same append is retried', async () => {
        const streamId = aStreamId();
        const events = [anEvent(), anEvent()];
        const first = await store().appendToStream(streamId, events, { expectedRevision: 'no_stream' });

        const retry = await store().appendToStream(streamId, events, { expectedRevision: 'no_stream' });

        expect(retry).toEqual(first);
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('still succeeds without writing after the stream has moved on', async () => {
        const streamId = aStreamId();
        const firstEvents = [anEvent()];
        const secondEvents = [anEvent(), anEvent()];
        const first = await store().appendToStream(streamId, firstEvents, { expectedRevision: 'no_stream' });
        const second = await store().appendToStream(streamId, secondEvents, { expectedRevision: 0n });
        await store().appendToStream(streamId, [anEvent()], { expectedRevision: 2n });

        const firstRetry = await store().appendToStream(streamId, firstEvents, { expectedRevision: 'no_stream' });
        const secondRetry = await store().appendToStream(streamId, secondEvents, { expectedRevision: 0n });

        expect(firstRetry).toEqual(first);
        expect(secondRetry).toEqual(second);
        expect(await store().readStream(streamId)).toHaveLength(4);
      });

      it('rejects a retry whose events only partly match the recorded ones, writing nothing', async () => {
        const streamId = aStreamId();
        const [a, b] = [anEvent(), anEvent()];
        await store().appendToStream(streamId, [a, b], { expectedRevision: 'no_stream' });

        const attempt = store().appendToStream(streamId, [a, anEvent()], { expectedRevision: 'no_stream' });

        await expect(attempt).rejects.toThrow();
        expect((await store().readStream(streamId)).map((event) => event.id)).toEqual([a.id, b.id]);
      });
    });

    describe('concurrent appends', () => {
      it('lets exactly one of several appends at the same expected revision win', async () => {
        const streamId = await aStreamWith(store(), 1);

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store().appendToStream(streamId, [anEvent()], { expectedRevision: 0n })),
        );

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(outcome.reason).toMatchObject({ actual: 1n });
        }
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('lets exactly one of several creators expecting no_stream win', async () => {
        const streamId = aStreamId();

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () =>
            store().appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' }),
          ),
        );

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
          expect(outcome.reason).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 0n });
        }
        expect(await store().readStream(streamId)).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      it('reads from a revision, at most maxCount events', async () => {
        const streamId = await aStreamWith(store(), 5);
        const revisions = async (options: { fromRevision?: bigint; maxCount?: number }) =>
          (await store().readStream(streamId, options)).map((event) => event.revision);

        expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n]);
        expect(await revisions({ fromRevision: 3n, maxCount: 1 })).toEqual([3n]);
        expect(await revisions({ fromRevision: 5n })).toEqual([]);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store().readStream(aStreamId())).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('returns every stream’s events in position order, strictly after `after`', async () => {
        const marker = await aMarker(store());
        const [streamA, streamB] = [aStreamId(), aStreamId()];
        const [a1, a2, b1, a3] = [anEvent(), anEvent(), anEvent(), anEvent()];
        await store().appendToStream(streamA, [a1, a2], { expectedRevision: 'no_stream' });
        await store().appendToStream(streamB, [b1], { expectedRevision: 'no_stream' });
        await store().appendToStream(streamA, [a3], { expectedRevision: 1n });

        const all = await store().readAll({ after: marker.position });
        const ours = all.filter((event) => event.streamId === streamA || event.streamId === streamB);
        const a2Position = ours[1]?.position ?? -1n;
        const afterA2 = await store().readAll({ after: a2Position });

        expect(ours.map((event) => event.id)).toEqual([a1.id, a2.id, b1.id, a3.id]);
        expectIncreasing(all.map((event) => event.position));
        expect(all[0]?.position).toBeGreaterThan(marker.position);
        expect(afterA2[0]?.position).toBeGreaterThan(a2Position);
        const oursAfterA2 = afterA2.filter((event) => event.streamId === streamA || event.streamId === streamB);
        expect(oursAfterA2.map((event) => event.id)).toEqual([b1.id, a3.id]);
      });

      it('returns at most maxCount events', async () => {
        const marker = await aMarker(store());
        await aStreamWith(store(), 3);

        const page = await store().readAll({ after: marker.position, maxCount: 2 });

        expect(page).toHaveLength(2);
        expect(page[0]?.position).toBeGreaterThan(marker.position);
      });

      it('reports a headPosition no older than the last append', async () => {
        const marker = await aMarker(store());

        const head = await store().headPosition();

        expect(head).toBeGreaterThanOrEqual(marker.position);
      });
    });

    describe('round-trips', () => {
      it('keeps metadata, and reports omitted metadata as {}', async () => {
        const streamId = aStreamId();
        const metadata = {
          correlationId: randomUUID(),
          causationId: null,
          actor: { kind: 'patient', roles: ['self'] },
        };
        const marker = await aMarker(store());
        await store().appendToStream(streamId, [anEvent({ metadata }), anEvent()], { expectedRevision: 'no_stream' });

        const fromStream = await store().readStream(streamId);
        const fromAll = (await store().readAll({ after: marker.position })).filter((e) => e.streamId === streamId);

        expect(fromStream.map((event) => event.metadata)).toEqual([metadata, {}]);
        expect(fromAll.map((event) => event.metadata)).toEqual([metadata, {}]);
      });

      it('keeps unicode text and nested JSON exactly', async () => {
        const streamId = aStreamId();
        const data = {
          text: 'Grüße, こんにちは, مرحبا, 👩🏽‍⚕️ — “quoted” \\ back\\slash\nnew line\ttab',
          'key with spaces and ünïcödé': true,
          nested: { list: [1, -2.5, 0, 1e21, 0.1, true, false, null, 'x', { deep: [[], {}] }], empty: {} },
          largestSafeInteger: Number.MAX_SAFE_INTEGER,
        };
        await store().appendToStream(streamId, [anEvent({ type: 'Prüfung✓Recorded', data })], {
          expectedRevision: 'no_stream',
        });

        const [event] = await store().readStream(streamId);

        expect(event?.type).toBe('Prüfung✓Recorded');
        expect(event?.data).toEqual(data);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live appends, and ends when aborted', async () => {
        const marker = await aMarker(store());
        const streamId = aStreamId();
        const events = [anEvent(), anEvent(), anEvent(), anEvent()];
        await store().appendToStream(streamId, events.slice(0, 2), { expectedRevision: 'no_stream' });
        const subscriber = subscribe(store(), { after: marker.position, streams: [streamId] });

        await vi.waitFor(() => expect(subscriber.seen).toHaveLength(2), { timeout: 10_000 });
        await store().appendToStream(streamId, events.slice(2), { expectedRevision: 1n });
        await vi.waitFor(() => expect(subscriber.seen).toHaveLength(4), { timeout: 10_000 });
        await subscriber.stop();

        expect(subscriber.seen.map((event) => event.id)).toEqual(events.map((event) => event.id));
        expectIncreasing(subscriber.positions);
        expect(subscriber.emptyBatches).toBe(0);
      });

      it('hands out batches of at most maxCount events', async () => {
        const marker = await aMarker(store());
        const streamId = await aStreamWith(store(), 5);
        const subscriber = subscribe(store(), { after: marker.position, streams: [streamId], maxCount: 2 });

        await vi.waitFor(() => expect(subscriber.seen).toHaveLength(5), { timeout: 10_000 });
        await subscriber.stop();

        expect(Math.max(...subscriber.batchSizes)).toBeLessThanOrEqual(2);
        expect(subscriber.emptyBatches).toBe(0);
      });

      it('ends without throwing when aborted while waiting for events', async () => {
        const subscriber = subscribe(store(), { after: await store().headPosition(), streams: [] });

        await new Promise((resolve) => setTimeout(resolve, 300));

        await expect(subscriber.stop()).resolves.toBeUndefined();
      });

      it('yields nothing when the signal is already aborted', async () => {
        const batches: RecordedEvent[][] = [];

        for await (const batch of store().subscribeToAll({ signal: AbortSignal.abort() })) batches.push(batch);

        expect(batches).toEqual([]);
      });
    });
  });
}
