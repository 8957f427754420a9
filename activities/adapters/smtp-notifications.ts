/**
 * Appointment emails over SMTP (the production adapter for the `email` channel), with their
 * calendar invitations. SMTP has no idempotency key, so "the same key, delivered once" rests on
 * notification_deliveries exactly as for Twilio SMS (twilio-sms.ts): the key's row is inserted,
 * the message handed to the server and the row committed in one transaction. A retry, or an
 * attempt still running after its activity timed out, waits on that row and answers `duplicate`;
 * a failed hand-over rolls the row back, so the next attempt sends. A worker that dies after the
 * server took the message but before the commit sends it again on retry, with the same
 * Message-ID (derived from the key), which lets mail systems and readers recognise the copy.
 */
import type pg from 'pg';
import { withTransaction } from '../db-transaction.js';
import { NotificationRefusedError, type NotificationsPort } from '../ports/notifications.js';
import { messageIdFor, SmtpRecipientRefusedError, type SmtpTransport } from './smtp-transport.js';

export const SMTP_PROVIDER = 'smtp';

export function createSmtpNotifications(config: {
  readonly pool: pg.Pool;
  readonly transport: SmtpTransport;
  readonly now?: () => Date;
}): NotificationsPort {
  const now = config.now ?? (() => new Date());
  const domain = config.transport.from.address.split('@').pop() ?? 'localhost';

  return {
    async send(message) {
      if (message.channel !== 'email') {
        throw new Error('The SMTP adapter sends email only; SMS go through another adapter.');
      }
      const { rows } = await config.pool.query<{ email: string | null }>('SELECT email FROM accounts WHERE id = $1', [
        message.to.accountId,
      ]);
      const email = rows[0]?.email;
      if (!email) return 'no_address';

      return withTransaction(config.pool, async (client) => {
        // A concurrent attempt holding the key is at most one SMTP hand-over away from committing.
        await client.query("SET LOCAL lock_timeout = '15s'");
        const messageId = messageIdFor(message.dedupeKey, domain);
        const claim = await client.query(
          `INSERT INTO notification_deliveries (dedupe_key, channel, provider, provider_message_id, sent_at)
           VALUES ($1, 'email', $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
          [message.dedupeKey, SMTP_PROVIDER, messageId, now()],
        );
        if ((claim.rowCount ?? 0) === 0) return 'duplicate';

        try {
          await config.transport.send({
            to: email,
            subject: message.subject,
            text: message.text,
            messageId,
            ...(message.attachments ? { attachments: message.attachments } : {}),
          });
        } catch (error) {
          if (error instanceof SmtpRecipientRefusedError) {
            throw new NotificationRefusedError(error.reason, error.message);
          }
          throw error;
        }
        return 'sent';
      });
    },
  };
}
