/**
 * The Mailer port (email verification, password reset) over the shared SMTP transport. No
 * de-duplication: each request is a new link, and the person asks again if one is lost. Errors
 * are the transport's (no address in them): SmtpRecipientRefusedError for a mailbox the server
 * refuses for good, a plain Error for anything that may work later.
 */
import type { MailerPort } from '../ports/mailer.js';
import type { SmtpTransport } from './smtp-transport.js';

export function createSmtpMailer(transport: SmtpTransport): MailerPort {
  return {
    async send(message) {
      await transport.send({ to: message.to, subject: message.subject, text: message.text });
    },
  };
}
