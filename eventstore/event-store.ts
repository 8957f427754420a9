/**
 * The event store port. Two adapters implement it (postgres/, eventstoredb/) and both must
 * pass the one contract suite in contract.ts.
 *
 * Revisions and positions are bigint because EventStoreDB's are 64-bit; convert at the edges
 * (Temporal payloads and JSON cannot carry bigint).
 */

/** What the writer expects the stream's last revision to be before its append. */
export type ExpectedRevision = 'no_stream' | 'any' | bigint;

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface EventData {
  /** A UUID. Appending an event whose id the stream already holds is a no-op (idempotent retry). */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly streamId: string;
  /** 0-based index within the stream. */
  readonly revision: bigint;
  /** Position in the global log; strictly increasing in commit order. */
  readonly position: bigint;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The stream's revision after the append (pass it as the next expected revision). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event written (or of the already-recorded event on a no-op retry). */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive; default 0. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. Omit to start at the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions extends ReadAllOptions {
  /** Stops the subscription; the iterator then ends without throwing. */
  readonly signal?: AbortSignal;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of all streams in global order, never skipping one that commits later (no gaps). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch up from `after`, then follow live appends. Yields non-empty batches in global order
   * until the signal aborts.
   */
  subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent[]>;
  /** Global position of the last event in the store, 0n when it is empty (progress of rebuilds). */
  headPosition(): Promise<bigint>;
  /** A cheap liveness check for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)} but found ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
