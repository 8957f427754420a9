/**
 * The booking lifecycle's adapters (payments, video, notifications) for the worker and the API,
 * chosen by PAYMENTS, VIDEO, NOTIFICATIONS and EMAIL: Stripe for payments, Twilio Video for rooms,
 * Twilio for SMS, SMTP for email, else the local test/development adapter of each. A real
 * provider joins here when it is written, and nowhere else changes.
 */
import type pg from 'pg';
import { createLocalNotifications } from '../../activities/adapters/local-notifications.js';
import { createLocalPayments } from '../../activities/adapters/local-payments.js';
import { createLocalVideo } from '../../activities/adapters/local-video.js';
import { notificationsByChannel } from '../../activities/adapters/notifications-by-channel.js';
import { createSmtpNotifications } from '../../activities/adapters/smtp-notifications.js';
import type { SmtpTransport } from '../../activities/adapters/smtp-transport.js';
import { createStripePayments } from '../../activities/adapters/stripe-payments.js';
import { createTwilioSms } from '../../activities/adapters/twilio-sms.js';
import { createTwilioVideo } from '../../activities/adapters/twilio-video.js';
import type { NotificationsPort } from '../../activities/ports/notifications.js';
import type { PaymentsPort } from '../../activities/ports/payments.js';
import type { VideoPort } from '../../activities/ports/video.js';
import { deriveKey } from '../../api/auth/keys.js';
import type { Config } from './config.js';

export interface EffectPorts {
  readonly payments: PaymentsPort;
  readonly video: VideoPort;
  readonly notifications: NotificationsPort;
}

export interface LocalEffectOptions {
  readonly pool: pg.Pool;
  readonly masterKey: Buffer;
  /** The web app: room pages and links in messages. */
  readonly publicWebUrl: string;
  /** The API as a browser reaches it: the test checkout page. */
  readonly publicApiUrl: string;
  readonly now?: () => Date;
}

/** The local adapters, each clearly a stand-in: no money moves, no media flows, no message leaves. */
export function localEffectPorts(options: LocalEffectOptions): EffectPorts {
  const clock = options.now ? { now: options.now } : {};
  return {
    payments: createLocalPayments({
      pool: options.pool,
      webhookSecret: deriveKey(options.masterKey, 'local-payment-webhook'),
      checkoutBaseUrl: options.publicApiUrl,
      ...clock,
    }),
    video: createLocalVideo({
      tokenKey: deriveKey(options.masterKey, 'local-video-token'),
      publicWebUrl: options.publicWebUrl,
      ...clock,
    }),
    notifications: createLocalNotifications({ pool: options.pool, ...clock }),
  };
}

export const publicWebUrlFrom = (config: Config) => config.PUBLIC_WEB_URL ?? `http://127.0.0.1:${config.WEB_PORT}`;
export const publicApiUrlFrom = (config: Config) => config.PUBLIC_API_URL ?? `http://127.0.0.1:${config.API_PORT}`;

/**
 * What the entry points pass to startWorker and the API (both need the same adapters). With
 * EMAIL=smtp, `smtp` is the process's one transport (smtpTransportFrom), which the entry point closes.
 */
export function effectAdaptersFrom(
  config: Config,
  deps: { pool: pg.Pool; masterKey: Buffer; smtp?: SmtpTransport },
): EffectPorts {
  const local = localEffectPorts({
    pool: deps.pool,
    masterKey: deps.masterKey,
    publicWebUrl: publicWebUrlFrom(config),
    publicApiUrl: publicApiUrlFrom(config),
  });
  const sms = config.NOTIFICATIONS === 'twilio' ? twilioSmsFrom(config, deps.pool) : local.notifications;
  const email = config.EMAIL === 'smtp' ? smtpNotificationsFrom(deps) : local.notifications;
  return {
    payments: config.PAYMENTS === 'stripe' ? stripePaymentsFrom(config) : local.payments,
    video: config.VIDEO === 'twilio' ? twilioVideoFrom(config) : local.video,
    notifications: sms === email ? local.notifications : notificationsByChannel({ sms, email }),
  };
}

function smtpNotificationsFrom(deps: { pool: pg.Pool; smtp?: SmtpTransport }) {
  if (!deps.smtp) throw new Error('EMAIL=smtp needs the SMTP transport: pass smtpTransportFrom(config) as `smtp`.');
  return createSmtpNotifications({ pool: deps.pool, transport: deps.smtp });
}

function twilioVideoFrom(config: Config) {
  const { TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET } = config;
  // loadConfig refuses VIDEO=twilio without these; a Config built another way is told so here.
  if (!TWILIO_ACCOUNT_SID || !TWILIO_API_KEY_SID || !TWILIO_API_KEY_SECRET) {
    throw new Error('VIDEO=twilio needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET.');
  }
  return createTwilioVideo({
    accountSid: TWILIO_ACCOUNT_SID,
    apiKeySid: TWILIO_API_KEY_SID,
    apiKeySecret: TWILIO_API_KEY_SECRET,
    roomType: config.TWILIO_VIDEO_ROOM_TYPE,
    publicWebUrl: publicWebUrlFrom(config),
    ...(config.TWILIO_VIDEO_STATUS_CALLBACK ? { statusCallback: config.TWILIO_VIDEO_STATUS_CALLBACK } : {}),
    ...(config.TWILIO_API_BASE_URL ? { baseUrl: config.TWILIO_API_BASE_URL } : {}),
  });
}

function twilioSmsFrom(config: Config, pool: pg.Pool) {
  const { TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_AUTH_TOKEN } = config;
  // An API key when there is one (it can be revoked alone), else the account's auth token.
  const credentials =
    TWILIO_API_KEY_SID && TWILIO_API_KEY_SECRET
      ? { username: TWILIO_API_KEY_SID, password: TWILIO_API_KEY_SECRET }
      : TWILIO_ACCOUNT_SID && TWILIO_AUTH_TOKEN
        ? { username: TWILIO_ACCOUNT_SID, password: TWILIO_AUTH_TOKEN }
        : undefined;
  const sender = config.TWILIO_MESSAGING_SERVICE_SID
    ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }
    : config.TWILIO_SMS_FROM
      ? { from: config.TWILIO_SMS_FROM }
      : undefined;
  if (!TWILIO_ACCOUNT_SID || !credentials || !sender) {
    throw new Error(
      'NOTIFICATIONS=twilio needs TWILIO_ACCOUNT_SID, an API key or auth token, and TWILIO_SMS_FROM or ' +
        'TWILIO_MESSAGING_SERVICE_SID.',
    );
  }
  return createTwilioSms({
    pool,
    accountSid: TWILIO_ACCOUNT_SID,
    credentials,
    sender,
    ...(config.TWILIO_API_BASE_URL ? { baseUrl: config.TWILIO_API_BASE_URL } : {}),
  });
}

function stripePaymentsFrom(config: Config) {
  // loadConfig refuses PAYMENTS=stripe without both; a Config built another way is told so here.
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) {
    throw new Error('PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.');
  }
  return createStripePayments({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    publicWebUrl: publicWebUrlFrom(config),
    ...(config.STRIPE_API_BASE_URL ? { apiBaseUrl: config.STRIPE_API_BASE_URL } : {}),
  });
}
