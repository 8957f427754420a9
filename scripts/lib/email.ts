/**
 * EMAIL=smtp: the SMTP server and sender from the environment, and the one pooled transport an
 * entry point makes of them, shares between the Mailer (identity-adapters.ts) and the email
 * channel of notifications (effect-adapters.ts), and closes on shutdown.
 */
import {
  createSmtpTransport,
  type SmtpSettings,
  type SmtpTransport,
} from '../../activities/adapters/smtp-transport.js';
import type { Config } from './config.js';

/** Mail to a server on this machine (a local relay, a test server) never crosses a network. */
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** From SMTP_URL, or SMTP_HOST and the rest; loadConfig has checked that one of them is complete. */
export function smtpSettingsFrom(config: Config): SmtpSettings {
  let host: string;
  let port: number | undefined;
  let secure: boolean;
  let auth: SmtpSettings['auth'];
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    host = url.hostname;
    port = url.port ? Number(url.port) : undefined;
    secure = url.protocol === 'smtps:';
    auth = url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined;
  } else if (config.SMTP_HOST) {
    host = config.SMTP_HOST;
    port = config.SMTP_PORT;
    secure = config.SMTP_SECURE;
    auth =
      config.SMTP_USER && config.SMTP_PASSWORD ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined;
  } else {
    throw new Error('EMAIL=smtp needs SMTP_URL or SMTP_HOST.');
  }
  host = host.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: port ?? (secure ? 465 : 587),
    secure,
    requireTls: !secure && !isLoopback(host),
    ...(auth ? { auth } : {}),
  };
}

/** The shared transport with EMAIL=smtp; undefined with EMAIL=local (the dev outbox needs none). */
export function smtpTransportFrom(config: Config): SmtpTransport | undefined {
  if (config.EMAIL !== 'smtp') return undefined;
  if (!config.EMAIL_FROM) throw new Error('EMAIL=smtp needs EMAIL_FROM.');
  return createSmtpTransport(smtpSettingsFrom(config), config.EMAIL_FROM);
}

/** The iCalendar ORGANIZER of invitations: the address they come from, when email is real. */
export const organizerEmailFrom = (config: Config): string | undefined =>
  config.EMAIL === 'smtp' ? config.EMAIL_FROM?.address : undefined;
