import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

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
  ])('reads the duration %s as %i ms', (text, ms) => {
    expect(loadConfig({ PAYMENT_TIMEOUT: text }).PAYMENT_TIMEOUT).toBe(ms);
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ API_PORT: 'eighty', PAYMENT_TIMEOUT: 'soon', EVENT_STORE: 'mongo' })).toThrow(
      /API_PORT[\s\S]*EVENT_STORE[\s\S]*PAYMENT_TIMEOUT|API_PORT[\s\S]*PAYMENT_TIMEOUT/,
    );
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
});
