import type pg from 'pg';
import type { RecordedEvent } from '../eventstore/event-store.js';

/** A read model fed from the global event log. */
export interface Projection {
  readonly name: string;
  /** Tables emptied by a rebuild. */
  readonly tables: readonly string[];
  /** Applies one event inside the batch's transaction; ignores events it does not care about. */
  apply(client: pg.PoolClient, event: RecordedEvent): Promise<void>;
}
