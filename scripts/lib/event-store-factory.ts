import type pg from 'pg';
import { createEventStore } from '../../eventstore/index.js';
import type { EventStore } from '../../eventstore/event-store.js';
import type { Config } from './config.js';

/** The configured event store: PostgreSQL (embedded default) or EventStoreDB. */
export function eventStoreFromConfig(config: Config, pool: pg.Pool): EventStore {
  if (config.EVENT_STORE === 'eventstoredb') {
    return createEventStore({ kind: 'eventstoredb', connectionString: config.EVENTSTORE_CONNECTION_STRING ?? '' });
  }
  return createEventStore({ kind: 'postgres', pool });
}
