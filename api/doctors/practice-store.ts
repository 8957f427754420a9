/**
 * The doctor practice stream (`doctor-<doctorId>`), written by the API: read and fold the stream,
 * decide, append with the revision read. A concurrent writer makes the append fail and the
 * request answer 409 CONCURRENT_MODIFICATION; a client that sends `If-Match: <revision>` gets the
 * same answer when the practice changed since it last read it.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  decideDoctorPractice,
  doctorStreamId,
  evolveDoctorPractice,
  initialDoctorPractice,
  isDoctorEventType,
  parseDoctorEvent,
  type DoctorCommand,
  type DoctorPractice,
  type UpcomingAppointment,
} from '../../domain/doctor/index.js';
import { conflict } from '../../domain/index.js';
import { WrongExpectedRevisionError, type EventStore, type JsonObject } from '../../eventstore/index.js';

export interface LoadedPractice {
  readonly state: DoctorPractice;
  /** Last revision of the stream; -1 when the doctor has set nothing up yet. */
  readonly revision: number;
}

export async function loadPractice(eventStore: EventStore, doctorId: string): Promise<LoadedPractice> {
  const events = await eventStore.readStream(doctorStreamId(doctorId));
  let state = initialDoctorPractice;
  for (const event of events) {
    if (isDoctorEventType(event.type)) state = evolveDoctorPractice(state, parseDoctorEvent(event.type, event.data));
  }
  return { state, revision: events.length ? Number(events.at(-1)?.revision) : -1 };
}

/** `If-Match: 3`, `If-Match: "3"` or `W/"3"` → 3; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(header.trim());
  if (!match) throw conflict('CONCURRENT_MODIFICATION', 'If-Match must be the revision you last read.');
  return Number(match[1]);
}

export async function executePractice(
  deps: { readonly eventStore: EventStore },
  input: {
    readonly doctorId: string;
    readonly actorId: string;
    readonly ifMatch?: number;
    readonly command: (state: DoctorPractice) => DoctorCommand;
  },
): Promise<LoadedPractice> {
  const loaded = await loadPractice(deps.eventStore, input.doctorId);
  if (input.ifMatch !== undefined && input.ifMatch !== loaded.revision) throw stale();
  const events = decideDoctorPractice(input.command(loaded.state), loaded.state);
  if (events.length === 0) return loaded;
  try {
    const result = await deps.eventStore.appendToStream(
      doctorStreamId(input.doctorId),
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: { schemaVersion: 1, actorId: input.actorId },
      })),
      { expectedRevision: loaded.revision < 0 ? 'no_stream' : BigInt(loaded.revision) },
    );
    return {
      state: events.reduce(evolveDoctorPractice, loaded.state),
      revision: Number(result.nextExpectedRevision),
    };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw stale();
    throw error;
  }
}

const stale = () =>
  conflict('CONCURRENT_MODIFICATION', 'The practice changed since you read it; reload it and try again.');

/** Booked appointments a change must not orphan: not cancelled and starting after `now`. */
export async function upcomingAppointments(
  db: Pick<pg.Pool, 'query'>,
  doctorId: string,
  now: Date,
): Promise<UpcomingAppointment[]> {
  const { rows } = await db.query<{ id: string; service_id: string; starts_at: Date }>(
    `SELECT id, service_id, starts_at FROM appointments
      WHERE doctor_id = $1 AND cancelled_at IS NULL AND starts_at > $2 ORDER BY starts_at`,
    [doctorId, now],
  );
  return rows.map((row) => ({
    appointmentId: row.id,
    serviceId: row.service_id,
    startsAt: row.starts_at.toISOString(),
  }));
}
