/**
 * Appointment emails over SMTP (the production adapter for the `email` channel), with their
 * calendar invitations. SMTP has no idempotency key, so "the same key, delivered once" rests on a
 * row per key (deliver-once.ts); a copy sent again after a crash carries the same Message-ID
 * (derived from the key), which lets mail systems and readers recognise it.
 */
import type pg from 'pg';
import { NotificationRefusedError, type NotificationsPort } from '../ports/notifications.js';
import { deliverOnce } from './deliver-once.js';
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

      const messageId = messageIdFor(message.dedupeKey, domain);
      const delivery = { dedupeKey: message.dedupeKey, channel: 'email', provider: SMTP_PROVIDER } as const;
      return deliverOnce(config.pool, { ...delivery, providerMessageId: messageId, at: now() }, async () => {
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
      });
    },
  };
}
