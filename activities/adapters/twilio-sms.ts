/**
 * SMS through Twilio's Messages API (the production adapter for the `sms` channel). Plain fetch,
 * form body, from a number or sender ID (TWILIO_SMS_FROM) or a Messaging Service.
 *
 * Twilio takes no idempotency key, so the port's "same key, delivered once" rests on a row per key
 * in notification_deliveries: inserted, the message sent and the row committed in one transaction.
 * A second send of the key (a retry, or an attempt still running after its activity timed out)
 * waits on that row and then answers `duplicate`; a failed call rolls the row back, so the next
 * attempt sends. One window stays open, as with any provider without idempotency keys: a worker
 * that dies after Twilio accepted the message but before the commit leaves no row, and the retry
 * sends it again. A duplicate is the lesser harm than a lost reminder.
 */
import type pg from 'pg';
import { z } from 'zod';
import { withTransaction } from '../db-transaction.js';
import { NotificationRefusedError, type NotificationsPort } from '../ports/notifications.js';
import {
  baseUrlOf,
  callTwilio,
  describeTwilioFailure,
  twilioErrorCode,
  type TwilioCredentials,
} from './twilio-rest.js';

export const TWILIO_SMS_PROVIDER = 'twilio';

/**
 * Twilio's answers about the recipient or the message itself: no retry can change them. Anything
 * else (429, 5xx, credentials, a sender not yet set up) is retried, and given up after the
 * workflow's hour of trying.
 */
const REFUSALS: ReadonlyMap<number, string> = new Map([
  [21211, "invalid 'To' phone number"],
  [21407, 'this phone number type does not support SMS'],
  [21408, 'SMS to this region is not enabled on the account'],
  [21610, 'the recipient has unsubscribed (replied STOP)'],
  [21612, 'the number is not reachable by SMS'],
  [21614, "'To' is not a mobile number"],
  [21617, 'the message is too long'],
]);

export type TwilioSmsSender = { readonly from: string } | { readonly messagingServiceSid: string };

export interface TwilioSmsConfig {
  readonly pool: pg.Pool;
  readonly accountSid: string;
  /** An API key (SID and secret), or the account SID and auth token. */
  readonly credentials: TwilioCredentials;
  readonly sender: TwilioSmsSender;
  /** TWILIO_API_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  /** Below the notify activity's 10 s, so an attempt ends before Temporal starts the next. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

const created = z.object({ sid: z.string().min(1) });

export function createTwilioSms(config: TwilioSmsConfig): NotificationsPort {
  const base = baseUrlOf(config.baseUrl, 'https://api.twilio.com');
  const messages = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const sender: Record<string, string> =
    'from' in config.sender ? { From: config.sender.from } : { MessagingServiceSid: config.sender.messagingServiceSid };
  const now = config.now ?? (() => new Date());

  return {
    async send(message) {
      if (message.channel !== 'sms') {
        throw new Error('The Twilio SMS adapter sends SMS only; email goes through another adapter.');
      }
      const { rows } = await config.pool.query<{ phone: string | null }>('SELECT phone FROM accounts WHERE id = $1', [
        message.to.accountId,
      ]);
      const phone = rows[0]?.phone;
      if (!phone) return 'no_address';

      return withTransaction(config.pool, async (client) => {
        // A concurrent attempt holding the key is at most one Twilio call away from committing.
        await client.query("SET LOCAL lock_timeout = '15s'");
        const claim = await client.query(
          `INSERT INTO notification_deliveries (dedupe_key, channel, provider, sent_at) VALUES ($1, 'sms', $2, $3)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [message.dedupeKey, TWILIO_SMS_PROVIDER, now()],
        );
        if ((claim.rowCount ?? 0) === 0) return 'duplicate';

        const answer = await callTwilio(messages, {
          credentials: config.credentials,
          method: 'POST',
          timeoutMs: config.timeoutMs ?? 8_000,
          form: { To: phone, Body: message.text, ...sender },
        });
        if (answer.status === 201 || answer.status === 200) {
          const parsed = created.safeParse(answer.body);
          // Accepted but unreadable: Twilio has the message, so keep the row rather than send twice.
          const sid = parsed.success ? parsed.data.sid : null;
          await client.query('UPDATE notification_deliveries SET provider_message_id = $2 WHERE dedupe_key = $1', [
            message.dedupeKey,
            sid,
          ]);
          return 'sent';
        }
        const code = twilioErrorCode(answer);
        const refusal = code === undefined ? undefined : REFUSALS.get(code);
        if (answer.status >= 400 && answer.status < 500 && refusal) {
          throw new NotificationRefusedError(`twilio:${code}`, `Twilio refused the SMS for good: ${refusal} (${code})`);
        }
        throw new Error(`Twilio could not send an SMS: ${describeTwilioFailure(answer)}`);
      });
    },
  };
}
