/**
 * The booking lifecycle's adapters (payments, video, notifications) for the worker and the API,
 * chosen by PAYMENTS, VIDEO and NOTIFICATIONS. Payments can be Stripe; video and notifications
 * have only their local test/development adapters so far. A real provider joins here when it is
 * written, and nowhere else changes.
 */
import type pg from 'pg';
import { createLocalNotifications } from '../../activities/adapters/local-notifications.js';
import { createLocalPayments } from '../../activities/adapters/local-payments.js';
import { createLocalVideo } from '../../activities/adapters/local-video.js';
import { createStripePayments } from '../../activities/adapters/stripe-payments.js';
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

/** What the entry points pass to startWorker and the API (both need the same adapters). */
export function effectAdaptersFrom(config: Config, deps: { pool: pg.Pool; masterKey: Buffer }): EffectPorts {
  // VIDEO and NOTIFICATIONS accept only `local` for now (scripts/lib/config.ts).
  const local = localEffectPorts({
    ...deps,
    publicWebUrl: publicWebUrlFrom(config),
    publicApiUrl: publicApiUrlFrom(config),
  });
  return config.PAYMENTS === 'stripe' ? { ...local, payments: stripePaymentsFrom(config) } : local;
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
