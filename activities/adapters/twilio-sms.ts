/**
 * SMS through Twilio's Messages API (the production adapter for the `sms` channel). Plain fetch,
 * form body, from a number or sender ID (TWILIO_SMS_FROM) or a Messaging Service.
 *
 * Twilio takes no idempotency key, so the port's "same key, delivered once" rests on a row per key
 * (deliver-once.ts), with the one window that leaves open: a duplicate is the lesser harm than a
 * lost reminder.
 */
import type pg from 'pg';
import { z } from 'zod';
import { NotificationRefusedError, type NotificationsPort } from '../ports/notifications.js';
import { deliverOnce } from './deliver-once.js';
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

      const delivery = { dedupeKey: message.dedupeKey, channel: 'sms', provider: TWILIO_SMS_PROVIDER } as const;
      return deliverOnce(config.pool, { ...delivery, at: now() }, async () => {
        const answer = await callTwilio(messages, {
          credentials: config.credentials,
          method: 'POST',
          timeoutMs: config.timeoutMs ?? 8_000,
          form: { To: phone, Body: message.text, ...sender },
        });
        if (answer.status === 201 || answer.status === 200) {
          const parsed = created.safeParse(answer.body);
          // Accepted but unreadable: Twilio has the message, so keep the row rather than send twice.
          return parsed.success ? parsed.data.sid : null;
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
