-- The PostgreSQL event store (eventstore/postgres). Append-only: events are never updated or
-- deleted; a stream's row only moves its revision forward.

-- The last global position handed out, in a single row. Every append locks this row (UPDATE)
-- to allocate its positions and holds the lock until it commits, so positions become visible in
-- increasing order and a reader never skips an event (eventstore/postgres/append.ts explains why).
-- Unlike a sequence, the counter is transactional: positions are dense, an aborted append
-- leaves no hole, and a number is never handed out twice.
CREATE TABLE event_log_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_position bigint NOT NULL CHECK (last_position >= 0)
);
INSERT INTO event_log_head (singleton, last_position) VALUES (true, 0);

-- One row per stream: its last revision, and the row appends lock for optimistic concurrency.
CREATE TABLE event_streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL CHECK (revision >= 0)
);

CREATE TABLE events (
  -- 1, 2, 3 …; readAll's cursor.
  position bigint PRIMARY KEY CHECK (position > 0),
  -- Unique across all streams (EventStoreDB only checks within a stream): a retried append that
  -- lands on another stream is a bug we would rather hear about than store twice.
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, revision)
);
