/**
 * Audit events: who did what to whom, appended to the event store like every other fact.
 * They carry ids, codes and instants only, never names, emails or health data.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '../eventstore/event-store.js';

/** One audit stream per subject (an account or a patient), so "replay the history of X" is one read. */
export const auditStreamId = (subjectId: string) => `audit-${subjectId}`;

export interface AuditEvent {
  readonly type: string;
  /** The account acting, or null for the system or an anonymous caller. */
  readonly actorId: string | null;
  readonly subjectId: string;
  readonly data?: JsonObject;
  readonly at: Date;
}

export async function recordAudit(eventStore: EventStore, event: AuditEvent, options: { eventId?: string } = {}): Promise<void> {
  await eventStore.appendToStream(
    auditStreamId(event.subjectId),
    [
      {
        // A caller that may retry passes a deterministic id; the store then drops the duplicate.
        id: options.eventId ?? randomUUID(),
        type: event.type,
        data: { actorId: event.actorId, subjectId: event.subjectId, at: event.at.toISOString(), ...(event.data ?? {}) },
        metadata: { schemaVersion: 1 },
      },
    ],
    { expectedRevision: 'any' },
  );
}
