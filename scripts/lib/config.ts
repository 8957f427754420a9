/**
 * Every setting comes from the environment, validated once at start-up. Defaults run the whole
 * platform on one machine (embedded PostgreSQL, Temporal dev server, PostgreSQL event store).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIMINGS, type AppointmentTimings } from '../../domain/appointment/index.js';
import { checkEmail, emailSettings } from './email-config.js';
import { masterKeyFrom } from './master-key.js';

const port = z.coerce.number().int().min(1).max(65_535);

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_HINT = 'use a duration like 500ms, 30s, 15m, 2h, 14d, PT15M or P14D';

/** "15m", "30s", "2h", "14d", "500ms", ISO 8601 "PT15M" / "P14D" / "P1DT2H", or plain milliseconds → ms; null if unreadable. */
export function parseDuration(value: string | number): number | null {
  const text = String(value).trim();
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  // "P" and "PT" alone match the pattern but name no duration.
  if (iso && !/^PT?$/i.test(text) && !/T$/i.test(text)) {
    const part = (i: number) => Number(iso[i] ?? 0);
    return part(1) * UNIT_MS.d + part(2) * UNIT_MS.h + part(3) * UNIT_MS.m + part(4) * UNIT_MS.s;
  }
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS];
}

/** One duration (see parseDuration) → milliseconds. */
export const durationMs = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: DURATION_HINT });
    return z.NEVER;
  }
  return ms;
});

/**
 * Reminder offsets before an appointment's start, "24h,1h" → [86400000, 3600000], longest first;
 * "none" sends no reminders. At most five, each above zero, none twice.
 */
export const durationList = z.string().transform((value, ctx) => {
  const text = value.trim();
  if (text.toLowerCase() === 'none') return [];
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(parseDuration);
  const bad = parts.filter((_, i) => values[i] === null || values[i] === 0);
  if (bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `${bad.map((b) => `"${b}"`).join(', ')}: ${DURATION_HINT}, above zero` });
    return z.NEVER;
  }
  const offsets = [...new Set(values as number[])].sort((a, b) => b - a);
  if (offsets.length > 5) {
    ctx.addIssue({ code: 'custom', message: 'at most 5 reminder offsets' });
    return z.NEVER;
  }
  return offsets;
});

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const configSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  PG_PORT: port.default(54329),
  PG_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('consulta'),
  TEMPORAL_ADDRESS: z.preprocess(emptyAsUndefined, z.string().optional()),
  TEMPORAL_CLI: z.preprocess(emptyAsUndefined, z.string().optional()),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('consulta-appointments'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: z.preprocess(emptyAsUndefined, z.string().optional()),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  WEB_PORT: port.default(5173),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAYMENT_TIMEOUT: durationMs.default(DEFAULT_TIMINGS.paymentTimeoutMs),
  REMINDER_OFFSETS: z
    .preprocess(emptyAsUndefined, durationList.optional())
    .transform((value) => value ?? [...DEFAULT_TIMINGS.reminderOffsetsMs]),
  JOIN_WINDOW: durationMs.default(DEFAULT_TIMINGS.joinWindowMs),
  NO_SHOW_GRACE: durationMs.default(DEFAULT_TIMINGS.noShowGraceMs),
  SESSION_GRACE: durationMs.default(DEFAULT_TIMINGS.sessionGraceMs),
  REVIEW_WINDOW: durationMs.default(DEFAULT_TIMINGS.reviewWindowMs),
  REVIEW_REMINDER: durationMs.default(DEFAULT_TIMINGS.reviewReminderMs),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** PDF rendering without Chromium's sandbox as a non-root user: containers whose seccomp profile forbids it. */
  CHROMIUM_NO_SANDBOX: z
    .preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional())
    .transform((value) => value === 'true' || value === '1'),
  APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** base64 of 32 random bytes; derives the JWT, token-hash and key-wrapping keys. Generated into DATA_DIR in development. */
  CONSULTA_MASTER_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (value) => Buffer.from(value, 'base64').length === 32,
        'must be base64 of exactly 32 bytes (openssl rand -base64 32)',
      )
      .optional(),
  ),
  /** Browser origins allowed to call the API directly (comma-separated); the web app calls it server-side. */
  CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:5173,http://localhost:5173')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Where people reach the web app; links in emails point here. Default: the local web app. */
  PUBLIC_WEB_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Proxies whose X-Forwarded-For the API believes (the web app's server calls it for users). */
  TRUST_PROXY: z.string().default('127.0.0.1,::1'),
  VERIFICATION: z.enum(['local', 'twilio']).default('local'),
  TWILIO_ACCOUNT_SID: z.preprocess(emptyAsUndefined, z.string().optional()),
  TWILIO_AUTH_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  TWILIO_VERIFY_SERVICE_SID: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Tests only: a local stand-in of Twilio's REST API, for Verify, Video and Messages alike. */
  TWILIO_API_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** An API key (Console → Account → API keys): Video's REST calls, the signing of its access tokens, and SMS. */
  TWILIO_API_KEY_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^SK\w+$/, 'must be an API key SID (SK…), not the account SID or the secret')
      .optional(),
  ),
  TWILIO_API_KEY_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** `go`: two participants, peer to peer; `group`: media through Twilio's servers (better on poor networks). */
  TWILIO_VIDEO_ROOM_TYPE: z.enum(['group', 'go']).default('group'),
  /** Where Twilio posts room events; unset: none. */
  TWILIO_VIDEO_STATUS_CALLBACK: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  /** The SMS sender: a Twilio number in E.164, or an alphanumeric sender ID where the country allows one. */
  TWILIO_SMS_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^(\+[1-9]\d{6,14}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
        'must be a phone number in E.164 (+14155550100) or an alphanumeric sender ID (at most 11 letters and digits)',
      )
      .optional(),
  ),
  /** Or a Messaging Service (MG…), which picks the sender from its pool. */
  TWILIO_MESSAGING_SERVICE_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^MG\w+$/, 'must be a Messaging Service SID (MG…)')
      .optional(),
  ),
  /**
   * The booking lifecycle's providers. `local` is the test/development adapter of each (payments
   * in a table with a test checkout page, video with a placeholder room, messages in the dev
   * outbox); `stripe` takes real payments (Stripe Checkout); VIDEO=twilio opens Twilio Video
   * rooms; NOTIFICATIONS=twilio sends SMS through Twilio; EMAIL=smtp sends email (email-config.ts).
   */
  PAYMENTS: z.enum(['local', 'stripe']).default('local'),
  STRIPE_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret key (sk_live_…, sk_test_… or a restricted rk_…)')
      .optional(),
  ),
  /** The signing secret of the webhook endpoint registered at Stripe for /api/v1/payments/webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^whsec_\S+$/, "must be the webhook endpoint's signing secret (whsec_…)")
      .optional(),
  ),
  /** Tests only: a local stand-in of Stripe's API. */
  STRIPE_API_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  /**
   * APP_ENV=production refuses the local adapters (no patient could pay, no code would reach a
   * phone) unless this says the stack is a demo that runs them on purpose; their pages (test
   * checkout, dev outbox) are then served, labelled as such.
   */
  ALLOW_LOCAL_ADAPTERS: z
    .preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional())
    .transform((value) => value === 'true' || value === '1'),
  VIDEO: z.enum(['local', 'twilio']).default('local'),
  NOTIFICATIONS: z.enum(['local', 'twilio']).default('local'),
  /** EMAIL and the SMTP server and sender: see email-config.ts. */
  ...emailSettings,
  /** Where browsers reach the API (the local test checkout page is served there). Default: http://127.0.0.1:API_PORT. */
  PUBLIC_API_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Where uploaded files' (encrypted) bytes go: `local` (a directory) or `s3` (S3 or an S3-compatible service). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** The local file store's directory. Default: DATA_DIR/files. */
  FILE_STORE_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_BUCKET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be an S3 bucket name (3-63 lower-case letters, digits, . and -)',
      )
      .optional(),
  ),
  /** `us-east-1`, `eu-central-1`, …; `auto` for Cloudflare R2; MinIO accepts any. */
  S3_REGION: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a region such as eu-west-1')
      .optional(),
  ),
  /** An S3-compatible service (MinIO, R2 …); unset for AWS. */
  S3_ENDPOINT: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  /** Both or neither; neither uses the AWS SDK's default chain (environment, instance or task role). */
  S3_ACCESS_KEY_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which MinIO and most self-hosted services need. */
  S3_FORCE_PATH_STYLE: z
    .preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional())
    .transform((value) => value === 'true' || value === '1'),
  CONSULTA_CACHE_DIR: z.string().default(join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'consulta')),
});

export type Config = z.infer<typeof configSchema> & { readonly dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  if (parsed.data.EVENT_STORE === 'eventstoredb' && !parsed.data.EVENTSTORE_CONNECTION_STRING) {
    throw new Error(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false).',
    );
  }
  if (
    parsed.data.VERIFICATION === 'twilio' &&
    !(parsed.data.TWILIO_ACCOUNT_SID && parsed.data.TWILIO_AUTH_TOKEN && parsed.data.TWILIO_VERIFY_SERVICE_SID)
  ) {
    throw new Error('VERIFICATION=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID.');
  }
  if (parsed.data.PAYMENTS === 'stripe') {
    const missing = (['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const).filter((name) => !parsed.data[name]);
    if (missing.length > 0) {
      throw new Error(
        `PAYMENTS=stripe needs ${missing.join(' and ')}: the API key (Dashboard → Developers → API keys) and the ` +
          'signing secret of the webhook endpoint for /api/v1/payments/webhooks/stripe.',
      );
    }
    // A Checkout Session stays open 24 h at most: a longer wait would leave a dead payment link.
    if (parsed.data.PAYMENT_TIMEOUT > 24 * 3_600_000) {
      throw new Error(
        'PAYMENTS=stripe needs PAYMENT_TIMEOUT of 24h or less (a Stripe checkout closes after 24 hours).',
      );
    }
  }
  checkTwilio(parsed.data);
  if (parsed.data.FILE_STORE === 's3' && !(parsed.data.S3_BUCKET && parsed.data.S3_REGION)) {
    throw new Error('FILE_STORE=s3 needs S3_BUCKET and S3_REGION (and S3_ENDPOINT for a service other than AWS).');
  }
  if (!parsed.data.S3_ACCESS_KEY_ID !== !parsed.data.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credentials).',
    );
  }
  checkEmail(parsed.data);
  const local = localAdaptersOf(parsed.data);
  if (parsed.data.APP_ENV === 'production' && local.length > 0 && !parsed.data.ALLOW_LOCAL_ADAPTERS) {
    throw new Error(
      'APP_ENV=production, but these still run on local (test) adapters, which reach nobody (no payment, call, ' +
        `message or code): ${local.join('; ')}. Configure those providers, or set ALLOW_LOCAL_ADAPTERS=true for a ` +
        'demo stack.',
    );
  }
  if (parsed.data.APP_ENV === 'production' && !parsed.data.CONSULTA_MASTER_KEY) {
    throw new Error(
      'APP_ENV=production needs CONSULTA_MASTER_KEY (openssl rand -base64 32); it is generated only in development.',
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}

/** What still runs on a local (test) adapter, each with the setting that makes it real. */
function localAdaptersOf(config: z.infer<typeof configSchema>): string[] {
  const local: Array<[boolean, string]> = [
    [config.PAYMENTS === 'local', 'payments (set PAYMENTS=stripe)'],
    [config.VIDEO === 'local', 'video (set VIDEO=twilio)'],
    [config.NOTIFICATIONS === 'local', 'appointment SMS (set NOTIFICATIONS=twilio)'],
    [config.EMAIL === 'local', 'appointment, verification and password-reset emails (set EMAIL=smtp)'],
    [config.VERIFICATION === 'local', 'phone sign-in codes (set VERIFICATION=twilio)'],
  ];
  return local.filter(([isLocal]) => isLocal).map(([, piece]) => piece);
}

/** VIDEO=twilio and NOTIFICATIONS=twilio: every credential they need, named when missing. */
function checkTwilio(config: z.infer<typeof configSchema>): void {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET } = config;
  if (!TWILIO_API_KEY_SID !== !TWILIO_API_KEY_SECRET) {
    throw new Error('Set both TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET, or neither.');
  }
  if (config.VIDEO === 'twilio' && !(TWILIO_ACCOUNT_SID && TWILIO_API_KEY_SID)) {
    throw new Error(
      'VIDEO=twilio needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET (an API key signs the ' +
        'access tokens).',
    );
  }
  if (config.NOTIFICATIONS !== 'twilio') return;
  if (!TWILIO_ACCOUNT_SID || !(TWILIO_API_KEY_SID || TWILIO_AUTH_TOKEN)) {
    throw new Error(
      'NOTIFICATIONS=twilio needs TWILIO_ACCOUNT_SID and either TWILIO_API_KEY_SID with TWILIO_API_KEY_SECRET or ' +
        'TWILIO_AUTH_TOKEN.',
    );
  }
  if (!config.TWILIO_SMS_FROM === !config.TWILIO_MESSAGING_SERVICE_SID) {
    throw new Error(
      'NOTIFICATIONS=twilio needs exactly one sender: TWILIO_SMS_FROM (a number or sender ID) or ' +
        'TWILIO_MESSAGING_SERVICE_SID.',
    );
  }
}

/** The API's security settings: master key (generated in development), environment, CORS origins. */
export function securityFrom(config: Config) {
  return {
    masterKey: masterKeyFrom(config),
    appEnv: config.APP_ENV,
    devTools: config.APP_ENV !== 'production' || config.ALLOW_LOCAL_ADAPTERS,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}

/**
 * The appointment lifecycle's durations. The API puts them into each new workflow's input, so a
 * running appointment keeps the timings it was booked with when these change.
 */
export function timingsFrom(config: Config): AppointmentTimings {
  return {
    paymentTimeoutMs: config.PAYMENT_TIMEOUT,
    reminderOffsetsMs: config.REMINDER_OFFSETS,
    joinWindowMs: config.JOIN_WINDOW,
    noShowGraceMs: config.NO_SHOW_GRACE,
    sessionGraceMs: config.SESSION_GRACE,
    reviewWindowMs: config.REVIEW_WINDOW,
    reviewReminderMs: config.REVIEW_REMINDER,
  };
}
