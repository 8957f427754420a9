/**
 * Appointment histories written straight to the event store, in the contract's event shapes and
 * with the ids the workflow's recordEvents activity would give them, for read-model tests that
 * must not depend on the workflow. Personal content is sealed exactly as the API seals it.
 */
import type pg from 'pg';
import { deterministicEventId } from '../../activities/event-ids.js';
import { personalDataCipher } from '../../api/patients/personal-data.js';
import { appointmentStreamId, type AppointmentEvent } from '../../domain/index.js';
import type { EventStore, JsonObject, JsonValue } from '../../eventstore/event-store.js';
import { readCheckpoint } from '../../projections/checkpoints.js';
import { TEST_MASTER_KEY } from './auth.js';
import { eventually } from './temporal.js';

/** Appends events after what the stream already holds; returns the stream's last revision. */
export async function appendAppointmentEvents(
  eventStore: EventStore,
  appointmentId: string,
  events: readonly AppointmentEvent[],
): Promise<number> {
  const streamId = appointmentStreamId(appointmentId);
  const existing = await eventStore.readStream(streamId);
  const from = existing.length;
  const result = await eventStore.appendToStream(
    streamId,
    events.map((event, index) => ({
      id: deterministicEventId(streamId, from + index),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: { schemaVersion: 1 },
    })),
    { expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1) },
  );
  return Number(result.nextExpectedRevision);
}

/** A value sealed under the patient's key, as the API seals a prescription or a review comment. */
export async function sealFor(pool: pg.Pool, patientId: string, value: JsonValue): Promise<string> {
  const sealed = await personalDataCipher(TEST_MASTER_KEY).seal(pool, patientId, { value });
  return String(sealed.value);
}

/** Waits until these projections have applied everything in the log. */
export async function projectionsCaughtUp(
  pool: pg.Pool,
  eventStore: EventStore,
  names: readonly string[],
): Promise<void> {
  await eventually(
    async () => {
      const head = await eventStore.headPosition();
      for (const name of names) if ((await readCheckpoint(pool, name)) < head) return undefined;
      return true;
    },
    20_000,
    `projections ${names.join(', ')} to reach the head of the log`,
  );
}

export const LIFECYCLE_PROJECTIONS = ['appointments', 'prescriptions', 'reviews', 'payments-ledger'] as const;
