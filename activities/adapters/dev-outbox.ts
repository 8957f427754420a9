/**
 * The dev outbox: where the local development adapters put the emails and SMS they would send.
 * The API shows it at GET /api/v1/dev/outbox, outside production only.
 */
import type pg from 'pg';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxAttachmentInfo {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

export interface OutboxAttachment extends OutboxAttachmentInfo {
  readonly content: Buffer;
}

export interface OutboxMessage {
  readonly id: number;
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly subject: string | null;
  readonly body: string;
  readonly attachments: readonly OutboxAttachmentInfo[];
  readonly createdAt: Date;
}

export interface OutboxEntry {
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly subject?: string;
  readonly body: string;
  readonly at: Date;
  /** Written once per key; a second write with the same key is dropped. */
  readonly dedupeKey?: string;
  readonly attachments?: ReadonlyArray<{ filename: string; contentType: string; content: string | Uint8Array }>;
}

/** As stored in dev_outbox.attachments. */
interface StoredAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly contentBase64: string;
}

export async function writeToDevOutbox(db: Pick<pg.Pool, 'query'>, message: OutboxEntry): Promise<void> {
  await writeOnceToDevOutbox(db, message);
}

/** Whether this call wrote it (false: a message with the same dedupe key is already there). */
export async function writeOnceToDevOutbox(db: Pick<pg.Pool, 'query'>, message: OutboxEntry): Promise<boolean> {
  const attachments: StoredAttachment[] = (message.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    contentBase64: Buffer.from(a.content).toString('base64'),
  }));
  const { rowCount } = await db.query(
    `INSERT INTO dev_outbox (channel, recipient, subject, body, created_at, dedupe_key, attachments)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      message.channel,
      message.recipient,
      message.subject ?? null,
      message.body,
      message.at,
      message.dedupeKey ?? null,
      JSON.stringify(attachments),
    ],
  );
  return (rowCount ?? 0) > 0;
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
    attachments: StoredAttachment[];
    created_at: Date;
  }>(
    `SELECT id, channel, recipient, subject, body, attachments, created_at FROM dev_outbox
      WHERE $1::text IS NULL OR recipient = $1 ORDER BY id DESC LIMIT $2`,
    [options.recipient ?? null, options.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    attachments: row.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.from(a.contentBase64, 'base64').length,
    })),
    createdAt: row.created_at,
  }));
}

/** One attachment of one message, by its position; undefined when there is none. */
export async function readDevOutboxAttachment(
  db: Pick<pg.Pool, 'query'>,
  messageId: number,
  index: number,
): Promise<OutboxAttachment | undefined> {
  const { rows } = await db.query<{ attachment: StoredAttachment | null }>(
    'SELECT attachments -> $2::int AS attachment FROM dev_outbox WHERE id = $1',
    [messageId, index],
  );
  const stored = rows[0]?.attachment;
  if (!stored) return undefined;
  const content = Buffer.from(stored.contentBase64, 'base64');
  return { filename: stored.filename, contentType: stored.contentType, size: content.length, content };
}
