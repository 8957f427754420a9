-- Messages handed to a real provider (Twilio SMS), one row per dedupe key: the provider has no
-- idempotency key of its own, so this row is what makes "the same key is delivered once" hold
-- across activity retries and replays. The adapter inserts the row, calls the provider and
-- commits in one transaction: a concurrent send of the same key waits on the row and then finds
-- it; a failed call rolls it back, so the next attempt sends. Ids and codes only: no address, no
-- text (the dev outbox's dedupe_key does the same for the local adapter).
CREATE TABLE notification_deliveries (
  dedupe_key           text PRIMARY KEY,
  channel              text NOT NULL CHECK (channel IN ('email', 'sms')),
  provider             text NOT NULL,
  -- The provider's id of the message (Twilio's SM… SID), for tracing a delivery with it. Set in
  -- the same transaction that inserts the row; NULL only if the provider's acceptance named none.
  provider_message_id  text,
  sent_at              timestamptz NOT NULL
);
