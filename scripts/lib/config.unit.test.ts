import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS } from '../../domain/appointment/index.js';
import { loadConfig, securityFrom, timingsFrom } from './config.js';

describe('configuration from the environment', () => {
  it('runs on documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      API_PORT: 3000,
      WEB_PORT: 5173,
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      EVENT_STORE: 'postgres',
      PAYMENT_TIMEOUT: 900_000,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PT15M', 900_000],
    ['PT1H30M', 5_400_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['1500', 1_500],
    ['14d', 1_209_600_000],
    ['P14D', 1_209_600_000],
    ['P1DT2H', 93_600_000],
  ])('reads the duration %s as %i ms', (text, ms) => {
    expect(loadConfig({ PAYMENT_TIMEOUT: text }).PAYMENT_TIMEOUT).toBe(ms);
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ API_PORT: 'eighty', PAYMENT_TIMEOUT: 'soon', EVENT_STORE: 'mongo' })).toThrow(
      /API_PORT[\s\S]*EVENT_STORE[\s\S]*PAYMENT_TIMEOUT|API_PORT[\s\S]*PAYMENT_TIMEOUT/,
    );
  });

  it('refuses production on the local (test) adapters unless the stack says it is a demo', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() => loadConfig({ APP_ENV: 'production', CONSULTA_MASTER_KEY: key })).toThrow(
      'local (test) adapters, which reach nobody (no payment, call, message or code): payments (set ' +
        'PAYMENTS=stripe); video (set VIDEO=twilio); appointment SMS (set NOTIFICATIONS=twilio); appointment, ' +
        'verification and password-reset emails (set EMAIL=smtp); phone sign-in codes (set VERIFICATION=twilio). ' +
        'Configure those providers, or set ALLOW_LOCAL_ADAPTERS=true for a demo stack.',
    );
    const demo = loadConfig({ APP_ENV: 'production', CONSULTA_MASTER_KEY: key, ALLOW_LOCAL_ADAPTERS: 'true' });
    expect(securityFrom(demo)).toMatchObject({ appEnv: 'production', devTools: true });
    expect(securityFrom(loadConfig({ CONSULTA_MASTER_KEY: key }))).toMatchObject({
      appEnv: 'development',
      devTools: true,
    });
  });

  it('wants both Stripe secrets with PAYMENTS=stripe, and then no longer counts payments as a local adapter', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() => loadConfig({ PAYMENTS: 'stripe' })).toThrow(
      /PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/,
    );
    expect(() => loadConfig({ PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(
      /PAYMENTS=stripe needs STRIPE_WEBHOOK_SECRET:/,
    );
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_live_1', STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(
      /STRIPE_SECRET_KEY: must be a Stripe secret key[\s\S]*STRIPE_WEBHOOK_SECRET: must be the webhook/,
    );
    const stripe = { PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
    expect(() => loadConfig({ ...stripe, PAYMENT_TIMEOUT: '2d' })).toThrow(/PAYMENT_TIMEOUT of 24h or less/);
    expect(() => loadConfig({ ...stripe, APP_ENV: 'production', CONSULTA_MASTER_KEY: key })).toThrow(
      /code\): video \(set VIDEO=twilio\); appointment SMS/,
    );
  });

  it('wants an API key for VIDEO=twilio, and a sender and credentials for NOTIFICATIONS=twilio', () => {
    const account = { TWILIO_ACCOUNT_SID: 'AC0001' };
    const key = { TWILIO_API_KEY_SID: 'SK0001', TWILIO_API_KEY_SECRET: 'secret' };
    expect(() => loadConfig({ VIDEO: 'twilio', ...account })).toThrow(
      /VIDEO=twilio needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET/,
    );
    expect(() => loadConfig({ VIDEO: 'twilio', ...account, TWILIO_API_KEY_SID: 'SK0001' })).toThrow(
      /both TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET/,
    );
    expect(() => loadConfig({ TWILIO_API_KEY_SID: 'AC0001', TWILIO_VIDEO_ROOM_TYPE: 'large' })).toThrow(
      /TWILIO_API_KEY_SID: must be an API key SID[\s\S]*TWILIO_VIDEO_ROOM_TYPE/,
    );
    expect(loadConfig({ VIDEO: 'twilio', ...account, ...key })).toMatchObject({
      VIDEO: 'twilio',
      TWILIO_VIDEO_ROOM_TYPE: 'group',
    });

    expect(() => loadConfig({ NOTIFICATIONS: 'twilio', ...account, TWILIO_SMS_FROM: '+15005550006' })).toThrow(
      /NOTIFICATIONS=twilio needs TWILIO_ACCOUNT_SID and either TWILIO_API_KEY_SID .* or TWILIO_AUTH_TOKEN/,
    );
    expect(() => loadConfig({ NOTIFICATIONS: 'twilio', ...account, ...key })).toThrow(
      /exactly one sender: TWILIO_SMS_FROM .* or TWILIO_MESSAGING_SERVICE_SID/,
    );
    expect(() =>
      loadConfig({
        NOTIFICATIONS: 'twilio',
        ...account,
        ...key,
        TWILIO_SMS_FROM: 'Consulta',
        TWILIO_MESSAGING_SERVICE_SID: 'MG0001',
      }),
    ).toThrow(/exactly one sender/);
    expect(() => loadConfig({ TWILIO_SMS_FROM: '0800 CONSULTA NOW', TWILIO_MESSAGING_SERVICE_SID: 'SK1' })).toThrow(
      /TWILIO_SMS_FROM: must be a phone number in E.164[\s\S]*TWILIO_MESSAGING_SERVICE_SID: must be a Messaging/,
    );
    const withToken = { NOTIFICATIONS: 'twilio', ...account, TWILIO_AUTH_TOKEN: 'token' };
    expect(loadConfig({ ...withToken, TWILIO_SMS_FROM: '+15005550006' }).TWILIO_SMS_FROM).toBe('+15005550006');
    expect(loadConfig({ ...withToken, TWILIO_SMS_FROM: 'Consulta' }).TWILIO_SMS_FROM).toBe('Consulta');
    expect(loadConfig({ ...withToken, TWILIO_MESSAGING_SERVICE_SID: 'MG0001' }).NOTIFICATIONS).toBe('twilio');
  });

  it('needs every channel real in production: Twilio SMS alone leaves email local, SMTP makes it real', () => {
    const real = {
      APP_ENV: 'production',
      CONSULTA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      PAYMENTS: 'stripe',
      STRIPE_SECRET_KEY: 'sk_live_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      VERIFICATION: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC0001',
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_VERIFY_SERVICE_SID: 'VA0001',
      TWILIO_API_KEY_SID: 'SK0001',
      TWILIO_API_KEY_SECRET: 'secret',
      TWILIO_SMS_FROM: '+15005550006',
      VIDEO: 'twilio',
    };
    const smtp = {
      EMAIL: 'smtp',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com',
      EMAIL_FROM: 'no-reply@c.example',
    };
    const emailLocal = 'appointment, verification and password-reset emails (set EMAIL=smtp)';
    expect(() => loadConfig(real)).toThrow(
      `code): appointment SMS (set NOTIFICATIONS=twilio); ${emailLocal}. Configure`,
    );
    expect(() => loadConfig({ ...real, NOTIFICATIONS: 'twilio' })).toThrow(
      `code): ${emailLocal}. Configure those providers, or set ALLOW_LOCAL_ADAPTERS=true`,
    );
    expect(() => loadConfig({ ...real, ...smtp })).toThrow(
      /code\): appointment SMS \(set NOTIFICATIONS=twilio\)\. Configure/,
    );
    expect(loadConfig({ ...real, ...smtp, NOTIFICATIONS: 'twilio' })).toMatchObject({
      EMAIL: 'smtp',
      NOTIFICATIONS: 'twilio',
      ALLOW_LOCAL_ADAPTERS: false,
    });
    expect(loadConfig({ ...real, NOTIFICATIONS: 'twilio', ALLOW_LOCAL_ADAPTERS: 'true' })).toMatchObject({
      EMAIL: 'local',
      NOTIFICATIONS: 'twilio',
    });
  });

  it('refuses EventStoreDB without a connection string, saying what to set', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('keeps files on disk by default, and wants a bucket and region for S3', () => {
    expect(loadConfig({})).toMatchObject({ FILE_STORE: 'local', S3_FORCE_PATH_STYLE: false });
    expect(() => loadConfig({ FILE_STORE: 's3' })).toThrow(/S3_BUCKET and S3_REGION/);
    expect(() => loadConfig({ FILE_STORE: 'gcs' })).toThrow(/FILE_STORE/);
    expect(
      loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'consulta-files', S3_REGION: 'auto', S3_FORCE_PATH_STYLE: 'true' }),
    ).toMatchObject({ FILE_STORE: 's3', S3_BUCKET: 'consulta-files', S3_FORCE_PATH_STYLE: true });
  });

  it('refuses a bad bucket name, endpoint or path-style flag, and half a key pair', () => {
    expect(() =>
      loadConfig({ S3_BUCKET: 'Consulta_Files', S3_ENDPOINT: 'minio:9000', S3_FORCE_PATH_STYLE: 'yes' }),
    ).toThrow(/S3_BUCKET[\s\S]*S3_ENDPOINT[\s\S]*S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ S3_ACCESS_KEY_ID: 'AKIA0001' })).toThrow(
      /both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    );
  });

  it('runs the appointment lifecycle on the product’s timings by default', () => {
    const config = loadConfig({});
    expect(timingsFrom(config)).toEqual(DEFAULT_TIMINGS);
    expect(config).toMatchObject({
      REMINDER_OFFSETS: [86_400_000, 3_600_000],
      JOIN_WINDOW: 600_000,
      NO_SHOW_GRACE: 900_000,
      SESSION_GRACE: 600_000,
      REVIEW_WINDOW: 1_209_600_000,
      REVIEW_REMINDER: 86_400_000,
    });
  });

  it('reads every lifecycle duration from the environment', () => {
    const timings = timingsFrom(
      loadConfig({
        PAYMENT_TIMEOUT: '2s',
        REMINDER_OFFSETS: '1h, 2d,30m',
        JOIN_WINDOW: '5m',
        NO_SHOW_GRACE: 'PT20M',
        SESSION_GRACE: '90s',
        REVIEW_WINDOW: '7d',
        REVIEW_REMINDER: '12h',
      }),
    );
    expect(timings).toEqual({
      paymentTimeoutMs: 2_000,
      // Longest first, whatever order they were written in.
      reminderOffsetsMs: [172_800_000, 3_600_000, 1_800_000],
      joinWindowMs: 300_000,
      noShowGraceMs: 1_200_000,
      sessionGraceMs: 90_000,
      reviewWindowMs: 604_800_000,
      reviewReminderMs: 43_200_000,
    });
    expect(loadConfig({ REMINDER_OFFSETS: 'none' }).REMINDER_OFFSETS).toEqual([]);
    expect(loadConfig({ REMINDER_OFFSETS: '' }).REMINDER_OFFSETS).toEqual([86_400_000, 3_600_000]);
  });

  it('refuses unreadable lifecycle durations, naming each variable and the bad part', () => {
    const refusal = () => loadConfig({ REMINDER_OFFSETS: '24h,soon', REVIEW_WINDOW: 'two weeks', JOIN_WINDOW: 'PT' });
    expect(refusal).toThrow(/REMINDER_OFFSETS: "soon": use a duration/);
    expect(refusal).toThrow(/JOIN_WINDOW: use a duration/);
    expect(refusal).toThrow(/REVIEW_WINDOW: use a duration/);
    expect(() => loadConfig({ REMINDER_OFFSETS: '0m' })).toThrow(/REMINDER_OFFSETS: "0m"/);
    expect(() => loadConfig({ REMINDER_OFFSETS: '1h,2h,3h,4h,5h,6h' })).toThrow(/at most 5 reminder offsets/);
  });
});
