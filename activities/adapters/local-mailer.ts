/**
 * Local development adapter for email: nothing leaves the machine; each message is written to
 * the dev outbox table, which the web app shows in development. Never a production mailer.
 */
import type pg from 'pg';
import type { MailerPort } from '../ports/mailer.js';
import { writeToDevOutbox } from './dev-outbox.js';

export function createLocalMailer(deps: { pool: pg.Pool; now?: () => Date }): MailerPort {
  const now = deps.now ?? (() => new Date());
  return {
    send: async (message) =>
      writeToDevOutbox(deps.pool, {
        channel: 'email',
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        at: now(),
      }),
  };
}
