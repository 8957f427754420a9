/**
 * Outgoing email. The local adapter (adapters/local-mailer.ts) writes to the dev outbox; the SMTP
 * adapter (adapters/smtp-mailer.ts) sends it.
 */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
}

export interface MailerPort {
  send(message: MailMessage): Promise<void>;
}
