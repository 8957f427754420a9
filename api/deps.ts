import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { DocumentRendererPort } from '../activities/ports/document-renderer.js';
import type { FileStorePort } from '../activities/ports/file-store.js';
import type { MailerPort } from '../activities/ports/mailer.js';
import type { PaymentsPort } from '../activities/ports/payments.js';
import type { VerificationPort } from '../activities/ports/verification.js';
import type { VideoPort } from '../activities/ports/video.js';
import type { AppointmentTimings } from '../domain/appointment/index.js';
import type { EventStore } from '../eventstore/event-store.js';

/** Everything the API needs, built by the entry point (or a test) and passed in. */
export interface ApiDeps {
  /** PostgreSQL holding the read models. */
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
  readonly temporal: { readonly client: Client; readonly taskQueue: string };
  /** The lifecycle's durations, copied into each new appointment workflow's input (see timingsFrom). */
  readonly settings: { readonly timings: AppointmentTimings };
  /** Derives the JWT, token-hash and person-key-wrapping keys (api/auth/keys.ts). */
  readonly masterKey: Buffer;
  readonly appEnv: 'development' | 'test' | 'production';
  /**
   * The local adapters' pages (dev outbox, test checkout) are served. Default: outside production;
   * a production-like demo stack that runs the local adapters on purpose sets it (ALLOW_LOCAL_ADAPTERS).
   */
  readonly devTools?: boolean;
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: readonly string[];
  /** Proxies (the web app's server) whose X-Forwarded-For names the real client, for per-IP limits. */
  readonly trustProxy?: readonly string[];
  /** The clock, so tests can pin it. */
  readonly now?: () => Date;
  /** Phone OTP (Twilio Verify when VERIFICATION=twilio). Default: the local development adapter (dev outbox). */
  readonly verification?: VerificationPort;
  /** Outgoing email. Default: the local development adapter (dev outbox). */
  readonly mailer?: MailerPort;
  /** Where the web app is, for links in emails (verify email, reset password). Default: http://127.0.0.1:5173. */
  readonly publicWebUrl?: string;
  /**
   * Where uploaded files' bytes go, always encrypted by the API first (S3 when FILE_STORE=s3; see
   * scripts/lib/file-store.ts). Default: the local adapter under ./.data/files.
   */
  readonly fileStore?: FileStorePort;
  /**
   * Verifies payment webhooks (POST /api/v1/payments/webhooks/:provider). Default: the local
   * test/development adapter (api/effect-ports.ts), whose test checkout page the API serves
   * outside production.
   */
  readonly payments?: PaymentsPort;
  /** Mints per-person video join descriptors. Default: the local development adapter (placeholder room). */
  readonly video?: VideoPort;
  /**
   * Renders PDFs (prescriptions) on request; closed with the app. Default: headless Chromium at
   * /usr/bin/chromium (entry points pass CHROMIUM_PATH's).
   */
  readonly documentRenderer?: DocumentRendererPort;
}

/** Whether the local adapters' pages (dev outbox, test checkout) are served. */
export const servesDevTools = (deps: Pick<ApiDeps, 'appEnv' | 'devTools'>): boolean =>
  deps.devTools ?? deps.appEnv !== 'production';
