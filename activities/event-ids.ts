import { v5 as uuidv5 } from 'uuid';

// Fixed namespace for Consulta's deterministic event ids (a random v4, chosen once).
const EVENT_ID_NAMESPACE = '4f7c2b0e-8d1a-4c3e-9b6f-2a5d8e1c7f30';

/**
 * The id of the event at `revision` of `streamId`. Each stream has a single writer (its
 * workflow), so a retried append produces the same ids and the store drops it as a duplicate.
 */
export function deterministicEventId(streamId: string, revision: number): string {
  return uuidv5(`${streamId}@${revision}`, EVENT_ID_NAMESPACE);
}
