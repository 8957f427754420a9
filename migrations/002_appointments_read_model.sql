-- Where each projection has got to in the global event log. Written in the same transaction
-- as the rows it covers, so a crash never leaves the two out of step.
CREATE TABLE projection_checkpoints (
  name        text PRIMARY KEY,
  position    bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appointments (
  id              uuid PRIMARY KEY,
  patient_id      uuid NOT NULL,
  doctor_id       uuid NOT NULL,
  service_id      uuid NOT NULL,
  method          text NOT NULL,
  starts_at       timestamptz NOT NULL,
  status          text NOT NULL,
  requested_at    timestamptz NOT NULL,
  payment_due_at  timestamptz,
  cancelled_at    timestamptz,
  cancelled_by    text,
  cancel_reason   text,
  stream_revision bigint NOT NULL,
  updated_at      timestamptz NOT NULL
);

CREATE INDEX appointments_patient_starts ON appointments (patient_id, starts_at DESC);
CREATE INDEX appointments_doctor_starts ON appointments (doctor_id, starts_at);
CREATE INDEX appointments_requested ON appointments (requested_at DESC, id);
