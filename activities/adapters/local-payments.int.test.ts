/** The local (test/development) payments adapter on a real PostgreSQL: checkouts, refunds, signed webhooks. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import type { PaymentsPort } from '../ports/payments.js';
import { createLocalPayments, findPayment, settleLocalPayment } from './local-payments.js';
import { LOCAL_SIGNATURE_HEADER, signWebhook } from './local-webhook-signature.js';

const FEE = { amountMinor: 150_000, currency: 'MZN' };
const secret = randomBytes(32);
let db: TestDatabase;
let payments: PaymentsPort;

beforeAll(async () => {
  db = await createTestDatabase();
  payments = createLocalPayments({ pool: db.pool, webhookSecret: secret, checkoutBaseUrl: 'http://api.test/' });
});
afterAll(async () => db.close());

async function aCheckout(amount = FEE) {
  const appointmentId = randomUUID();
  const checkout = await payments.createCheckout({
    idempotencyKey: appointmentId,
    appointmentId,
    amount,
    description: 'Consulta video consultation: General consultation',
  });
  return { appointmentId, ...checkout };
}

const settle = (paymentId: string, outcome: 'succeeded' | 'failed') =>
  settleLocalPayment({ pool: db.pool, webhookSecret: secret, now: new Date() }, paymentId, outcome);

async function aPaidPayment(amount = FEE) {
  const checkout = await aCheckout(amount);
  expect((await settle(checkout.paymentId, 'succeeded')).kind).toBe('deliver');
  return checkout;
}

describe('local payments: checkouts', () => {
  it('opens one checkout per idempotency key, pointing at the test checkout page', async () => {
    const first = await aCheckout();
    const again = await payments.createCheckout({
      idempotencyKey: first.appointmentId,
      appointmentId: first.appointmentId,
      amount: FEE,
      description: 'Consulta video consultation: General consultation',
    });
    expect(again).toEqual({ paymentId: first.paymentId, provider: 'local', checkoutUrl: first.checkoutUrl });
    expect(first.checkoutUrl).toBe(`http://api.test/dev/checkout/${first.paymentId}`);
    expect(first.paymentId).toMatch(/^lpay_[0-9a-f]{32}$/);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM local_payments WHERE appointment_id = $1', [
      first.appointmentId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses to reuse a key for another amount', async () => {
    const first = await aCheckout();
    await expect(
      payments.createCheckout({
        idempotencyKey: first.appointmentId,
        appointmentId: first.appointmentId,
        amount: { ...FEE, amountMinor: 1 },
        description: 'x',
      }),
    ).rejects.toThrow('already opened a checkout');
  });

  it('cannot be approved once cancelled; an unpaid, declined, closed or unknown one answers cancelled', async () => {
    const open = await aCheckout();
    expect(await payments.cancel(open.paymentId)).toEqual({ outcome: 'cancelled' });
    const refused = await settle(open.paymentId, 'succeeded');
    expect(refused.kind).toBe('closed');
    expect((await findPayment(db.pool, open.paymentId))?.status).toBe('cancelled');
    expect(await payments.cancel(open.paymentId)).toEqual({ outcome: 'cancelled' });

    const declined = await aCheckout();
    expect((await settle(declined.paymentId, 'failed')).kind).toBe('deliver');
    expect(await payments.cancel(declined.paymentId)).toEqual({ outcome: 'cancelled' });
    expect((await settle(declined.paymentId, 'succeeded')).kind).toBe('closed');

    expect(await payments.cancel(`lpay_${'0'.repeat(32)}`)).toEqual({ outcome: 'cancelled' });
  });

  it('answers a paid one as captured, with the approval event id and amount, and leaves it paid', async () => {
    const checkout = await aCheckout();
    const approved = await settle(checkout.paymentId, 'succeeded');
    if (approved.kind !== 'deliver') throw new Error('expected a delivery');
    const answer = { outcome: 'captured', amount: FEE, providerEventId: approved.delivery.eventId };
    expect(await payments.cancel(checkout.paymentId)).toEqual(answer);
    expect(await payments.cancel(checkout.paymentId)).toEqual(answer);
    expect((await findPayment(db.pool, checkout.paymentId))?.status).toBe('paid');
    // Still the provider's to deliver, under the same event id: Consulta must know it as the same payment.
    const redelivered = await settle(checkout.paymentId, 'succeeded');
    expect(redelivered.kind === 'deliver' && redelivered.delivery.eventId).toBe(approved.delivery.eventId);
  });

  it('never answers cancelled for a payment approved at the same moment', async () => {
    const checkouts = await Promise.all([1, 2, 3, 4, 5, 6].map(() => aCheckout()));
    await Promise.all(
      checkouts.map(async ({ paymentId }) => {
        const [closed, approved] = await Promise.all([payments.cancel(paymentId), settle(paymentId, 'succeeded')]);
        // Exactly one wins: closed and never paid, or paid and answered captured.
        expect(closed.outcome === 'captured').toBe(approved.kind === 'deliver');
        expect((await findPayment(db.pool, paymentId))?.status).toBe(
          approved.kind === 'deliver' ? 'paid' : 'cancelled',
        );
      }),
    );
  });

  it('lets a declined checkout be paid on a second try', async () => {
    const checkout = await aCheckout();
    expect((await settle(checkout.paymentId, 'failed')).kind).toBe('deliver');
    expect((await findPayment(db.pool, checkout.paymentId))?.status).toBe('declined');
    expect((await settle(checkout.paymentId, 'succeeded')).kind).toBe('deliver');
    expect((await findPayment(db.pool, checkout.paymentId))?.status).toBe('paid');
  });

  it('delivers an unacknowledged approval again under the same event id', async () => {
    const checkout = await aCheckout();
    const first = await settle(checkout.paymentId, 'succeeded');
    const second = await settle(checkout.paymentId, 'succeeded');
    if (first.kind !== 'deliver' || second.kind !== 'deliver') throw new Error('expected two deliveries');
    expect(second.delivery.eventId).toBe(first.delivery.eventId);
  });
});

describe('local payments: refunds', () => {
  it('gives the same refund for the same key, never twice', async () => {
    const paid = await aPaidPayment();
    const request = { paymentId: paid.paymentId, amount: { ...FEE, amountMinor: 75_000 }, idempotencyKey: 'k1' };
    const [a, b] = await Promise.all([payments.refund(request), payments.refund(request)]);
    const c = await payments.refund(request);
    expect(b.refundId).toBe(a.refundId);
    expect(c.refundId).toBe(a.refundId);
    expect((await findPayment(db.pool, paid.paymentId))?.refundedMinor).toBe(75_000);
  });

  it('never refunds more than was paid, in total', async () => {
    const paid = await aPaidPayment();
    const part = (key: string, amountMinor: number) =>
      payments.refund({ paymentId: paid.paymentId, amount: { ...FEE, amountMinor }, idempotencyKey: key });
    await part(`${paid.paymentId}:a`, 100_000);
    await expect(part(`${paid.paymentId}:b`, 50_001)).rejects.toThrow('more than was paid');
    await part(`${paid.paymentId}:c`, 50_000);
    await expect(part(`${paid.paymentId}:d`, 1)).rejects.toThrow('more than was paid');
    expect((await findPayment(db.pool, paid.paymentId))?.refundedMinor).toBe(150_000);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM local_refunds WHERE payment_id = $1', [
      paid.paymentId,
    ]);
    expect(rows[0].n).toBe(2);
  });

  it('refuses an unpaid payment, another currency and a reused key', async () => {
    const open = await aCheckout();
    await expect(
      payments.refund({ paymentId: open.paymentId, amount: FEE, idempotencyKey: `${open.paymentId}:x` }),
    ).rejects.toThrow('Only a paid payment');
    const paid = await aPaidPayment();
    await expect(
      payments.refund({
        paymentId: paid.paymentId,
        amount: { amountMinor: 1, currency: 'EUR' },
        idempotencyKey: 'eur',
      }),
    ).rejects.toThrow('currency that was paid');
    await payments.refund({ paymentId: paid.paymentId, amount: { ...FEE, amountMinor: 10 }, idempotencyKey: 'reused' });
    await expect(
      payments.refund({ paymentId: paid.paymentId, amount: { ...FEE, amountMinor: 20 }, idempotencyKey: 'reused' }),
    ).rejects.toThrow('already refunded');
  });
});

describe('local payments: webhooks', () => {
  it('reads a delivery it signed', async () => {
    const checkout = await aCheckout();
    const settled = await settle(checkout.paymentId, 'failed');
    if (settled.kind !== 'deliver') throw new Error('expected a delivery');
    const event = await payments.parseWebhook(Buffer.from(settled.delivery.body), {
      [LOCAL_SIGNATURE_HEADER]: settled.delivery.signature,
    });
    expect(event).toEqual({
      kind: 'settlement',
      providerEventId: settled.delivery.eventId,
      paymentId: checkout.paymentId,
      appointmentId: checkout.appointmentId,
      outcome: 'failed',
      amount: FEE,
      failureCode: 'card_declined',
    });
  });

  it('refuses a missing, wrong, tampered or stale signature', async () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded', created: 1, data: {} });
    const parse = (headers: Record<string, string>, raw = body) => payments.parseWebhook(Buffer.from(raw), headers);
    await expect(parse({})).rejects.toThrow('header is missing');
    await expect(parse({ [LOCAL_SIGNATURE_HEADER]: 'nonsense' })).rejects.toThrow('malformed');
    await expect(parse({ [LOCAL_SIGNATURE_HEADER]: signWebhook(randomBytes(32), body, new Date()) })).rejects.toThrow(
      'does not match',
    );
    await expect(
      parse({ [LOCAL_SIGNATURE_HEADER]: signWebhook(secret, body, new Date()) }, body.replace('evt_1', 'evt_2')),
    ).rejects.toThrow('does not match');
    const stale = new Date(Date.now() - 10 * 60_000);
    await expect(parse({ [LOCAL_SIGNATURE_HEADER]: signWebhook(secret, body, stale) })).rejects.toThrow('too old');
  });

  it('answers an event type it does not handle as ignored', async () => {
    const body = JSON.stringify({ id: 'evt_other', type: 'payout.paid', created: 1, data: { anything: true } });
    const event = await payments.parseWebhook(Buffer.from(body), {
      [LOCAL_SIGNATURE_HEADER]: signWebhook(secret, body, new Date()),
    });
    expect(event).toEqual({ kind: 'ignored', providerEventId: 'evt_other', eventType: 'payout.paid' });
  });
});
