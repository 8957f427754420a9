-- Identity: accounts, roles, credentials, sessions (refresh-token families), second factors,
-- one-time tokens, the local OTP adapter's challenges, abuse throttles and the dev outbox.
-- Secrets are never stored as given: passwords as argon2id, tokens and codes as HMAC-SHA256
-- under deriveKey(masterKey, 'token-hash'), TOTP secrets as AES-256-GCM under 'totp-secret'.

CREATE TABLE accounts (
  id                uuid PRIMARY KEY,
  -- Lower-cased by the API before it gets here; the CHECK keeps a second writer honest.
  email             text UNIQUE CHECK (email = lower(email)),
  -- E.164 (+ and up to 15 digits).
  phone             text UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email_verified_at timestamptz,
  phone_verified_at timestamptz,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE account_roles (
  account_id uuid NOT NULL REFERENCES accounts (id),
  role       text NOT NULL CHECK (role IN ('patient', 'doctor', 'admin', 'finance')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  -- The admin who granted it; NULL for self-registration, the CLI and the demo seed.
  granted_by uuid,
  PRIMARY KEY (account_id, role)
);

CREATE TABLE password_credentials (
  account_id    uuid PRIMARY KEY REFERENCES accounts (id),
  -- PHC string ($argon2id$v=19$m=…): algorithm and parameters travel with the hash.
  password_hash text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per refresh token; a session is a family of rotated tokens (family_id = the access
-- token's `sid`). A used token keeps its row (rotated_at) so its reuse can be detected.
CREATE TABLE refresh_tokens (
  id         uuid PRIMARY KEY,
  family_id  uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id),
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  -- The session passed a second factor; carried over to every rotation of the family.
  mfa        boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account_live ON refresh_tokens (account_id) WHERE revoked_at IS NULL;

CREATE TABLE totp_credentials (
  account_id       uuid PRIMARY KEY REFERENCES accounts (id),
  -- iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext.
  secret_encrypted bytea NOT NULL,
  -- NULL while set up but not yet confirmed with a first code.
  enabled_at       timestamptz,
  -- The last 30-second step a code was accepted for: a code is never accepted twice.
  last_used_step   bigint
);

CREATE TABLE backup_codes (
  account_id uuid NOT NULL REFERENCES accounts (id),
  code_hash  bytea NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE one_time_tokens (
  token_hash bytea PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  purpose    text NOT NULL CHECK (purpose IN ('email_verify', 'password_reset')),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_account ON one_time_tokens (account_id, purpose);

-- Codes of the local development verification adapter (the Twilio adapter keeps none).
CREATE TABLE otp_challenges (
  id          bigserial PRIMARY KEY,
  phone       text NOT NULL,
  code_hash   bytea NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  -- Set when the code is accepted, replaced by a newer one, or burned by too many wrong tries.
  consumed_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_challenges_phone_open ON otp_challenges (phone, created_at DESC) WHERE consumed_at IS NULL;

-- Attempt counters for login and OTP, per account identifier and per client address, shared by
-- every API instance. Keys are HMACs (`login:account:<hmac>`): no email or phone in this table.
CREATE TABLE login_throttle (
  key               text PRIMARY KEY,
  attempts          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  blocked_until     timestamptz,
  -- Consecutive lockouts; each one doubles the next (growing delays). Reset by a success.
  lockouts          integer NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- What the local mailer and the local verification adapter "send". Shown by GET /api/v1/dev/outbox
-- outside production only.
CREATE TABLE dev_outbox (
  id         bigserial PRIMARY KEY,
  channel    text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient  text NOT NULL,
  subject    text,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_outbox_recipient ON dev_outbox (recipient, id DESC);
