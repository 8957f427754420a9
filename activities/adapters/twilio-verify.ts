/**
 * Phone verification through Twilio Verify (the production adapter): Twilio makes, sends and
 * checks the code, and burns it after its own limit of wrong tries (5 by default).
 * Plain fetch against the REST API: basic auth with the account SID and auth token, form bodies.
 */
import { DomainError } from '../../domain/shared/errors.js';
import type { VerificationCheck, VerificationPort } from '../ports/verification.js';

export interface TwilioVerifyConfig {
  readonly accountSid: string;
  readonly authToken: string;
  readonly serviceSid: string;
  /** TWILIO_API_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

/** Twilio's default code lifetime; a service can be configured otherwise in the console. */
const TWILIO_CODE_TTL_SECONDS = 10 * 60;

export function createTwilioVerification(config: TwilioVerifyConfig): VerificationPort {
  const base = (config.baseUrl ?? 'https://verify.twilio.com').replace(/\/+$/, '');
  const service = `${base}/v2/Services/${encodeURIComponent(config.serviceSid)}`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;

  async function post(path: string, form: Record<string, string>): Promise<{ status: number; body: TwilioBody }> {
    const response = await fetch(`${service}/${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    let body: TwilioBody = {};
    try {
      body = text ? (JSON.parse(text) as TwilioBody) : {};
    } catch {
      body = {};
    }
    return { status: response.status, body };
  }

  return {
    async start(phone) {
      const { status, body } = await post('Verifications', { To: phone, Channel: 'sms' });
      if (status === 429)
        throw new DomainError(
          'too_many_requests',
          'OTP_SEND_LIMIT',
          'Too many codes were sent to this number; wait a while before asking for another.',
        );
      if (status < 200 || status >= 300) throw twilioError('start a verification', status, body);
      return { expiresInSeconds: TWILIO_CODE_TTL_SECONDS };
    },

    async check(phone, code): Promise<VerificationCheck> {
      const { status, body } = await post('VerificationCheck', { To: phone, Code: code });
      if (status === 200) return body.status === 'approved' ? 'approved' : 'wrong_code';
      // 404 (20404): no pending verification (expired, approved or cancelled); 429 (60202): max
      // check attempts reached, which burns it.
      if (status === 404 || status === 429) return 'no_pending_code';
      throw twilioError('check a code', status, body);
    },
  };
}

interface TwilioBody {
  readonly status?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

// Twilio's message can quote the phone number; keep only the status and Twilio's error code.
function twilioError(what: string, status: number, body: TwilioBody): Error {
  return new Error(`Twilio Verify could not ${what}: HTTP ${status}, Twilio error ${String(body.code ?? 'unknown')}`);
}
