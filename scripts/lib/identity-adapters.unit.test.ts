import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { smtpTransportFrom } from './email.js';
import { identityAdaptersFrom } from './identity-adapters.js';

describe('identityAdaptersFrom', () => {
  it('leaves verification to the local adapter by default', () => {
    expect(identityAdaptersFrom(loadConfig({}))).toEqual({ publicWebUrl: 'http://127.0.0.1:5173' });
  });

  it('builds the Twilio adapter when VERIFICATION=twilio', () => {
    const config = loadConfig({
      VERIFICATION: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_VERIFY_SERVICE_SID: 'VA1',
    });
    expect(identityAdaptersFrom(config).verification).toMatchObject({
      start: expect.any(Function),
      check: expect.any(Function),
    });
  });

  it('sends identity emails through the SMTP transport it is given when EMAIL=smtp', () => {
    const config = loadConfig({
      EMAIL: 'smtp',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com',
      EMAIL_FROM: 'no-reply@consulta.example',
    });
    expect(() => identityAdaptersFrom(config)).toThrow(/EMAIL=smtp needs the SMTP transport/);
    const smtp = smtpTransportFrom(config);
    try {
      expect(identityAdaptersFrom(config, { smtp }).mailer).toMatchObject({ send: expect.any(Function) });
    } finally {
      smtp?.close();
    }
  });
});
