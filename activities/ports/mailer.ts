/** Outgoing email. The local adapter (adapters/local-mailer.ts) writes to the dev outbox. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
}

export interface MailerPort {
  send(message: MailMessage): Promise<void>;
}
