/** Patient events on their way into and out of the event store: personal values sealed per field. */
import { PERSONAL_DATA_KEY, parsePatientEvent, type PatientEvent, type PatientEventType } from '../../domain/index.js';
import type { JsonObject } from '../event-store.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { Queryable } from './person-keys.js';

/** The event's data as it is appended: the personal part sealed under the patient's key. */
export async function sealPatientEvent(
  cipher: PersonalDataCipher,
  db: Queryable,
  event: PatientEvent,
): Promise<JsonObject> {
  const data = event.data as unknown as JsonObject;
  const key = PERSONAL_DATA_KEY[event.type];
  if (key === null) return data;
  const personal = data[key] as JsonObject;
  return { ...data, [key]: await cipher.seal(db, event.data.patientId, personal) };
}

/** A stored patient event, opened: erased values come back as null. */
export async function openPatientEvent(
  cipher: PersonalDataCipher,
  db: Queryable,
  stored: { readonly type: PatientEventType; readonly data: JsonObject },
  patientId: string,
): Promise<PatientEvent> {
  const key = PERSONAL_DATA_KEY[stored.type];
  if (key === null) return parsePatientEvent(stored.type, stored.data);
  const personal = (stored.data[key] ?? {}) as JsonObject;
  return parsePatientEvent(stored.type, { ...stored.data, [key]: await cipher.open(db, patientId, personal) });
}
