-- Payments and notifications of the booking lifecycle: the local (test/development) payments
-- adapter's ledger, the webhook events the API has accepted from any provider, and the dev
-- outbox's de-duplication key and attachments.

-- The LOCAL payments adapter (activities/adapters/local-payments.ts): a stand-in for a provider's
-- own records, for development and tests only; no real money moves. A real provider (Stripe)
-- keeps its checkouts and refunds on its side and needs none of these tables.
CREATE TABLE local_payments (
  -- Unguessable (the test checkout page needs no login; its id is the capability).
  id                   text PRIMARY KEY,
  -- What the caller gave as its idempotency key (the appointment id): one checkout per key.
  idempotency_key      text NOT NULL UNIQUE,
  appointment_id       uuid NOT NULL,
  amount_minor         bigint NOT NULL CHECK (amount_minor > 0),
  currency             char(3) NOT NULL,
  description          text NOT NULL,
  -- requested → paid | declined | cancelled; declined → paid (a second try) | cancelled.
  status               text NOT NULL CHECK (status IN ('requested', 'paid', 'declined', 'cancelled')),
  refunded_minor       bigint NOT NULL DEFAULT 0,
  -- The event that told Consulta it was paid, kept to re-deliver it (same id) if delivery failed.
  settlement_event_id  text,
  -- When Consulta acknowledged that event; NULL while it still has to be delivered.
  settlement_acked_at  timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  -- Refunds never exceed what was paid, whatever a caller asks.
  CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
  CHECK (refunded_minor = 0 OR status = 'paid')
);
CREATE INDEX local_payments_appointment ON local_payments (appointment_id);

CREATE TABLE local_refunds (
  id               text PRIMARY KEY,
  payment_id       text NOT NULL REFERENCES local_payments (id),
  -- Same key, same refund: a retried refund never pays twice.
  idempotency_key  text NOT NULL UNIQUE,
  amount_minor     bigint NOT NULL CHECK (amount_minor > 0),
  currency         char(3) NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX local_refunds_payment ON local_refunds (payment_id);

-- Every verified webhook event the API accepted, from any provider: providers deliver at least
-- once, and a second delivery of the same event finds its row and does nothing more. Ids, codes
-- and amounts only.
CREATE TABLE payment_webhook_events (
  provider           text NOT NULL,
  provider_event_id  text NOT NULL,
  payment_id         text NOT NULL,
  appointment_id     uuid NOT NULL,
  outcome            text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  amount_minor       bigint NOT NULL,
  currency           char(3) NOT NULL,
  -- signalled: the appointment workflow got it; unmatched: no running workflow for the
  -- appointment (finished or unknown), kept for someone to look at (a late payment to refund).
  status             text NOT NULL CHECK (status IN ('signalled', 'unmatched')),
  received_at        timestamptz NOT NULL,
  PRIMARY KEY (provider, provider_event_id)
);
CREATE INDEX payment_webhook_events_unmatched ON payment_webhook_events (received_at) WHERE status = 'unmatched';

-- The dev outbox learns de-duplication (a notification retried after a crash is written once)
-- and attachments (calendar invitations), as [{ filename, contentType, contentBase64 }].
ALTER TABLE dev_outbox
  ADD COLUMN dedupe_key text UNIQUE,
  ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
