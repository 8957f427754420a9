import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { effectAdaptersFrom, publicApiUrlFrom, publicWebUrlFrom } from './effect-adapters.js';

// Never connects: the adapters only query when used.
const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
afterAll(() => pool.end());

describe('booking lifecycle adapters from the environment', () => {
  it('defaults to the local test/development adapters, on the local URLs', () => {
    const config = loadConfig({ API_PORT: '3100' });
    expect(config).toMatchObject({ PAYMENTS: 'local', VIDEO: 'local', NOTIFICATIONS: 'local' });
    expect(publicApiUrlFrom(config)).toBe('http://127.0.0.1:3100');
    expect(publicWebUrlFrom(config)).toBe('http://127.0.0.1:5173');
    const ports = effectAdaptersFrom(config, { pool, masterKey: randomBytes(32) });
    expect(ports.payments.provider).toBe('local');
    expect(ports.video.provider).toBe('local');
  });

  it('points the video room page at PUBLIC_WEB_URL', async () => {
    const config = loadConfig({ PUBLIC_WEB_URL: 'https://consulta.example' });
    const { video } = effectAdaptersFrom(config, { pool, masterKey: randomBytes(32) });
    const participant = { accountId: 'a', role: 'doctor' as const, displayName: 'Dr. A' };
    const joined = await video.joinDescriptor({ appointmentId: 'x', roomId: 'r', participant });
    expect(joined.url).toBe('https://consulta.example/appointments/x/room');
  });

  it('takes payments through Stripe when PAYMENTS=stripe, the other adapters staying local', () => {
    const config = loadConfig({
      PAYMENTS: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_consulta',
      STRIPE_WEBHOOK_SECRET: 'whsec_consulta',
    });
    const ports = effectAdaptersFrom(config, { pool, masterKey: randomBytes(32) });
    expect(ports.payments.provider).toBe('stripe');
    expect(ports.video.provider).toBe('local');
  });

  it('opens rooms on Twilio Video when VIDEO=twilio, the other adapters staying as configured', () => {
    const config = loadConfig({
      VIDEO: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC0001',
      TWILIO_API_KEY_SID: 'SK0001',
      TWILIO_API_KEY_SECRET: 'secret',
    });
    const ports = effectAdaptersFrom(config, { pool, masterKey: randomBytes(32) });
    expect(ports.video.provider).toBe('twilio');
    expect(ports.payments.provider).toBe('local');
  });

  it('refuses a provider that has no adapter yet, naming the variable', () => {
    expect(() => loadConfig({ PAYMENTS: 'paypal' })).toThrow(/PAYMENTS/);
    expect(() => loadConfig({ VIDEO: 'zoom' })).toThrow(/VIDEO/);
    expect(() => loadConfig({ NOTIFICATIONS: 'ses' })).toThrow(/NOTIFICATIONS/);
    expect(() => loadConfig({ EMAIL: 'ses' })).toThrow(/EMAIL/);
    expect(() => loadConfig({ PUBLIC_API_URL: 'not a url' })).toThrow(/PUBLIC_API_URL/);
  });

  it('wants the process’s SMTP transport with EMAIL=smtp', () => {
    const config = loadConfig({ EMAIL: 'smtp', SMTP_HOST: 'smtp.example.com', EMAIL_FROM: 'no-reply@c.example' });
    expect(() => effectAdaptersFrom(config, { pool, masterKey: randomBytes(32) })).toThrow(
      /EMAIL=smtp needs the SMTP transport/,
    );
  });
});
