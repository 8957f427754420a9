/**
 * Signing and verifying the local payments adapter's webhooks, the way Stripe signs its own:
 * `consulta-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${body}">`. The timestamp is
 * inside the signed text, so an old delivery cannot be replayed with a fresh time, and one older
 * than the tolerance is refused outright. Several v1 values may be sent (a key being rotated).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError, type WebhookHeaders } from '../ports/payments.js';

export const LOCAL_SIGNATURE_HEADER = 'consulta-signature';
/** Five minutes, as Stripe's libraries default to. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest();

export function signWebhook(secret: Buffer, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, `${timestamp}.${body}`).toString('hex')}`;
}

/** Throws WebhookSignatureError unless one v1 matches the exact bytes and the time is within tolerance. */
export function verifyWebhookSignature(
  secret: Buffer,
  rawBody: Buffer,
  headers: WebhookHeaders,
  options: { readonly now: Date; readonly toleranceSeconds?: number },
): void {
  const raw = headers[LOCAL_SIGNATURE_HEADER];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) throw new WebhookSignatureError(`The ${LOCAL_SIGNATURE_HEADER} header is missing.`);
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value ?? '');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) {
    throw new WebhookSignatureError(`The ${LOCAL_SIGNATURE_HEADER} header is malformed.`);
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(options.now.getTime() / 1000 - Number(timestamp)) > tolerance) {
    throw new WebhookSignatureError('The webhook signature is too old (or from the future).');
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
  });
  if (!matches) throw new WebhookSignatureError('The webhook signature does not match.');
}

/**
 * The test checkout page's form token: an HMAC of the payment id under the same secret, with a
 * prefix no webhook timestamp can have, so a form cannot be posted without first loading the page.
 */
export function checkoutFormToken(secret: Buffer, paymentId: string): string {
  return hmac(secret, `checkout-form:${paymentId}`).toString('base64url');
}

export function isCheckoutFormToken(secret: Buffer, paymentId: string, token: string): boolean {
  const expected = Buffer.from(checkoutFormToken(secret, paymentId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
