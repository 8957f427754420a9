/**
 * Once per key, for providers with no idempotency key of their own (an SMS API, an SMTP server):
 * the key's row in notification_deliveries is inserted, the provider called and the row committed
 * in one transaction. A second attempt with the same key waits on the row and finds it (duplicate);
 * a failed call rolls the row back, so the next attempt sends. A worker dying after the provider
 * accepted and before the commit can still send twice: nothing closes that without the provider.
 */
import type pg from 'pg';
import { withTransaction } from '../db-transaction.js';

export interface Delivery {
  readonly dedupeKey: string;
  readonly channel: 'email' | 'sms';
  readonly provider: string;
  /** Known before sending (an email's Message-ID); else `send` may answer the provider's id. */
  readonly providerMessageId?: string;
  readonly at: Date;
}

/** `send` returns the provider's message id when it learns one only from the answer. */
export function deliverOnce(
  pool: pg.Pool,
  delivery: Delivery,
  send: () => Promise<string | null | void>,
): Promise<'sent' | 'duplicate'> {
  return withTransaction(pool, async (client) => {
    // A concurrent attempt holding the key is at most one provider call away from committing.
    await client.query("SET LOCAL lock_timeout = '15s'");
    const claim = await client.query(
      `INSERT INTO notification_deliveries (dedupe_key, channel, provider, provider_message_id, sent_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING`,
      [delivery.dedupeKey, delivery.channel, delivery.provider, delivery.providerMessageId ?? null, delivery.at],
    );
    if ((claim.rowCount ?? 0) === 0) return 'duplicate';
    const answeredId = await send();
    if (answeredId !== undefined && delivery.providerMessageId === undefined) {
      await client.query('UPDATE notification_deliveries SET provider_message_id = $2 WHERE dedupe_key = $1', [
        delivery.dedupeKey,
        answeredId,
      ]);
    }
    return 'sent';
  });
}
