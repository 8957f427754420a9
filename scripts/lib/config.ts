/**
 * Every setting comes from the environment, validated once at start-up. Defaults run the whole
 * platform on one machine (embedded PostgreSQL, Temporal dev server, PostgreSQL event store).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { masterKeyFrom } from './master-key.js';

const port = z.coerce.number().int().min(1).max(65_535);

/** "15m", "30s", "2h", "500ms", ISO 8601 "PT15M" or plain milliseconds → milliseconds. */
export const durationMs = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value).trim();
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(text);
  if (iso && text.length > 2)
    return (Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0)) * 1_000;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: 'use a duration like 500ms, 30s, 15m, 2h or PT15M' });
    return z.NEVER;
  }
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  return Number(match[1]) * factor;
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
  PAYMENT_TIMEOUT: durationMs.default(15 * 60_000),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
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
  TWILIO_API_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
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
  if (parsed.data.FILE_STORE === 's3' && !(parsed.data.S3_BUCKET && parsed.data.S3_REGION)) {
    throw new Error('FILE_STORE=s3 needs S3_BUCKET and S3_REGION (and S3_ENDPOINT for a service other than AWS).');
  }
  if (!parsed.data.S3_ACCESS_KEY_ID !== !parsed.data.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credentials).',
    );
  }
  if (parsed.data.APP_ENV === 'production' && !parsed.data.CONSULTA_MASTER_KEY) {
    throw new Error(
      'APP_ENV=production needs CONSULTA_MASTER_KEY (openssl rand -base64 32); it is generated only in development.',
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}

/** The API's security settings: master key (generated in development), environment, CORS origins. */
export function securityFrom(config: Config) {
  return {
    masterKey: masterKeyFrom(config),
    appEnv: config.APP_ENV,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY.split(',').map((entry) => entry.trim()).filter(Boolean),
  };
}
