/**
 * Twilio's REST API over plain fetch, as activities/adapters/twilio-verify.ts calls it: basic auth
 * (an API key SID and secret, or the account SID and auth token), form bodies, JSON answers. No SDK:
 * the adapters need three endpoints, and fetch keeps the dependency list short.
 */
export interface TwilioCredentials {
  readonly username: string;
  readonly password: string;
}

export interface TwilioAnswer {
  readonly status: number;
  /** The parsed JSON object; empty when the body was not one. */
  readonly body: Readonly<Record<string, unknown>>;
}

export async function callTwilio(
  url: string,
  request: {
    readonly credentials: TwilioCredentials;
    readonly method: 'GET' | 'POST';
    readonly form?: Record<string, string>;
    readonly timeoutMs: number;
  },
): Promise<TwilioAnswer> {
  const { username, password } = request.credentials;
  const response = await fetch(url, {
    method: request.method,
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      accept: 'application/json',
      ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(request.form ? { body: new URLSearchParams(request.form).toString() } : {}),
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  return { status: response.status, body: object as Record<string, unknown> };
}

/** Twilio's own error code (53113, 21211 …) from an error answer, when it gave one. */
export function twilioErrorCode(answer: TwilioAnswer): number | undefined {
  const code = answer.body.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/**
 * Twilio's message can quote what was sent (a phone number, a room name): keep only the HTTP
 * status and Twilio's error code.
 */
export function describeTwilioFailure(answer: TwilioAnswer): string {
  return `HTTP ${answer.status}, Twilio error ${twilioErrorCode(answer) ?? 'unknown'}`;
}

/** `https://host/` or a test server: no trailing slash, so paths join cleanly. */
export const baseUrlOf = (configured: string | undefined, fallback: string) =>
  (configured ?? fallback).replace(/\/+$/, '');
