/** The Twilio Verify adapter against a local HTTP stand-in: the exact requests, and how answers map. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioMock, type TwilioMock } from '../../tests/fixtures/twilio-mock.js';
import { createTwilioVerification } from './twilio-verify.js';

let twilio: TwilioMock;
beforeAll(async () => {
  twilio = await startTwilioMock();
});
afterAll(async () => twilio?.close());

const adapter = () =>
  createTwilioVerification({
    accountSid: 'AC0001',
    authToken: 's3cret',
    serviceSid: 'VA0042',
    baseUrl: twilio.baseUrl,
  });

describe('Twilio Verify adapter', () => {
  it('starts a verification with a form POST and basic auth', async () => {
    const before = twilio.requests.length;
    expect(await adapter().start('+15550001111')).toEqual({ expiresInSeconds: 600 });
    const [request] = twilio.requests.slice(before);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v2/Services/VA0042/Verifications',
      form: { To: '+15550001111', Channel: 'sms' },
    });
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('AC0001:s3cret').toString('base64')}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('checks codes: approved, wrong, and none pending', async () => {
    const verification = adapter();
    await verification.start('+15550002222');
    const before = twilio.requests.length;
    expect(await verification.check('+15550002222', '111111')).toBe('wrong_code');
    expect(await verification.check('+15550002222', '424242')).toBe('approved');
    expect(await verification.check('+15550002222', '424242')).toBe('no_pending_code');
    expect(twilio.requests.slice(before).map((r) => [r.path, r.form])).toEqual([
      ['/v2/Services/VA0042/VerificationCheck', { To: '+15550002222', Code: '111111' }],
      ['/v2/Services/VA0042/VerificationCheck', { To: '+15550002222', Code: '424242' }],
      ['/v2/Services/VA0042/VerificationCheck', { To: '+15550002222', Code: '424242' }],
    ]);
  });

  it('treats "max check attempts reached" as a burned code', async () => {
    twilio.answerNextWith(429, { code: 60202, message: 'Max check attempts reached', status: 429 });
    expect(await adapter().check('+15550003333', '123456')).toBe('no_pending_code');
  });

  it('answers 429 when Twilio refuses to send more codes', async () => {
    twilio.answerNextWith(429, { code: 60203, message: 'Max send attempts reached', status: 429 });
    await expect(adapter().start('+15550004444')).rejects.toMatchObject({
      kind: 'too_many_requests',
      code: 'OTP_SEND_LIMIT',
    });
  });

  it('fails loudly on other errors without quoting the phone number', async () => {
    twilio.answerNextWith(401, { code: 20003, message: 'Authenticate +15550005555', status: 401 });
    const failure = adapter().start('+15550005555');
    await expect(failure).rejects.toThrow('Twilio Verify could not start a verification: HTTP 401, Twilio error 20003');
    await expect(failure).rejects.not.toThrow('+1555');
  });
});
