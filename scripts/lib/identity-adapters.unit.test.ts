import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
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
});
