/**
 * The dev outbox: where the local development adapters put the emails and SMS they would send.
 * The API shows it at GET /api/v1/dev/outbox, outside production only.
 */
import type pg from 'pg';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxMessage {
  readonly id: number;
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly subject: string | null;
  readonly body: string;
  readonly createdAt: Date;
}

export async function writeToDevOutbox(
  db: Pick<pg.Pool, 'query'>,
  message: { channel: OutboxChannel; recipient: string; subject?: string; body: string; at: Date },
): Promise<void> {
  await db.query('INSERT INTO dev_outbox (channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)', [
    message.channel,
    message.recipient,
    message.subject ?? null,
    message.body,
    message.at,
  ]);
}

/** Newest first. */
export async function readDevOutbox(
  db: Pick<pg.Pool, 'query'>,
  options: { recipient?: string; limit: number },
): Promise<OutboxMessage[]> {
  const { rows } = await db.query<{
    id: string;
    channel: OutboxChannel;
    recipient: string;
    subject: string | null;
    body: string;
    created_at: Date;
  }>(
    `SELECT id, channel, recipient, subject, body, created_at FROM dev_outbox
      WHERE $1::text IS NULL OR recipient = $1 ORDER BY id DESC LIMIT $2`,
    [options.recipient ?? null, options.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
  }));
}
