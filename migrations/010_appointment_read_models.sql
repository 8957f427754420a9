-- The booking lifecycle's read models (issue 5): the appointments row grows the columns the pages
-- need, and three projections of their own: prescriptions (opened), reviews with each doctor's
-- rating, and the payments ledger. Amounts are in minor units; the appointment's amounts are in
-- its fee currency.

-- Read models are derived: rather than back-fill the new columns, empty the table and move its
-- checkpoint back, so the projector replays the log into the new shape on its next start.
TRUNCATE appointments;
UPDATE projection_checkpoints SET position = 0, updated_at = now() WHERE name = 'appointments';

ALTER TABLE appointments
  ADD COLUMN booked_by                 uuid NOT NULL,
  ADD COLUMN service_name              text NOT NULL,
  ADD COLUMN ends_at                   timestamptz NOT NULL,
  ADD COLUMN fee_amount_minor          bigint NOT NULL,
  ADD COLUMN fee_currency              char(3) NOT NULL,
  -- The cancellation policy pinned at booking (domain/appointment/cancellation-policy.ts).
  ADD COLUMN policy                    jsonb NOT NULL,
  ADD COLUMN payment_id                text,
  ADD COLUMN payment_provider          text,
  ADD COLUMN payment_status            text CHECK (payment_status IN ('requested', 'failed', 'received')),
  ADD COLUMN payment_failure_code      text,
  ADD COLUMN checkout_url              text,
  ADD COLUMN paid_amount_minor         bigint,
  ADD COLUMN paid_at                   timestamptz,
  ADD COLUMN refunded_amount_minor     bigint NOT NULL DEFAULT 0,
  -- Owed back and not yet refunded; with it set, a cancelled or no-show appointment is not final.
  ADD COLUMN refund_owed_minor         bigint,
  ADD COLUMN refund_owed_reason        text,
  ADD COLUMN confirmed_at              timestamptz,
  -- Reminders sent for the current start time (a reschedule starts again from 0).
  ADD COLUMN reminders_sent            integer NOT NULL DEFAULT 0,
  ADD COLUMN last_reminder_at          timestamptz,
  ADD COLUMN patient_reschedules       integer NOT NULL DEFAULT 0,
  ADD COLUMN rescheduled_at            timestamptz,
  ADD COLUMN checked_in_at             timestamptz,
  ADD COLUMN consultation_started_at   timestamptz,
  ADD COLUMN consultation_ends_by      timestamptz,
  ADD COLUMN consultation_ended_at     timestamptz,
  ADD COLUMN consultation_ended_by     text,
  ADD COLUMN room_id                   text,
  ADD COLUMN no_show_party             text CHECK (no_show_party IN ('patient', 'doctor')),
  ADD COLUMN no_show_at                timestamptz,
  ADD COLUMN prescription_id           uuid,
  ADD COLUMN prescription_issued_at    timestamptz,
  ADD COLUMN medicine_count            integer,
  ADD COLUMN review_rating             smallint,
  ADD COLUMN reviewed_at               timestamptz,
  ADD COLUMN review_due_at             timestamptz,
  ADD COLUMN review_reminder_sent_at   timestamptz,
  ADD COLUMN closed_at                 timestamptz,
  -- Nothing more happens (domain isFinal): no timer, no command, no money owed either way.
  ADD COLUMN final                     boolean NOT NULL DEFAULT false;

-- Dashboards: a doctor's day and waiting room, a patient's upcoming and past appointments.
CREATE INDEX appointments_doctor_status ON appointments (doctor_id, status);

-- Prescriptions, opened with the patient's key (NULL content once the patient's data is erased).
-- The projection keeps who each appointment is between, since PrescriptionIssued names neither.
CREATE TABLE prescription_parties (
  appointment_id  uuid PRIMARY KEY,
  patient_id      uuid NOT NULL,
  doctor_id       uuid NOT NULL
);

CREATE TABLE prescriptions (
  prescription_id  uuid PRIMARY KEY,
  appointment_id   uuid NOT NULL UNIQUE,
  patient_id       uuid NOT NULL,
  doctor_id        uuid NOT NULL,
  issued_at        timestamptz NOT NULL,
  medicine_count   integer NOT NULL,
  -- domain/appointment/prescription.ts Prescription.
  content          jsonb
);
CREATE INDEX prescriptions_patient ON prescriptions (patient_id, issued_at DESC);

-- Reviews; the comment is opened with the patient's key (NULL when none or erased). The author's
-- name is not copied here: reads take the first name from patient_profiles, so erasure hides it.
CREATE TABLE review_parties (
  appointment_id  uuid PRIMARY KEY,
  patient_id      uuid NOT NULL
);

CREATE TABLE reviews (
  appointment_id  uuid PRIMARY KEY,
  doctor_id       uuid NOT NULL,
  patient_id      uuid NOT NULL,
  rating          smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         text,
  submitted_at    timestamptz NOT NULL
);
CREATE INDEX reviews_doctor_newest ON reviews (doctor_id, submitted_at DESC, appointment_id DESC);

-- Each doctor's rating as the reviews projection counts it; copied into doctor_search.rating and
-- review_count (which search sorts and filters by) whenever it changes, and read back by the
-- doctors projection when it (re)creates a doctor's search row.
CREATE TABLE doctor_ratings (
  doctor_id     uuid PRIMARY KEY,
  rating_sum    bigint NOT NULL,
  review_count  integer NOT NULL
);

-- Money in (+, PaymentReceived) and out (-, RefundIssued), one row per event.
CREATE TABLE payments_ledger (
  event_id        uuid PRIMARY KEY,
  appointment_id  uuid NOT NULL,
  payment_id      text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('payment', 'refund')),
  -- The provider's refund id for refunds, its event id for payments.
  reference       text NOT NULL,
  -- Signed: positive in, negative out.
  amount_minor    bigint NOT NULL,
  currency        char(3) NOT NULL,
  reason          text,
  at              timestamptz NOT NULL,
  position        bigint NOT NULL
);
CREATE INDEX payments_ledger_at ON payments_ledger (at, event_id);
CREATE INDEX payments_ledger_appointment ON payments_ledger (appointment_id);
