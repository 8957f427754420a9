/**
 * The doctor practice stream (`doctor-<doctorId>`), written by the API: read and fold the stream,
 * decide, append with the revision read. A concurrent writer makes the append fail and the
 * request answer 409 CONCURRENT_MODIFICATION; a client that sends `If-Match: <revision>` gets the
 * same answer when the practice changed since it last read it.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { lockDoctorBookings } from '../../activities/booking-lock.js';
import {
  decideDoctorPractice,
  doctorStreamId,
  evolveDoctorPractice,
  initialDoctorPractice,
  isDoctorEventType,
  parseDoctorEvent,
  type DoctorCommand,
  type DoctorEvent,
  type DoctorPractice,
  type UpcomingAppointment,
} from '../../domain/doctor/index.js';
import { conflict } from '../../domain/index.js';
import { WrongExpectedRevisionError, type EventStore, type JsonObject } from '../../eventstore/index.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import { writeSearchRow } from '../../projections/doctors/doctors-projection.js';
import { lockSpecializationNamesForWriting } from '../../projections/doctors/specialization-names.js';
import { inTransaction } from '../auth/transaction.js';

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
  return appendPractice(deps.eventStore, input, loaded, events);
}

/**
 * A change that can leave booked appointments outside the doctor's time (weekly availability,
 * blocked times), serialised with bookings by the per-doctor booking lock that every booking and
 * move takes to write its seat (activities/booking-lock.ts). Under that lock it reads the seats
 * themselves, not the lagging appointments read model, and records the change before letting go,
 * so a racing booking either committed first (its seat is found: 409 AVAILABILITY_CONFLICT) or
 * runs after, against the new hours.
 *
 * "Against the new hours" needs one more step: the booking guard reads the practice from
 * doctor_search, which the projector updates only some time after the event. So the new practice
 * is written to doctor_search here, in the lock's transaction; the projector later skips the
 * event, as the row already reflects its revision (projections/doctors/doctor-rows.ts). The row
 * is written before the append and committed after it: a refused append rolls it back, and a
 * crash between the two leaves the row to the projector. Rejected: the guard folding the doctor
 * stream for every booking (an event-store read per booking, inside the lock), and waiting here
 * for the projector while holding the lock (bookings stall for as long as it lags, or for ever).
 * With the PostgreSQL event store on the same pool, the append needs a second pooled connection
 * while the lock is held; bookings of this doctor waiting for the lock could fill the pool, so
 * lock waits are bounded (activities/booking-lock.ts): they give up and the append goes on.
 */
export async function executeBookedTimeChange(
  deps: { readonly eventStore: EventStore; readonly pool: pg.Pool },
  input: {
    readonly doctorId: string;
    readonly actorId: string;
    readonly ifMatch?: number;
    readonly now: Date;
    readonly command: (state: DoctorPractice, booked: readonly UpcomingAppointment[]) => DoctorCommand;
  },
): Promise<LoadedPractice> {
  // Read before the lock: the append's expected revision catches any practice change since.
  const loaded = await loadPractice(deps.eventStore, input.doctorId);
  if (input.ifMatch !== undefined && input.ifMatch !== loaded.revision) throw stale();
  return inTransaction(deps.pool, async (client) => {
    await lockDoctorBookings(client, input.doctorId);
    const booked = await bookedSeats(client, input.doctorId, input.now);
    const events = decideDoctorPractice(input.command(loaded.state, booked), loaded.state);
    if (events.length === 0) return loaded;
    const next = {
      state: events.reduce(evolveDoctorPractice, loaded.state),
      revision: loaded.revision + events.length,
    };
    await writeGuardedPractice(client, input.doctorId, next, input.now);
    return appendPractice(deps.eventStore, input, loaded, events);
  });
}

async function appendPractice(
  eventStore: EventStore,
  input: { readonly doctorId: string; readonly actorId: string },
  loaded: LoadedPractice,
  events: readonly DoctorEvent[],
): Promise<LoadedPractice> {
  try {
    const result = await eventStore.appendToStream(
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

/**
 * Booked appointments a change must not orphan, starting after `now`: every held seat (written
 * by the booking request itself), plus appointments of the read model that have no seat row
 * (booked before seats existed), as projections/doctors/doctor-slots.ts loadReservations counts
 * them. A seat row, held or released, is the authority for its appointment.
 */
async function bookedSeats(db: Pick<pg.PoolClient, 'query'>, doctorId: string, now: Date) {
  const { rows } = await db.query<{ id: string; service_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT id, service_id, starts_at, ends_at FROM slot_reservations
      WHERE doctor_id = $1 AND status = 'held' AND starts_at > $2
     UNION ALL
     SELECT a.id, a.service_id, a.starts_at, a.ends_at FROM appointments a
      WHERE a.doctor_id = $1 AND a.cancelled_at IS NULL AND a.starts_at > $2
        AND NOT EXISTS (SELECT 1 FROM slot_reservations r WHERE r.id = a.id)
     ORDER BY starts_at, id`,
    [doctorId, now],
  );
  return rows.map((row): UpcomingAppointment => ({
    appointmentId: row.id,
    serviceId: row.service_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
  }));
}

/**
 * The booking guard's copy of the practice (doctor_search), brought to `next` in the caller's
 * transaction. Locking the row serialises this with the projector, which locks it too. No row yet:
 * the projector has seen nothing of this doctor, the guard refuses them, and the projector writes
 * the row (creating it here would race the projector's own insert). The specialization-names lock
 * comes first, as for the projector: the row's search text holds catalog names a rename rewrites.
 */
async function writeGuardedPractice(client: pg.PoolClient, doctorId: string, next: LoadedPractice, at: Date) {
  await lockSpecializationNamesForWriting(client);
  const row = await readSearchRow(client, doctorId, { lock: true });
  if (!row || row.practiceRevision >= next.revision) return;
  await writeSearchRow(client, {
    ...row,
    practice: next.state,
    practiceRevision: next.revision,
    updatedAt: at.toISOString(),
  });
}
