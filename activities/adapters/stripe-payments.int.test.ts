/**
 * The Stripe payments adapter (official SDK) against a local stand-in of Stripe's HTTP API: the
 * exact form-encoded requests and idempotency keys, how Stripe's answers map to the port, and
 * webhooks signed with Stripe's real scheme. Not verified against Stripe itself.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutEvent, startStripeMock, type StripeMock } from '../../tests/fixtures/stripe-mock.js';
import {
  PaymentRefusedError,
  WebhookPayloadError,
  WebhookSignatureError,
  type CheckoutRequest,
} from '../ports/payments.js';
import { createStripePayments, type StripePaymentsConfig } from './stripe-payments.js';

const FEE = { amountMinor: 150_000, currency: 'MZN' };
const WEBHOOK_SECRET = 'whsec_test_consulta';
let stripe: StripeMock;

beforeAll(async () => {
  stripe = await startStripeMock();
});
afterAll(async () => stripe?.close());

const adapter = (overrides: Partial<StripePaymentsConfig> = {}) =>
  createStripePayments({
    secretKey: 'sk_test_consulta',
    webhookSecret: WEBHOOK_SECRET,
    publicWebUrl: 'https://consulta.example/',
    apiBaseUrl: stripe.baseUrl,
    ...overrides,
  });

const aRequest = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => {
  const appointmentId = randomUUID();
  return {
    idempotencyKey: appointmentId,
    appointmentId,
    amount: FEE,
    description: 'Consulta Video consultation: General consultation',
    ...overrides,
  };
};

const inMinutes = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();
const requestsTo = (path: string) => stripe.requests.filter((r) => r.path === path);
const sessionsOf = (appointmentId: string) =>
  [...stripe.sessions.values()].filter((s) => s.client_reference_id === appointmentId);

async function aPaidCheckout() {
  const request = aRequest();
  const checkout = await adapter().createCheckout(request);
  const session = stripe.pay(checkout.paymentId);
  return { request, checkout, session };
}

describe('Stripe payments: checkouts', () => {
  it('opens a Checkout Session for the fee, closing at the payment deadline, with no personal data', async () => {
    const now = new Date();
    const request = aRequest({ paymentDueAt: inMinutes(now, 120) });
    const checkout = await adapter({ now: () => now }).createCheckout(request);

    const [session] = sessionsOf(request.appointmentId);
    expect(checkout).toEqual({ paymentId: session?.id, provider: 'stripe', checkoutUrl: session?.url });
    const sent = requestsTo('/v1/checkout/sessions').at(-1);
    const page = `https://consulta.example/appointments/${request.appointmentId}`;
    // Every parameter sent, so nothing else (an email, a name) can ride along unnoticed.
    expect(sent?.form).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'mzn',
      'line_items[0][price_data][unit_amount]': '150000',
      'line_items[0][price_data][product_data][name]': 'Consulta Video consultation: General consultation',
      success_url: page,
      cancel_url: page,
      client_reference_id: request.appointmentId,
      'metadata[appointmentId]': request.appointmentId,
      'payment_intent_data[metadata][appointmentId]': request.appointmentId,
      'adaptive_pricing[enabled]': 'false',
      expires_at: String(Math.floor(Date.parse(request.paymentDueAt ?? '') / 1000)),
    });
    expect(sent?.headers['idempotency-key']).toBe(`consulta-checkout:${request.appointmentId}`);
    expect(sent?.headers.authorization).toBe('Bearer sk_test_consulta');
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('leaves expires_at to Stripe when the deadline is under 30 minutes or over 24 hours away', async () => {
    const now = new Date();
    for (const minutes of [15, 3 * 24 * 60]) {
      const request = aRequest({ paymentDueAt: inMinutes(now, minutes) });
      await adapter({ now: () => now }).createCheckout(request);
      expect(requestsTo('/v1/checkout/sessions').at(-1)?.form).not.toHaveProperty('expires_at');
      expect(sessionsOf(request.appointmentId)).toHaveLength(1);
    }
  });

  it('returns the same session to a retried activity, even once the deadline has crossed the 30-minute bound', async () => {
    const start = new Date();
    const request = aRequest({ paymentDueAt: inMinutes(start, 40) });
    const first = await adapter({ now: () => start }).createCheckout(request);
    expect(await adapter({ now: () => start }).createCheckout(request)).toEqual(first);
    // Fifteen minutes later the deadline is 25 minutes away: this attempt would send no expires_at.
    const later = new Date(start.getTime() + 15 * 60_000);
    expect(await adapter({ now: () => later }).createCheckout(request)).toEqual(first);
    expect(sessionsOf(request.appointmentId)).toHaveLength(1);
  });

  it('retries a Stripe 500 within the call under the same idempotency key', async () => {
    const request = aRequest();
    const before = requestsTo('/v1/checkout/sessions').length;
    stripe.answerNextWith(500, { error: { type: 'api_error', message: 'Something went wrong' } });
    const checkout = await adapter().createCheckout(request);
    const attempts = requestsTo('/v1/checkout/sessions').slice(before);
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((a) => a.headers['idempotency-key']))).toEqual(
      new Set([`consulta-checkout:${request.appointmentId}`]),
    );
    expect(sessionsOf(request.appointmentId).map((s) => s.id)).toEqual([checkout.paymentId]);
  });

  it('refuses an amount Stripe cannot charge, and a key reused for another amount', async () => {
    const before = stripe.requests.length;
    await expect(adapter().createCheckout(aRequest({ amount: { ...FEE, amountMinor: 0 } }))).rejects.toMatchObject({
      name: 'PaymentRefusedError',
      code: 'INVALID_AMOUNT',
    });
    expect(stripe.requests.length).toBe(before);
    const request = aRequest();
    await adapter().createCheckout(request);
    await expect(
      adapter().createCheckout({ ...request, amount: { ...FEE, amountMinor: 99_000 } }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('Stripe payments: cancel', () => {
  it('expires an open session; an expired or unknown one answers cancelled', async () => {
    const checkout = await adapter().createCheckout(aRequest());
    expect(await adapter().cancel(checkout.paymentId)).toEqual({ outcome: 'cancelled' });
    expect(stripe.sessions.get(checkout.paymentId)?.status).toBe('expired');
    expect(requestsTo(`/v1/checkout/sessions/${checkout.paymentId}/expire`)).toHaveLength(1);
    expect(await adapter().cancel(checkout.paymentId)).toEqual({ outcome: 'cancelled' });
    expect(await adapter().cancel('cs_test_unknown')).toEqual({ outcome: 'cancelled' });
  });

  it('answers captured, with the amount paid, for a session paid before it could be expired', async () => {
    const { checkout } = await aPaidCheckout();
    expect(await adapter().cancel(checkout.paymentId)).toEqual({ outcome: 'captured', amount: FEE });
    expect(stripe.sessions.get(checkout.paymentId)?.status).toBe('complete');
  });

  it('throws, for the activity to retry, when Stripe fails', async () => {
    const checkout = await adapter().createCheckout(aRequest());
    stripe.answerNextWith(503, { error: { type: 'api_error', message: 'Unavailable' } });
    await expect(adapter({ maxNetworkRetries: 0 }).cancel(checkout.paymentId)).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
    expect(stripe.sessions.get(checkout.paymentId)?.status).toBe('open');
  });
});

describe('Stripe payments: refunds', () => {
  it("refunds the session's PaymentIntent, once per key", async () => {
    const { session } = await aPaidCheckout();
    const request = {
      paymentId: session.id,
      amount: { ...FEE, amountMinor: 75_000 },
      idempotencyKey: `${session.id}:1`,
    };
    const first = await adapter().refund(request);
    expect(await adapter().refund(request)).toEqual(first);
    expect(stripe.refunds.get(first.refundId)).toEqual({ payment_intent: session.payment_intent, amount: 75_000 });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
    const sent = requestsTo('/v1/refunds').at(-1);
    expect(sent?.form).toEqual({ payment_intent: session.payment_intent, amount: '75000' });
    expect(sent?.headers['idempotency-key']).toBe(`consulta-refund:${session.id}:1`);
  });

  it("maps Stripe's final refusals to the port's codes", async () => {
    const { session } = await aPaidCheckout();
    const refund = (amountMinor: number, key: string, overrides: { paymentId?: string; currency?: string } = {}) =>
      adapter().refund({
        paymentId: overrides.paymentId ?? session.id,
        amount: { amountMinor, currency: overrides.currency ?? 'MZN' },
        idempotencyKey: key,
      });
    await refund(100_000, `${session.id}:a`);
    await expect(refund(50_001, `${session.id}:b`)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    await expect(refund(1, `${session.id}:a`)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(refund(1, `${session.id}:c`, { currency: 'EUR' })).rejects.toMatchObject({
      code: 'CURRENCY_MISMATCH',
    });
    await expect(refund(1, 'x', { paymentId: 'cs_test_unknown' })).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
    });
    const unpaid = await adapter().createCheckout(aRequest());
    await expect(refund(1, 'y', { paymentId: unpaid.paymentId })).rejects.toMatchObject({ code: 'PAYMENT_NOT_PAID' });
    stripe.answerNextWith(400, { error: { type: 'invalid_request_error', code: 'charge_disputed' } }, '/v1/refunds');
    await expect(refund(1, `${session.id}:d`)).rejects.toMatchObject({ code: 'PAYMENT_DISPUTED' });
    stripe.answerNextWith(400, { error: { type: 'invalid_request_error', code: 'something_new' } }, '/v1/refunds');
    await expect(refund(1, `${session.id}:e`)).rejects.toThrow(
      new PaymentRefusedError('PROVIDER_REFUSED', 'Stripe refused the refund (something_new).'),
    );
  });

  it('lets a rate limit or an outage throw as is, for the activity to retry', async () => {
    const { session } = await aPaidCheckout();
    const once = adapter({ maxNetworkRetries: 0 });
    const request = { paymentId: session.id, amount: FEE, idempotencyKey: `${session.id}:full` };
    stripe.answerNextWith(429, { error: { type: 'invalid_request_error', code: 'rate_limit' } }, '/v1/refunds');
    await expect(once.refund(request)).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    stripe.answerNextWith(500, { error: { type: 'api_error' } }, '/v1/refunds');
    await expect(once.refund(request)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((await once.refund(request)).refundId).toMatch(/^re_/);
  });
});

describe('Stripe payments: webhooks', () => {
  const sign = (payload: string, secret = WEBHOOK_SECRET, timestamp?: number) =>
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      ...(timestamp === undefined ? {} : { timestamp }),
    });
  const parse = (body: string, signature?: string) =>
    adapter().parseWebhook(Buffer.from(body), signature === undefined ? {} : { 'stripe-signature': signature });

  it('reads a paid session, and the delayed-payment results, as settlements', async () => {
    const { request, session } = await aPaidCheckout();
    const body = checkoutEvent('checkout.session.completed', session, 'evt_test_paid');
    expect(await parse(body, sign(body))).toEqual({
      kind: 'settlement',
      providerEventId: 'evt_test_paid',
      paymentId: session.id,
      appointmentId: request.appointmentId,
      outcome: 'succeeded',
      amount: FEE,
    });
    const succeeded = checkoutEvent('checkout.session.async_payment_succeeded', session);
    expect(await parse(succeeded, sign(succeeded))).toMatchObject({ kind: 'settlement', outcome: 'succeeded' });
    const failed = checkoutEvent('checkout.session.async_payment_failed', { ...session, payment_status: 'unpaid' });
    expect(await parse(failed, sign(failed))).toMatchObject({
      kind: 'settlement',
      outcome: 'failed',
      failureCode: 'async_payment_failed',
      amount: FEE,
    });
  });

  it('ignores a completed session still unpaid, an expired one, other types and other integrations', async () => {
    const checkout = await adapter().createCheckout(aRequest());
    const open = stripe.sessions.get(checkout.paymentId);
    if (!open) throw new Error('the mock lost the session');
    const cases = [
      checkoutEvent('checkout.session.completed', { ...open, status: 'complete' }, 'evt_test_unpaid'),
      checkoutEvent('checkout.session.expired', { ...open, status: 'expired' }, 'evt_test_expired'),
      checkoutEvent('payment_intent.created', open, 'evt_test_other'),
      checkoutEvent(
        'checkout.session.completed',
        { ...open, payment_status: 'paid', metadata: {}, client_reference_id: null },
        'evt_test_foreign',
      ),
    ];
    const parsed = await Promise.all(cases.map((body) => parse(body, sign(body))));
    expect(parsed.map((event) => [event.kind, event.providerEventId])).toEqual([
      ['ignored', 'evt_test_unpaid'],
      ['ignored', 'evt_test_expired'],
      ['ignored', 'evt_test_other'],
      ['ignored', 'evt_test_foreign'],
    ]);
  });

  it('refuses a missing, wrong, tampered or stale signature', async () => {
    const { session } = await aPaidCheckout();
    const body = checkoutEvent('checkout.session.completed', session);
    await expect(parse(body)).rejects.toThrow(new WebhookSignatureError('The Stripe-Signature header is missing.'));
    await expect(parse(body, 'nonsense')).rejects.toThrow('malformed');
    await expect(parse(body, sign(body, 'whsec_someone_else'))).rejects.toThrow('does not match');
    await expect(parse(body.replace('"amount_total":150000', '"amount_total":1'), sign(body))).rejects.toThrow(
      'does not match',
    );
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    await expect(parse(body, sign(body, WEBHOOK_SECRET, tenMinutesAgo))).rejects.toThrow(
      new WebhookSignatureError('The Stripe-Signature is too old.'),
    );
  });

  it('refuses a signed body that is not a Stripe event or names no valid appointment', async () => {
    const { session } = await aPaidCheckout();
    const notJson = 'not json';
    await expect(parse(notJson, sign(notJson))).rejects.toBeInstanceOf(WebhookPayloadError);
    const badId = checkoutEvent('checkout.session.completed', {
      ...session,
      client_reference_id: 'appt-1',
      metadata: {},
    });
    await expect(parse(badId, sign(badId))).rejects.toThrow(
      new WebhookPayloadError('The checkout.session.completed event names no valid appointment.'),
    );
    const noAmount = checkoutEvent('checkout.session.completed', { ...session, amount_total: null } as never);
    await expect(parse(noAmount, sign(noAmount))).rejects.toBeInstanceOf(WebhookPayloadError);
  });
});
