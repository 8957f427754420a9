/**
 * LOCAL DEVELOPMENT notifications adapter: nothing leaves the machine. Each message goes into the
 * dev outbox (GET /api/v1/dev/outbox, outside production) under the account's login email or
 * phone, at most once per dedupe key. SMS can go through Twilio instead (twilio-sms.ts), email
 * through SMTP (smtp-notifications.ts).
 */
import type pg from 'pg';
import type { NotificationsPort } from '../ports/notifications.js';
import { writeOnceToDevOutbox } from './dev-outbox.js';

export function createLocalNotifications(deps: { pool: pg.Pool; now?: () => Date }): NotificationsPort {
  const now = deps.now ?? (() => new Date());
  return {
    async send(message) {
      const { rows } = await deps.pool.query<{ email: string | null; phone: string | null }>(
        'SELECT email, phone FROM accounts WHERE id = $1',
        [message.to.accountId],
      );
      const recipient = message.channel === 'email' ? rows[0]?.email : rows[0]?.phone;
      if (!recipient) return 'no_address';
      const written = await writeOnceToDevOutbox(deps.pool, {
        channel: message.channel,
        recipient,
        ...(message.channel === 'email' ? { subject: message.subject } : {}),
        body: message.text,
        at: now(),
        dedupeKey: message.dedupeKey,
        ...(message.channel === 'email' && message.attachments ? { attachments: message.attachments } : {}),
      });
      return written ? 'sent' : 'duplicate';
    },
  };
}
