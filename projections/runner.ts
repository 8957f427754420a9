/**
 * Runs projections: each batch of events and the checkpoint after it commit in one transaction.
 * Several runners (a live projector, a rebuild, a second replica) may work on one projection:
 * a batch commits only if the checkpoint is still where its runner left it; otherwise the
 * runner starts again from the stored checkpoint, so no event is applied twice or skipped.
 */
import type pg from 'pg';
import type { EventStore, RecordedEvent } from '../eventstore/event-store.js';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';

export interface ProjectionDeps {
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
}

type BatchOutcome =
  { readonly kind: 'applied'; readonly position: bigint } | { readonly kind: 'moved'; readonly position: bigint };

export async function applyBatch(
  pool: pg.Pool,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: bigint,
): Promise<BatchOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const stored = await lockCheckpoint(client, projection.name);
    if (stored !== from) {
      await client.query('ROLLBACK');
      return { kind: 'moved', position: stored };
    }
    let position = from;
    for (const event of events) {
      if (event.position <= position) continue;
      await projection.apply(client, event);
      position = event.position;
    }
    await saveCheckpoint(client, projection.name, position);
    await client.query('COMMIT');
    return { kind: 'applied', position };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Follows the event log until the signal aborts. */
export async function runProjection(
  projection: Projection,
  deps: ProjectionDeps & { readonly signal: AbortSignal; readonly onError?: (error: unknown) => void },
): Promise<void> {
  while (!deps.signal.aborted) {
    try {
      let position = await readCheckpoint(deps.pool, projection.name);
      for await (const batch of deps.eventStore.subscribeToAll({ after: position, signal: deps.signal })) {
        const outcome = await applyBatch(deps.pool, projection, batch, position);
        position = outcome.position;
        if (outcome.kind === 'moved') break; // someone else moved the checkpoint: resubscribe from it
      }
    } catch (error) {
      if (deps.signal.aborted) return;
      deps.onError?.(error);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export interface RebuildProgress {
  readonly position: bigint;
  readonly head: bigint;
  readonly events: number;
}

/** Empties the projection's tables and replays the whole log into them. */
export async function rebuildProjection(
  projection: Projection,
  deps: ProjectionDeps & { readonly batchSize?: number; readonly onProgress?: (progress: RebuildProgress) => void },
): Promise<RebuildProgress> {
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    await lockCheckpoint(client, projection.name);
    for (const table of projection.tables) await client.query(`TRUNCATE ${table}`);
    await saveCheckpoint(client, projection.name, 0n);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }

  const head = await deps.eventStore.headPosition();
  let position = 0n;
  let events = 0;
  for (;;) {
    const batch = await deps.eventStore.readAll({ after: position, maxCount: deps.batchSize ?? 500 });
    if (batch.length === 0) break;
    const outcome = await applyBatch(deps.pool, projection, batch, position);
    if (outcome.kind === 'moved') {
      position = outcome.position; // a live runner applied this stretch already
      continue;
    }
    events += batch.length;
    position = outcome.position;
    deps.onProgress?.({ position, head, events });
  }
  return { position, head, events };
}
