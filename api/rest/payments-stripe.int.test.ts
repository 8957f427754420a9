/**
 * The whole platform with the Stripe payments adapter in the worker and the API, against a local
 * stand-in of Stripe's HTTP API: booking opens a Checkout Session, Stripe's signed
 * checkout.session.completed confirms the appointment through the webhook route, and a payment
 * taken just as the patient cancels is refunded through Stripe. Not verified against Stripe itself.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripePayments } from '../../activities/adapters/stripe-payments.js';
import { appointmentStreamId } from '../../domain/index.js';
import { checkoutEvent, startStripeMock, type StripeMock } from '../../tests/fixtures/stripe-mock.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

const WEBHOOK_SECRET = 'whsec_test_platform';
let stripe: StripeMock;
let platform: TestPlatform;
let doctor: BookableDoctor;

beforeAll(async () => {
  stripe = await startStripeMock();
  const payments = createStripePayments({
    secretKey: 'sk_test_platform',
    webhookSecret: WEBHOOK_SECRET,
    publicWebUrl: 'https://consulta.example',
    apiBaseUrl: stripe.baseUrl,
  });
  // Two hours to pay: within Stripe's 30 min–24 h, so the session closes at the booking's deadline.
  platform = await startTestPlatform({ payments, timings: { paymentTimeoutMs: 2 * 3_600_000 } });
  doctor = await givenBookableDoctor(platform.app, { slotsNeeded: 6 });
});
afterAll(async () => {
  await platform?.close();
  await stripe?.close();
});

interface Booked {
  readonly id: string;
  readonly checkoutUrl: string;
  readonly paymentDueAt: string;
  readonly fee: { amountMinor: number; currency: string };
}

async function book(patient: TestActor): Promise<Booked & { sessionId: string }> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: doctor.nextRequest(patient.accountId),
    headers: patient.headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  const booked = response.json<Booked>();
  const sessionId = /\/c\/pay\/(cs_test_[0-9a-f]+)$/.exec(booked.checkoutUrl)?.[1];
  if (!sessionId) throw new Error(`not a Stripe checkout URL: ${booked.checkoutUrl}`);
  return { ...booked, sessionId };
}

const deliver = (body: string) =>
  platform.app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }),
    },
    payload: body,
  });

const statusOf = async (patient: TestActor, id: string) =>
  (await platform.app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: patient.headers })).json<{
    status?: string;
  }>().status;

const eventTypes = async (id: string) =>
  (await platform.eventStore.readStream(appointmentStreamId(id))).map((event) => event.type);

describe('booking paid through Stripe Checkout', () => {
  it("opens a Checkout Session and confirms the appointment on Stripe's signed webhook", async () => {
    const email = `${randomUUID()}@example.test`;
    const patient = await givenAccount(platform.db.pool, ['patient'], { email });
    const booked = await book(patient);

    const created = stripe.requests.find(
      (r) => r.path === '/v1/checkout/sessions' && r.form.client_reference_id === booked.id,
    );
    expect(created?.form).toMatchObject({
      'line_items[0][price_data][unit_amount]': String(booked.fee.amountMinor),
      'line_items[0][price_data][currency]': booked.fee.currency.toLowerCase(),
      'metadata[appointmentId]': booked.id,
      success_url: `https://consulta.example/appointments/${booked.id}`,
      expires_at: String(Math.floor(Date.parse(booked.paymentDueAt) / 1000)),
    });
    expect(created?.headers['idempotency-key']).toBe(`consulta-checkout:${booked.id}`);
    expect(JSON.stringify(stripe.requests)).not.toContain(email);

    const body = checkoutEvent('checkout.session.completed', stripe.pay(booked.sessionId));
    const delivered = await deliver(body);
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toEqual({ received: true, result: 'signalled' });
    await eventually(async () => ((await statusOf(patient, booked.id)) === 'confirmed' ? true : undefined), 20_000);
    expect((await deliver(body)).json()).toEqual({ received: true, result: 'duplicate' });
    expect((await eventTypes(booked.id)).filter((type) => type === 'PaymentReceived')).toHaveLength(1);
  });

  it('expires the Checkout Session when the patient cancels an unpaid booking', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const booked = await book(patient);
    const cancelled = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/cancel`,
      headers: patient.headers,
      payload: { reason: 'patient_request' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await eventually(async () => (stripe.sessions.get(booked.sessionId)?.status === 'expired' ? true : undefined));
    expect(await eventTypes(booked.id)).not.toContain('PaymentReceived');
  });

  it('refunds through Stripe a payment taken just as the patient cancelled, once', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const booked = await book(patient);
    // Paid on Stripe's page; its webhook has not arrived when the patient cancels.
    const session = stripe.pay(booked.sessionId);
    const cancelled = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/cancel`,
      headers: patient.headers,
      payload: { reason: 'patient_request' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    await eventually(async () => ((await eventTypes(booked.id)).includes('RefundIssued') ? true : undefined), 20_000);
    const refunds = [...stripe.refunds.values()].filter((r) => r.payment_intent === session.payment_intent);
    expect(refunds).toEqual([{ payment_intent: session.payment_intent, amount: booked.fee.amountMinor }]);
    const refundRequest = stripe.requests.find(
      (r) => r.path === '/v1/refunds' && r.form.payment_intent === session.payment_intent,
    );
    expect(refundRequest?.headers['idempotency-key']).toBe(`consulta-refund:${booked.id}:refund:1`);

    // Stripe's webhook arrives late: recorded once, never a second payment or refund.
    const late = await deliver(checkoutEvent('checkout.session.completed', session));
    expect(['signalled', 'accounted_for']).toContain(late.json<{ result: string }>().result);
    await eventually(async () => ((await statusOf(patient, booked.id)) === 'refunded' ? true : undefined), 20_000);
    expect((await eventTypes(booked.id)).filter((type) => type === 'PaymentReceived')).toHaveLength(1);
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
  });
});
