/**
 * Messages to people about their appointments. The port takes an account id, not an address:
 * the adapter looks the address up at the last moment, so nothing upstream (and nothing in
 * Temporal) carries an email or a phone number. Adapters: the local development adapter
 * (adapters/local-notifications.ts, into the dev outbox), Twilio for SMS (adapters/twilio-sms.ts)
 * and SMTP for email (adapters/smtp-notifications.ts), combined by channel
 * (adapters/notifications-by-channel.ts).
 */
export type NotificationChannel = 'email' | 'sms';

export interface NotificationAttachment {
  readonly filename: string;
  readonly contentType: string;
  /** Text is sent as UTF-8. */
  readonly content: string | Uint8Array;
}

export interface NotificationMessage {
  readonly to: { readonly accountId: string };
  readonly channel: NotificationChannel;
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
  /** Email only; an SMS drops them. */
  readonly attachments?: readonly NotificationAttachment[];
  /** The same key is delivered once, however often it is sent (activity retries, replays). */
  readonly dedupeKey: string;
}

/** `sent`: delivered now; `duplicate`: this key was delivered before; `no_address`: the account has none for the channel. */
export type SendResult = 'sent' | 'duplicate' | 'no_address';

export interface NotificationsPort {
  /** Throws NotificationRefusedError when the provider will never deliver it; anything else may be retried. */
  send(message: NotificationMessage): Promise<SendResult>;
}

/**
 * The provider refused this message for good (an invalid or unsubscribed number …): sending it
 * again cannot help. `reason` is the provider's code, never the address.
 */
export class NotificationRefusedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotificationRefusedError';
  }
}
