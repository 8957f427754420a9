/**
 * The booking lifecycle's adapters (payments, video, notifications) for the worker and the API,
 * chosen by PAYMENTS, VIDEO and NOTIFICATIONS. Only the local test/development adapters exist so
 * far; a real provider joins here when it is written, and nowhere else changes.
 */
import type pg from 'pg';
import { createLocalNotifications } from '../../activities/adapters/local-notifications.js';
import { createLocalPayments } from '../../activities/adapters/local-payments.js';
import { createLocalVideo } from '../../activities/adapters/local-video.js';
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
  // PAYMENTS, VIDEO and NOTIFICATIONS accept only `local` for now (scripts/lib/config.ts).
  return localEffectPorts({
    ...deps,
    publicWebUrl: publicWebUrlFrom(config),
    publicApiUrl: publicApiUrlFrom(config),
  });
}
