/**
 * The payments and video ports the API uses, with the local test/development adapters as
 * defaults (tests and `npm run dev` need no provider). The checkout links those defaults would
 * build point at 127.0.0.1:3000, but the API never opens a checkout (the worker does), so the
 * default only verifies webhooks and serves the test checkout page.
 */
import { createLocalPayments } from '../activities/adapters/local-payments.js';
import { createLocalVideo } from '../activities/adapters/local-video.js';
import type { PaymentsPort } from '../activities/ports/payments.js';
import type { VideoPort } from '../activities/ports/video.js';
import { deriveKey } from './auth/keys.js';
import type { ApiDeps } from './deps.js';

export const DEFAULT_PUBLIC_WEB_URL = 'http://127.0.0.1:5173';

export function paymentsOf(deps: ApiDeps): PaymentsPort {
  return (
    deps.payments ??
    createLocalPayments({
      pool: deps.pool,
      webhookSecret: deriveKey(deps.masterKey, 'local-payment-webhook'),
      checkoutBaseUrl: 'http://127.0.0.1:3000',
      ...(deps.now ? { now: deps.now } : {}),
    })
  );
}

export function videoOf(deps: ApiDeps): VideoPort {
  return (
    deps.video ??
    createLocalVideo({
      tokenKey: deriveKey(deps.masterKey, 'local-video-token'),
      publicWebUrl: deps.publicWebUrl ?? DEFAULT_PUBLIC_WEB_URL,
      ...(deps.now ? { now: deps.now } : {}),
    })
  );
}
