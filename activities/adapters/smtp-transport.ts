/**
 * One pooled SMTP connection set (nodemailer) per process, shared by the Mailer and the email
 * channel of the Notifications port (smtp-mailer.ts, smtp-notifications.ts). Its errors are
 * rewritten before they leave: the server's reply and nodemailer's message can quote the
 * recipient's address, so only the SMTP reply code, the enhanced status and the command remain.
 */
import { createHash } from 'node:crypto';
import { createTransport, type NodemailerError, type SendMailOptions } from 'nodemailer';
import type { NotificationAttachment } from '../ports/notifications.js';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (smtps://, port 465); otherwise STARTTLS. */
  readonly secure: boolean;
  /** Refuse to go on without STARTTLS (credentials and mail never cross the network in clear). */
  readonly requireTls: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
}

export interface EmailSender {
  readonly name?: string;
  readonly address: string;
}

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly attachments?: readonly NotificationAttachment[];
  /** Without one, nodemailer makes a random one. */
  readonly messageId?: string;
}

export interface SmtpTransport {
  readonly from: EmailSender;
  /** Resolves with the Message-ID once the server has taken the message. */
  send(email: OutgoingEmail): Promise<{ readonly messageId: string }>;
  /** Ends the pooled connections; sends after it fail. */
  close(): void;
}

/**
 * The server refused the recipient for good (a 5xx to RCPT TO: no such mailbox, domain without
 * mail …): sending again cannot help. `reason` is `smtp:<code>[ <enhanced status>]`, never the address.
 */
export class SmtpRecipientRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`The mail server refused the recipient for good (${reason})`);
    this.name = 'SmtpRecipientRefusedError';
  }
}

/** `<hex@domain>`: the same key always gives the same id, so a resent copy is recognisably the same message. */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

export function createSmtpTransport(settings: SmtpSettings, from: EmailSender): SmtpTransport {
  const transporter = createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
    maxConnections: 3,
    // A connection the server dropped while the message went out is tried once more; after that
    // the activity's own retries take over.
    maxRequeues: 1,
    // Each wait stays below the notify activity's 10 s timeout.
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 8_000,
    // Content comes from us only: never let a value be read as a file path or a URL to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  // Failures reach each send's promise; an unheard 'error' event would end the process.
  transporter.on('error', () => {});

  return {
    from,
    async send(email) {
      const options: SendMailOptions = {
        from: from.name ? { name: from.name, address: from.address } : from.address,
        // An object, never parsed as a list: one account, one recipient, whatever its address holds.
        to: { name: '', address: email.to },
        subject: email.subject,
        text: email.text,
        // RFC 3834: automatic mail, so vacation responders do not answer it.
        headers: { 'Auto-Submitted': 'auto-generated' },
        ...(email.messageId ? { messageId: email.messageId } : {}),
        ...attachmentsOf(email.attachments ?? []),
      };
      try {
        const info = await transporter.sendMail(options);
        return { messageId: info.messageId };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transporter.close(),
  };
}

/**
 * A calendar invitation goes both as the text/calendar alternative with its iTIP method, which
 * mail clients show as an invitation with answer buttons, and as an .ics attachment (nodemailer's
 * icalEvent); anything else is a plain attachment.
 */
function attachmentsOf(attachments: readonly NotificationAttachment[]): Partial<SendMailOptions> {
  const calendar = attachments.find((a) => calendarMethod(a.contentType));
  const rest = attachments.filter((a) => a !== calendar);
  return {
    ...(calendar
      ? {
          icalEvent: {
            method: calendarMethod(calendar.contentType),
            filename: calendar.filename,
            content: contentOf(calendar),
          },
        }
      : {}),
    ...(rest.length > 0
      ? {
          attachments: rest.map((a) => ({ filename: a.filename, contentType: a.contentType, content: contentOf(a) })),
        }
      : {}),
  };
}

const calendarMethod = (contentType: string) =>
  /^text\/calendar\b/i.test(contentType) ? /;\s*method=([A-Za-z-]+)/i.exec(contentType)?.[1]?.toUpperCase() : undefined;

const contentOf = (attachment: NotificationAttachment) =>
  typeof attachment.content === 'string' ? attachment.content : Buffer.from(attachment.content);

/**
 * Only a permanent reply to RCPT TO speaks about the recipient. A 5xx elsewhere (AUTH, MAIL FROM,
 * DATA) is about our account, our sender or the server's policy, which an operator can fix, so
 * it is retried like 4xx replies and lost connections.
 */
function smtpFailure(error: unknown): Error {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const enhanced =
    typeof failure.response === 'string'
      ? /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(failure.response)?.[1]
      : undefined;
  const reply = code === undefined ? undefined : `smtp:${code}${enhanced ? ` ${enhanced}` : ''}`;
  const permanent = failure.permanent ?? (code !== undefined && code >= 500 && code !== 503);
  if (reply && failure.command === 'RCPT TO' && permanent) {
    return new SmtpRecipientRefusedError(reply);
  }
  const what = reply
    ? `${reply}${failure.command ? ` on ${failure.command}` : ''}`
    : [failure.code ?? (error instanceof Error ? error.name : 'unknown error'), failure.originalCode]
        .filter(Boolean)
        .join(' ');
  return new Error(`The mail server did not take the email (${what}); it may be sent again`);
}
