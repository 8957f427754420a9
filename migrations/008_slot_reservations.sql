-- The booking lock's ledger: one row per appointment the API accepted, written in the request
-- path inside the same transaction that checked capacity (under a per-doctor advisory lock), so
-- two requests can never both take the last seat. Not a projection: the appointments read model
-- lags the event store, this table does not. The appointment workflow releases the row when the
-- appointment is cancelled (by a person or by the payment timeout); the API releases it when the
-- workflow never started.
CREATE TABLE slot_reservations (
  id           uuid PRIMARY KEY,              -- the appointment id
  doctor_id    uuid NOT NULL,
  service_id   uuid NOT NULL,
  -- [starts_at, ends_at): the service's own duration; the doctor's buffer is applied when
  -- counting, as the slot engine does, so a changed buffer applies to existing bookings too.
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('held', 'released')),
  created_at   timestamptz NOT NULL,
  released_at  timestamptz,
  CHECK (starts_at < ends_at),
  CHECK ((status = 'released') = (released_at IS NOT NULL))
);

CREATE INDEX slot_reservations_held ON slot_reservations (doctor_id, starts_at) WHERE status = 'held';
