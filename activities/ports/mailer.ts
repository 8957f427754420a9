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
  /** Throws MailRecipientRefusedError when the address will never take mail; anything else may work later. */
  send(message: MailMessage): Promise<void>;
}

/**
 * The recipient's mail server refused the address for good (no such mailbox, a domain without
 * mail …): sending again cannot help. `reason` is the provider's code (`smtp:550 5.1.1`), never the address.
 */
export class MailRecipientRefusedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'MailRecipientRefusedError';
  }
}
