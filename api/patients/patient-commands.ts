/**
 * Patient commands, written by the API itself (no workflow: nothing waits or retries on time).
 * Load the stream, decide, seal the personal values, append at the revision read: a concurrent
 * writer makes the append fail and the caller gets 409, never a lost update.
 */
import { randomUUID } from 'node:crypto';
import {
  conflict,
  decidePatient,
  evolvePatient,
  initialPatientState,
  isPatientEventType,
  patientStreamId,
  type PatientCommand,
  type PatientState,
} from '../../domain/index.js';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision } from '../../eventstore/event-store.js';
import {
  openPatientEvent,
  PersonalDataErasedError,
  sealPatientEvent,
  type PersonalDataCipher,
} from '../../eventstore/pii/index.js';
import type pg from 'pg';

export interface PatientCommandDeps {
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
  readonly cipher: PersonalDataCipher;
}

export interface LoadedPatient {
  readonly state: PatientState;
  /** The stream's last revision, -1 when it has no events. */
  readonly revision: number;
  /** Global position of what this command just recorded (absent when it recorded nothing). */
  readonly position?: bigint;
}

export async function loadPatient(deps: PatientCommandDeps, patientId: string): Promise<LoadedPatient> {
  const events = await deps.eventStore.readStream(patientStreamId(patientId));
  let state = initialPatientState;
  for (const { type, data } of events) {
    if (!isPatientEventType(type)) continue;
    state = evolvePatient(state, await openPatientEvent(deps.cipher, deps.pool, { type, data }, patientId));
  }
  return { state, revision: events.length ? Number(events[events.length - 1]!.revision) : -1 };
}

export async function executePatientCommand(
  deps: PatientCommandDeps,
  patientId: string,
  command: PatientCommand,
  options: { readonly actorId: string; readonly expectedRevision?: number },
): Promise<LoadedPatient> {
  const loaded = await loadPatient(deps, patientId);
  // The decider first: someone refused as a stranger (404) must not learn a revision from a 409.
  const events = decidePatient(command, loaded.state);
  if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) throw modifiedMeanwhile();
  if (events.length === 0) return loaded;
  try {
    const sealed = await Promise.all(events.map((event) => sealPatientEvent(deps.cipher, deps.pool, event)));
    const expectedRevision: ExpectedRevision = loaded.revision < 0 ? 'no_stream' : BigInt(loaded.revision);
    const result = await deps.eventStore.appendToStream(
      patientStreamId(patientId),
      events.map((event, index) => ({
        id: randomUUID(),
        type: event.type,
        data: sealed[index]!,
        metadata: { schemaVersion: 1, actorId: options.actorId },
      })),
      { expectedRevision },
    );
    return {
      state: events.reduce(evolvePatient, loaded.state),
      revision: Number(result.nextExpectedRevision),
      position: result.position,
    };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw modifiedMeanwhile();
    if (error instanceof PersonalDataErasedError) {
      throw conflict('PERSONAL_DATA_ERASED', 'This patient’s personal data has been erased; it cannot be changed.');
    }
    throw error;
  }
}

const modifiedMeanwhile = () =>
  conflict('CONCURRENT_MODIFICATION', 'The profile was changed meanwhile; read it again and retry your change.');
