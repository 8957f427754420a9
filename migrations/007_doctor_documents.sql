-- Doctors' credential documents (government ID, medical licence, profile photo): their metadata.
-- Written by the API (api/documents/), not a projection. The bytes live in the file store
-- (FILE_STORE), sealed by the API with a per-file AES-256-GCM key; wrapped_key is that key sealed
-- under a key derived from the master key. Deleting a document forgets wrapped_key, so whatever
-- the store still holds can never be opened again; the row stays for the audit trail.
CREATE TABLE doctor_documents (
  id            uuid PRIMARY KEY,
  doctor_id     uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('government_id', 'medical_licence', 'photo')),
  content_type  text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  -- Of the plaintext, hex.
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key   text NOT NULL UNIQUE,
  wrapped_key   bytea,
  uploaded_at   timestamptz NOT NULL,
  deleted_at    timestamptz,
  CHECK ((deleted_at IS NULL) = (wrapped_key IS NOT NULL))
);

CREATE INDEX doctor_documents_live ON doctor_documents (doctor_id, uploaded_at DESC) WHERE deleted_at IS NULL;
