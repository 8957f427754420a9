/**
 * The event store's public surface: the port, its errors, and one factory that picks the adapter
 * from configuration. Code outside eventstore/ imports from here only.
 */
import type pg from 'pg';
import type { EventStore } from './event-store.js';
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { createPostgresEventStore } from './postgres/postgres-event-store.js';

export * from './event-store.js';
export { NO_POSITION, NO_STREAM_REVISION } from './expected-revision.js';
export { IdempotencyConflictError } from './postgres/idempotency.js';
export { createEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
export { createPostgresEventStore } from './postgres/postgres-event-store.js';

export type EventStoreConfig =
  | {
      readonly kind: 'postgres';
      /** Not owned by the store: close() leaves it open. */
      readonly pool: pg.Pool;
      readonly pollIntervalMs?: number;
      readonly notifyChannel?: string;
    }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'postgres':
      return createPostgresEventStore(config);
    case 'eventstoredb':
      return createEventStoreDbEventStore(config);
    default: {
      const unknown: never = config;
      throw new Error(`Unknown event store kind: ${JSON.stringify(unknown)}`);
    }
  }
}
