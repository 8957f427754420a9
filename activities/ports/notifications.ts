/**
 * Messages to people about their appointments. The port takes an account id, not an address:
 * the adapter looks the address up at the last moment, so nothing upstream (and nothing in
 * Temporal) carries an email or a phone number. Adapters: the local development adapter
 * (adapters/local-notifications.ts, into the dev outbox); a real email/SMS provider comes later.
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
  send(message: NotificationMessage): Promise<SendResult>;
}
