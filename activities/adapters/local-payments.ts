/**
 * TEST / DEVELOPMENT payments adapter: no real money moves, nothing leaves the machine. It plays
 * the provider's part with two PostgreSQL tables (local_payments, local_refunds; migration 009)
 * and a test checkout page served by the API outside production (api/rest/dev-checkout.ts), whose
 * Approve and Decline buttons report the result through the same signed webhook route a real
 * provider calls (POST /api/v1/payments/webhooks/local). Never configure it in production.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { Money } from '../../domain/shared/money.js';
import { withTransaction } from '../db-transaction.js';
import {
  PaymentRefusedError,
  WebhookPayloadError,
  type Checkout,
  type PaymentCancellation,
  type PaymentsPort,
  type WebhookEvent,
} from '../ports/payments.js';
import { signWebhook, verifyWebhookSignature } from './local-webhook-signature.js';

export const LOCAL_PROVIDER = 'local';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export type LocalPaymentStatus = 'requested' | 'paid' | 'declined' | 'cancelled';

export interface LocalPayment {
  readonly id: string;
  readonly appointmentId: string;
  readonly amount: Money;
  readonly description: string;
  readonly status: LocalPaymentStatus;
  readonly refundedMinor: number;
  readonly settlementEventId: string | null;
  readonly settlementAcked: boolean;
}

export interface LocalPaymentsDeps {
  readonly pool: pg.Pool;
  /** deriveKey(masterKey, 'local-payment-webhook'): signs and verifies the local webhooks. */
  readonly webhookSecret: Buffer;
  /** Where the API is reached from a browser; checkout links point at its /dev/checkout page. */
  readonly checkoutBaseUrl: string;
  readonly now?: () => Date;
  readonly toleranceSeconds?: number;
}

/** The body of a local webhook event, as a provider would document it. */
const localEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  created: z.number().int(),
  data: z.unknown(),
});
const settlementData = z.object({
  paymentId: z.string().min(1).max(200),
  appointmentId: z.uuid(),
  amount: z.object({ amountMinor: z.number().int().min(0), currency: z.string().length(3) }),
  failureCode: z.string().min(1).max(80).optional(),
});
const OUTCOME_BY_TYPE: Record<string, 'succeeded' | 'failed'> = {
  'payment.succeeded': 'succeeded',
  'payment.failed': 'failed',
};

const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

export function createLocalPayments(deps: LocalPaymentsDeps): PaymentsPort {
  const now = deps.now ?? (() => new Date());
  const checkoutUrl = (paymentId: string) => `${deps.checkoutBaseUrl.replace(/\/$/, '')}/dev/checkout/${paymentId}`;
  const toCheckout = (payment: LocalPayment): Checkout => ({
    paymentId: payment.id,
    provider: LOCAL_PROVIDER,
    checkoutUrl: checkoutUrl(payment.id),
  });

  return {
    provider: LOCAL_PROVIDER,

    async createCheckout(request) {
      if (request.amount.amountMinor <= 0) {
        throw new PaymentRefusedError('INVALID_AMOUNT', 'A checkout needs an amount above zero.');
      }
      const at = now();
      await deps.pool.query(
        `INSERT INTO local_payments (id, idempotency_key, appointment_id, amount_minor, currency, description,
           status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
        [
          newId('lpay'),
          request.idempotencyKey,
          request.appointmentId,
          request.amount.amountMinor,
          request.amount.currency,
          request.description,
          at,
        ],
      );
      const payment = await findByKey(deps.pool, request.idempotencyKey);
      if (!payment) throw new Error('The local checkout vanished right after it was written.');
      const same =
        payment.appointmentId === request.appointmentId &&
        payment.amount.amountMinor === request.amount.amountMinor &&
        payment.amount.currency === request.amount.currency;
      if (!same) {
        throw new PaymentRefusedError(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key already opened a checkout for another appointment or amount.',
        );
      }
      return toCheckout(payment);
    },

    async cancel(paymentId): Promise<PaymentCancellation> {
      // The UPDATE waits for an approval holding the row (settleLocalPayment locks it) and then
      // matches nothing, so the read below sees that payment as paid: never closed and paid both.
      const closed = await deps.pool.query(
        `UPDATE local_payments SET status = 'cancelled', updated_at = $2
          WHERE id = $1 AND status IN ('requested', 'declined')`,
        [paymentId, now()],
      );
      if (closed.rowCount) return { outcome: 'cancelled' };
      const payment = await findPayment(deps.pool, paymentId);
      if (payment?.status !== 'paid') return { outcome: 'cancelled' };
      return {
        outcome: 'captured',
        amount: payment.amount,
        ...(payment.settlementEventId ? { providerEventId: payment.settlementEventId } : {}),
      };
    },

    async refund(request) {
      try {
        return await refundOnce(deps.pool, request, now());
      } catch (error) {
        // Two refunds with one key on two payments raced past each other's row lock: the loser
        // finds the winner's row on its second try and answers as for any reused key.
        if ((error as { code?: string }).code !== '23505') throw error;
        return refundOnce(deps.pool, request, now());
      }
    },

    async parseWebhook(rawBody, headers): Promise<WebhookEvent> {
      verifyWebhookSignature(deps.webhookSecret, rawBody, headers, {
        now: now(),
        ...(deps.toleranceSeconds === undefined ? {} : { toleranceSeconds: deps.toleranceSeconds }),
      });
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new WebhookPayloadError('The webhook body is not JSON.');
      }
      const event = localEvent.safeParse(json);
      if (!event.success) throw new WebhookPayloadError('The webhook body is not a payment event.');
      const outcome = OUTCOME_BY_TYPE[event.data.type];
      if (!outcome) return { kind: 'ignored', providerEventId: event.data.id, eventType: event.data.type };
      const data = settlementData.safeParse(event.data.data);
      if (!data.success) throw new WebhookPayloadError(`The ${event.data.type} event lacks its payment data.`);
      return {
        kind: 'settlement',
        providerEventId: event.data.id,
        paymentId: data.data.paymentId,
        appointmentId: data.data.appointmentId,
        outcome,
        amount: data.data.amount,
        ...(data.data.failureCode ? { failureCode: data.data.failureCode } : {}),
      };
    },
  };
}

async function refundOnce(
  pool: pg.Pool,
  request: { paymentId: string; amount: Money; idempotencyKey: string },
  at: Date,
): Promise<{ refundId: string }> {
  return withTransaction(pool, async (client) => {
    // The payment's row lock serialises refunds of one payment, so the cap below cannot be raced.
    const payment = await findPayment(client, request.paymentId, { lock: true });
    if (!payment) throw new PaymentRefusedError('PAYMENT_NOT_FOUND', 'There is no such payment.');
    const { rows } = await client.query<{ id: string; payment_id: string; amount_minor: string; currency: string }>(
      'SELECT id, payment_id, amount_minor, currency FROM local_refunds WHERE idempotency_key = $1',
      [request.idempotencyKey],
    );
    const earlier = rows[0];
    if (earlier) {
      const same =
        earlier.payment_id === request.paymentId &&
        Number(earlier.amount_minor) === request.amount.amountMinor &&
        earlier.currency === request.amount.currency;
      if (!same) {
        throw new PaymentRefusedError(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key already refunded another payment or amount.',
        );
      }
      return { refundId: earlier.id };
    }
    if (payment.status !== 'paid')
      throw new PaymentRefusedError('PAYMENT_NOT_PAID', 'Only a paid payment is refunded.');
    if (request.amount.currency !== payment.amount.currency) {
      throw new PaymentRefusedError('CURRENCY_MISMATCH', 'A refund is made in the currency that was paid.');
    }
    if (request.amount.amountMinor <= 0) throw new PaymentRefusedError('INVALID_AMOUNT', 'A refund needs an amount.');
    if (payment.refundedMinor + request.amount.amountMinor > payment.amount.amountMinor) {
      throw new PaymentRefusedError('REFUND_EXCEEDS_PAYMENT', 'Refunds cannot add up to more than was paid.');
    }
    const refundId = newId('lre');
    await client.query(
      `INSERT INTO local_refunds (id, payment_id, idempotency_key, amount_minor, currency, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [refundId, payment.id, request.idempotencyKey, request.amount.amountMinor, request.amount.currency, at],
    );
    await client.query(
      'UPDATE local_payments SET refunded_minor = refunded_minor + $2, updated_at = $3 WHERE id = $1',
      [payment.id, request.amount.amountMinor, at],
    );
    return { refundId };
  });
}

const PAYMENT_COLUMNS = `id, appointment_id, amount_minor, currency, description, status, refunded_minor,
  settlement_event_id, settlement_acked_at`;

function toPayment(row: Record<string, unknown>): LocalPayment {
  return {
    id: String(row.id),
    appointmentId: String(row.appointment_id),
    amount: { amountMinor: Number(row.amount_minor), currency: String(row.currency) },
    description: String(row.description),
    status: row.status as LocalPaymentStatus,
    refundedMinor: Number(row.refunded_minor),
    settlementEventId: row.settlement_event_id === null ? null : String(row.settlement_event_id),
    settlementAcked: row.settlement_acked_at !== null,
  };
}

export async function findPayment(
  db: Queryable,
  paymentId: string,
  options: { lock?: boolean } = {},
): Promise<LocalPayment | undefined> {
  const { rows } = await db.query(
    `SELECT ${PAYMENT_COLUMNS} FROM local_payments WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [paymentId],
  );
  return rows[0] ? toPayment(rows[0] as Record<string, unknown>) : undefined;
}

async function findByKey(db: Queryable, key: string): Promise<LocalPayment | undefined> {
  const { rows } = await db.query(`SELECT ${PAYMENT_COLUMNS} FROM local_payments WHERE idempotency_key = $1`, [key]);
  return rows[0] ? toPayment(rows[0] as Record<string, unknown>) : undefined;
}

/** A signed webhook delivery, ready to POST to /api/v1/payments/webhooks/local. */
export interface LocalWebhookDelivery {
  readonly eventId: string;
  readonly body: string;
  readonly signature: string;
}

export type LocalSettlement =
  | { readonly kind: 'deliver'; readonly payment: LocalPayment; readonly delivery: LocalWebhookDelivery }
  | { readonly kind: 'closed'; readonly payment: LocalPayment }
  | { readonly kind: 'not_found' };

/**
 * What the test checkout's buttons do: the "provider" records the result first (an approved
 * payment is paid, whatever happens next), then tells Consulta by webhook. A payment already
 * approved whose webhook was never acknowledged is delivered again under the same event id, as a
 * provider retries; a cancelled (expired) checkout or a paid and acknowledged one cannot change.
 */
export async function settleLocalPayment(
  deps: Pick<LocalPaymentsDeps, 'pool' | 'webhookSecret'> & { readonly now: Date },
  paymentId: string,
  outcome: 'succeeded' | 'failed',
): Promise<LocalSettlement> {
  return withTransaction(deps.pool, async (client) => {
    const payment = await findPayment(client, paymentId, { lock: true });
    if (!payment) return { kind: 'not_found' } as const;
    const open = payment.status === 'requested' || payment.status === 'declined';
    if (outcome === 'succeeded' && payment.status === 'paid' && !payment.settlementAcked && payment.settlementEventId) {
      return {
        kind: 'deliver',
        payment,
        delivery: delivery(deps, payment, outcome, payment.settlementEventId),
      } as const;
    }
    if (!open) return { kind: 'closed', payment } as const;
    const eventId = newId('evt_local');
    const status: LocalPaymentStatus = outcome === 'succeeded' ? 'paid' : 'declined';
    await client.query(
      `UPDATE local_payments SET status = $2, updated_at = $3,
         settlement_event_id = CASE WHEN $2 = 'paid' THEN $4 ELSE settlement_event_id END
       WHERE id = $1`,
      [paymentId, status, deps.now, eventId],
    );
    const updated = { ...payment, status, ...(status === 'paid' ? { settlementEventId: eventId } : {}) };
    return { kind: 'deliver', payment: updated, delivery: delivery(deps, updated, outcome, eventId) } as const;
  });
}

/** Consulta answered 200 to the approval's webhook: no need to deliver it again. */
export async function acknowledgeLocalSettlement(db: Queryable, paymentId: string, eventId: string, at: Date) {
  await db.query('UPDATE local_payments SET settlement_acked_at = $3 WHERE id = $1 AND settlement_event_id = $2', [
    paymentId,
    eventId,
    at,
  ]);
}

function delivery(
  deps: { readonly webhookSecret: Buffer; readonly now: Date },
  payment: LocalPayment,
  outcome: 'succeeded' | 'failed',
  eventId: string,
): LocalWebhookDelivery {
  const body = JSON.stringify({
    id: eventId,
    type: outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
    created: Math.floor(deps.now.getTime() / 1000),
    data: {
      paymentId: payment.id,
      appointmentId: payment.appointmentId,
      amount: payment.amount,
      ...(outcome === 'failed' ? { failureCode: 'card_declined' } : {}),
    },
  });
  return { eventId, body, signature: signWebhook(deps.webhookSecret, body, deps.now) };
}
