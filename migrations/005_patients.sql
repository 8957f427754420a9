-- Patients: per-person data keys (personal data in events is sealed with them) and the patient
-- profiles read model.

-- One data key per person, wrapped by a key derived from the master key. Destroying it
-- (wrapped_key NULL, destroyed_at set) makes that person's sealed values unreadable in every
-- event that holds them; the events themselves stay (append-only). Not a read model: a rebuild
-- never touches this table.
CREATE TABLE person_keys (
  person_id    uuid PRIMARY KEY,
  -- iv (12 bytes) ‖ wrapped key (32 bytes) ‖ auth tag (16 bytes).
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- The patients read model (projections/patients), profile values opened: NULL when unknown or
-- erased. A patient with an account has patient_id = account id and no guardian; a dependant
-- has a guardian (an account) and a relationship to them.
CREATE TABLE patient_profiles (
  patient_id         uuid PRIMARY KEY,
  guardian_id        uuid,
  relationship       text CHECK (relationship IN ('child', 'parent', 'spouse', 'other')),
  name               text,
  date_of_birth      date,
  sex                text CHECK (sex IN ('female', 'male', 'intersex', 'unknown')),
  phone              text,
  email              text,
  preferred_language text,
  time_zone          text,
  emergency_contact  jsonb,
  stream_revision    bigint NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((guardian_id IS NULL) = (relationship IS NULL))
);

CREATE INDEX patient_profiles_guardian ON patient_profiles (guardian_id) WHERE guardian_id IS NOT NULL;
