/**
 * Event store appends against the bare minimum PostgreSQL can do for the same rows: one INSERT
 * per event in its own transaction. The ratio shows what the store's guarantees cost
 * (expected-revision check, idempotency, gap-free global positions, notifications).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createEventStore } from '../eventstore/index.js';
import { measure, type Measurement } from './measure.js';

export async function benchEventStoreAppend(
  pool: pg.Pool,
  options: { appends: number; concurrency: number },
): Promise<Measurement[]> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, stream_id text, data jsonb)');
  const store = createEventStore({ kind: 'postgres', pool });
  const data = { appointmentId: randomUUID(), status: 'requested', startsAt: new Date().toISOString() };

  const baseline = await measure('baseline: INSERT one row per transaction', options, async () => {
    await pool.query('INSERT INTO bench_baseline (id, stream_id, data) VALUES ($1, $2, $3)', [
      randomUUID(),
      `bench-${randomUUID()}`,
      data,
    ]);
  });
  const newStreams = await measure('event store: append to a new stream', options, async () => {
    await store.appendToStream(`bench-${randomUUID()}`, [{ id: randomUUID(), type: 'BenchEvent', data }], {
      expectedRevision: 'no_stream',
    });
  });
  // Each worker keeps one stream and appends with the exact expected revision, like a workflow.
  const revisions = new Map<number, bigint>();
  const streams = new Map<number, string>();
  const sameStream = await measure('event store: append with expected revision', options, async (worker) => {
    const streamId = streams.get(worker) ?? `bench-${randomUUID()}`;
    streams.set(worker, streamId);
    const expected = revisions.get(worker);
    const result = await store.appendToStream(streamId, [{ id: randomUUID(), type: 'BenchEvent', data }], {
      expectedRevision: expected ?? 'no_stream',
    });
    revisions.set(worker, result.nextExpectedRevision);
  });
  await store.close();
  return [baseline, newStreams, sameStream];
}
