/**
 * The Mailer port (email verification, password reset) over the shared SMTP transport. No
 * de-duplication: each request is a new link, and the person asks again if one is lost. Errors
 * carry no address: the port's MailRecipientRefusedError for a mailbox the server refuses for
 * good, the transport's plain Error for anything that may work later.
 */
import { MailRecipientRefusedError, type MailerPort } from '../ports/mailer.js';
import { SmtpRecipientRefusedError, type SmtpTransport } from './smtp-transport.js';

export function createSmtpMailer(transport: SmtpTransport): MailerPort {
  return {
    async send(message) {
      try {
        await transport.send({ to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        if (error instanceof SmtpRecipientRefusedError)
          throw new MailRecipientRefusedError(error.reason, error.message);
        throw error;
      }
    },
  };
}
