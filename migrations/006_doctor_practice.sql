-- Doctor practice: the specialization catalog (reference data, admin-managed) and the read models
-- of the `doctors` projection (doctor_search, doctor_fees, doctor_applications), which folds the
-- doctor-<id> and doctor-verification-<id> streams.

-- Free text is full-text search (tsvector, GIN) with typo tolerance from trigrams: each query word
-- is also matched to the closest known words ("cardiolgy" → cardiology) through doctor_search_words.
-- Scoring trigram similarity row by row over names and bios was measured ~50x slower at 10,000
-- doctors. pg_trgm ships with PostgreSQL's contrib (the embedded server included) and is a
-- trusted extension since 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE specializations (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,47}$'),
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO specializations (id, name) VALUES
  ('general-practice', 'General practice'),
  ('family-medicine', 'Family medicine'),
  ('internal-medicine', 'Internal medicine'),
  ('paediatrics', 'Paediatrics'),
  ('cardiology', 'Cardiology'),
  ('dermatology', 'Dermatology'),
  ('psychiatry', 'Psychiatry'),
  ('psychology', 'Psychology'),
  ('gynaecology-obstetrics', 'Gynaecology and obstetrics'),
  ('endocrinology', 'Endocrinology'),
  ('gastroenterology', 'Gastroenterology'),
  ('neurology', 'Neurology'),
  ('orthopaedics', 'Orthopaedics'),
  ('ophthalmology', 'Ophthalmology'),
  ('ent', 'Ear, nose and throat'),
  ('pulmonology', 'Pulmonology'),
  ('nephrology', 'Nephrology'),
  ('urology', 'Urology'),
  ('infectious-diseases', 'Infectious diseases'),
  ('nutrition', 'Nutrition and dietetics'),
  ('oncology', 'Oncology'),
  ('rheumatology', 'Rheumatology');

-- One row per doctor who set anything up. Only rows with verification_status = 'verified' and
-- online are searchable; suspended doctors have verification_status = 'suspended'.
CREATE TABLE doctor_search (
  doctor_id              uuid PRIMARY KEY,
  display_name           text NOT NULL DEFAULT '',
  practice_name          text NOT NULL DEFAULT '',
  bio                    text NOT NULL DEFAULT '',
  specialization_ids     text[] NOT NULL DEFAULT '{}',
  -- Canonical tags and their primary subtags, lower-cased: {pt-mz, pt, en}.
  language_keys          text[] NOT NULL DEFAULT '{}',
  methods                text[] NOT NULL DEFAULT '{}',
  -- The practice as its stream tells it (domain/doctor DoctorPractice), for profiles and slots.
  profile                jsonb,
  availability           jsonb,
  blocked                jsonb NOT NULL DEFAULT '[]',
  fees                   jsonb NOT NULL DEFAULT '[]',
  services               jsonb NOT NULL DEFAULT '[]',
  online                 boolean NOT NULL DEFAULT false,
  verification_status    text NOT NULL DEFAULT 'none',
  verified_at            timestamptz,
  -- Filled by reviews once they exist.
  rating                 numeric(3, 2) NOT NULL DEFAULT 0,
  review_count           integer NOT NULL DEFAULT 0,
  -- Lower-cased, accents stripped: names, practice, specializations, bio.
  search_text            text NOT NULL DEFAULT '',
  -- The same words weighted: names and practice A, specializations B, bio C ('simple' config).
  search_vector          tsvector NOT NULL DEFAULT ''::tsvector,
  practice_revision      bigint NOT NULL DEFAULT -1,
  verification_revision  bigint NOT NULL DEFAULT -1,
  updated_at             timestamptz NOT NULL
);

-- Searches scan the narrow columns; the practice's JSON and texts live out of line (TOAST), read
-- only for the page returned. Measured at 10,000 doctors: heap 20 MB → 7.5 MB, scan 8 → 5 ms.
ALTER TABLE doctor_search SET (toast_tuple_target = 128);
ALTER TABLE doctor_search
  ALTER COLUMN profile SET STORAGE EXTERNAL,
  ALTER COLUMN availability SET STORAGE EXTERNAL,
  ALTER COLUMN blocked SET STORAGE EXTERNAL,
  ALTER COLUMN fees SET STORAGE EXTERNAL,
  ALTER COLUMN services SET STORAGE EXTERNAL,
  ALTER COLUMN search_text SET STORAGE EXTERNAL,
  ALTER COLUMN bio SET STORAGE EXTERNAL,
  ALTER COLUMN search_vector SET STORAGE MAIN;

CREATE INDEX doctor_search_vector ON doctor_search USING gin (search_vector);
CREATE INDEX doctor_search_specializations ON doctor_search USING gin (specialization_ids);
CREATE INDEX doctor_search_languages ON doctor_search USING gin (language_keys);
CREATE INDEX doctor_search_searchable ON doctor_search (rating DESC, doctor_id)
  WHERE verification_status = 'verified' AND online;

-- Every word of every doctor's search text, for typo correction of query words (a few thousand
-- rows, never deleted: a word nobody uses any more only suggests a match that finds nothing).
CREATE TABLE doctor_search_words (
  word  text PRIMARY KEY
);
CREATE INDEX doctor_search_words_trgm ON doctor_search_words USING gin (word gin_trgm_ops);

-- Fee per consultation method, for fee filters and sorting. No foreign key: a rebuild truncates
-- the projection's tables one by one.
CREATE TABLE doctor_fees (
  doctor_id     uuid NOT NULL,
  method        text NOT NULL,
  currency      char(3) NOT NULL,
  amount_minor  bigint NOT NULL,
  PRIMARY KEY (doctor_id, method)
);
CREATE INDEX doctor_fees_currency_amount ON doctor_fees (currency, amount_minor);

-- The admin queue of verification applications.
CREATE TABLE doctor_applications (
  doctor_id         uuid PRIMARY KEY,
  status            text NOT NULL,
  submitted_at      timestamptz NOT NULL,
  -- Since when it has waited for an admin; null when the next move is the doctor's (or none).
  waiting_since     timestamptz,
  escalated         boolean NOT NULL DEFAULT false,
  last_decision_at  timestamptz,
  last_reason_code  text,
  stream_revision   bigint NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX doctor_applications_queue ON doctor_applications (escalated DESC, waiting_since, doctor_id)
  WHERE waiting_since IS NOT NULL;
