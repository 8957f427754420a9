/**
 * The one activity through which workflows write domain events. Idempotent: a retry after a
 * crash between "appended" and "reported" appends the same deterministic ids, which the store
 * treats as already done.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { EventStore, JsonObject } from '../eventstore/event-store.js';
import { WrongExpectedRevisionError } from '../eventstore/event-store.js';
import { IdempotencyConflictError } from '../eventstore/index.js';
import { deterministicEventId } from './event-ids.js';

export interface EventToRecord {
  readonly type: string;
  readonly data: JsonObject;
}

export interface RecordEventsInput {
  readonly streamId: string;
  /** -1 when the stream does not exist yet. Numbers, because Temporal payloads are JSON. */
  readonly expectedRevision: number;
  readonly events: readonly EventToRecord[];
}

export interface RecordEventsResult {
  readonly nextExpectedRevision: number;
}

export interface RecordEventsDeps {
  readonly eventStore: EventStore;
}

export function createEventActivities({ eventStore }: RecordEventsDeps) {
  return {
    async recordEvents(input: RecordEventsInput): Promise<RecordEventsResult> {
      const workflowId = activityWorkflowId();
      const metadata: JsonObject = workflowId ? { workflowId, schemaVersion: 1 } : { schemaVersion: 1 };
      const events = input.events.map((event, index) => ({
        id: deterministicEventId(input.streamId, input.expectedRevision + 1 + index),
        type: event.type,
        data: event.data,
        metadata,
      }));
      try {
        const result = await eventStore.appendToStream(input.streamId, events, {
          expectedRevision: input.expectedRevision < 0 ? 'no_stream' : BigInt(input.expectedRevision),
        });
        return { nextExpectedRevision: Number(result.nextExpectedRevision) };
      } catch (error) {
        // Another writer moved the stream, or these ids already stand for other events:
        // retrying cannot fix either, so fail the step for good.
        if (error instanceof WrongExpectedRevisionError) {
          throw ApplicationFailure.nonRetryable(error.message, 'WrongExpectedRevision');
        }
        if (error instanceof IdempotencyConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, 'IdempotencyConflict');
        }
        throw error;
      }
    },
  };
}

export type EventActivities = ReturnType<typeof createEventActivities>;

function activityWorkflowId(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined; // called outside an activity (tests, scripts)
  }
}
