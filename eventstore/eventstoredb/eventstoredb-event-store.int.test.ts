import { describe, it } from 'vitest';
import { eventStoreContract } from '../contract.js';
import { createEventStoreDbEventStore } from './eventstoredb-event-store.js';

// EventStoreDB cannot run everywhere the suite runs, so this is the one skip the suite allows,
// and it says why in the report instead of passing silently.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describe.skipIf(!connectionString)('EventStoreDB contract (set EVENTSTORE_CONNECTION_STRING to run)', () => {
  if (connectionString) {
    eventStoreContract('eventstoredb', async () => {
      const store = createEventStoreDbEventStore({ connectionString });
      return { store, teardown: () => store.close() };
    });
  } else {
    it('runs the EventStore contract against EventStoreDB, e.g. esdb://localhost:2113?tls=false', () => {});
  }
});
