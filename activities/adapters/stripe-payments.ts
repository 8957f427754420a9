/**
 * Payments through Stripe Checkout (the production adapter), with the official SDK. A payment is
 * a Checkout Session: its id is the port's paymentId, the appointment id travels as its metadata
 * and client_reference_id (nothing personal: Stripe's page asks the patient for what it needs),
 * refunds go to the session's PaymentIntent, and webhooks are read by stripe-webhook.ts.
 *
 * Idempotency: every POST carries a key derived from the port's, so a retried activity (or the
 * SDK's own network retry) gets the same session or refund back. Errors Stripe calls final (400,
 * 404) become PaymentRefusedError where the port has a code for them; 409, 429, 5xx and network
 * errors throw as they are, for the activity to retry.
 */
import Stripe from 'stripe';
import {
  PaymentRefusedError,
  type CheckoutRequest,
  type PaymentCancellation,
  type PaymentRefusalCode,
  type PaymentsPort,
} from '../ports/payments.js';
import { fromStripeAmount, toStripeAmount } from './stripe-money.js';
import { parseStripeWebhook } from './stripe-webhook.js';

export const STRIPE_PROVIDER = 'stripe';

export interface StripePaymentsConfig {
  /** STRIPE_SECRET_KEY (sk_… or a restricted rk_… key with Checkout Sessions and Refunds write). */
  readonly secretKey: string;
  /** STRIPE_WEBHOOK_SECRET: the signing secret (whsec_…) of the endpoint /api/v1/payments/webhooks/stripe. */
  readonly webhookSecret: string;
  /** The web app: Checkout sends the patient back to the appointment's page there. */
  readonly publicWebUrl: string;
  /** STRIPE_API_BASE_URL: tests point the SDK at a local stand-in of Stripe's API. */
  readonly apiBaseUrl?: string;
  readonly maxNetworkRetries?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

// Stripe accepts a session's expires_at from 30 min to 24 h after its creation; the margins
// leave room for the request's own travel.
const MIN_OPEN_SECONDS = 30 * 60 + 120;
const MAX_OPEN_SECONDS = 24 * 60 * 60 - 120;

export function createStripePayments(config: StripePaymentsConfig): PaymentsPort {
  const stripe = new Stripe(config.secretKey, {
    // Two quick retries inside one activity attempt (30 s start-to-close), then Temporal's.
    maxNetworkRetries: config.maxNetworkRetries ?? 2,
    timeout: config.timeoutMs ?? 8_000,
    ...apiLocation(config.apiBaseUrl),
  });
  const now = config.now ?? (() => new Date());
  const webUrl = config.publicWebUrl.replace(/\/+$/, '');

  const sessionParams = (request: CheckoutRequest, expiresAt: number | undefined) => {
    const { amount, currency } = toStripeAmount(request.amount);
    const page = `${webUrl}/appointments/${encodeURIComponent(request.appointmentId)}`;
    const reference = { appointmentId: request.appointmentId };
    return {
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: request.description } } },
      ],
      success_url: page,
      cancel_url: page,
      client_reference_id: request.appointmentId,
      metadata: reference,
      payment_intent_data: { metadata: reference },
      // The patient pays the appointment's own currency and amount, so a refund of it is exact.
      adaptive_pricing: { enabled: false },
      ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
    } satisfies Stripe.Checkout.SessionCreateParams;
  };

  const createSession = async (request: CheckoutRequest, expiresAt: number | undefined) =>
    stripe.checkout.sessions.create(sessionParams(request, expiresAt), {
      idempotencyKey: `consulta-checkout:${request.idempotencyKey}`,
    });

  return {
    provider: STRIPE_PROVIDER,

    async createCheckout(request) {
      const expiresAt = checkoutExpiry(request.paymentDueAt, now());
      let session: Stripe.Checkout.Session;
      try {
        session = await createSession(request, expiresAt);
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeIdempotencyError) || request.paymentDueAt === undefined) {
          throw refusalOf(error, 'checkout') ?? error;
        }
        // An earlier attempt with this key made the other choice (the deadline crossed a bound in
        // between). Both choices are fixed by the request, so asking with the other one finds it.
        const other = expiresAt === undefined ? Math.floor(Date.parse(request.paymentDueAt) / 1000) : undefined;
        session = await createSession(request, other).catch((again: unknown) => {
          throw refusalOf(again, 'checkout') ?? again;
        });
      }
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
      return { paymentId: session.id, provider: STRIPE_PROVIDER, checkoutUrl: session.url };
    },

    async cancel(paymentId): Promise<PaymentCancellation> {
      try {
        await stripe.checkout.sessions.expire(paymentId);
        return { outcome: 'cancelled' };
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        // No such session: nothing was ever taken through it.
        if (error.statusCode === 404) return { outcome: 'cancelled' };
      }
      // Stripe expires only an open session: this one is expired already, or complete.
      const session = await stripe.checkout.sessions.retrieve(paymentId);
      if (session.status === 'open') throw new Error(`Stripe would not expire open checkout session ${paymentId}.`);
      // Complete but `unpaid` is a delayed method still settling: nothing is taken yet. Should it
      // succeed later, its webhook reaches the workflow (recorded and refunded) or, once the
      // workflow has ended, is kept as `unmatched` for finance.
      if (session.status !== 'complete' || session.payment_status !== 'paid') return { outcome: 'cancelled' };
      const amount =
        session.amount_total === null || session.currency === null
          ? undefined
          : fromStripeAmount(session.amount_total, session.currency);
      if (!amount) throw new Error(`Stripe checkout session ${paymentId} is paid but shows no amount.`);
      // The completing event's id is not on the session: the workflow records the payment under
      // its own fixed id, and the decider ignores the webhook for a payment already received.
      return { outcome: 'captured', amount };
    },

    async refund(request) {
      const { amount, currency } = toStripeAmount(request.amount);
      const session = await stripe.checkout.sessions.retrieve(request.paymentId).catch((error: unknown) => {
        throw refusalOf(error, 'refund') ?? error;
      });
      const paymentIntent =
        typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
      if (session.payment_status !== 'paid' || !paymentIntent) {
        throw new PaymentRefusedError('PAYMENT_NOT_PAID', 'Only a paid checkout session is refunded.');
      }
      if (session.currency !== currency) {
        throw new PaymentRefusedError('CURRENCY_MISMATCH', 'A refund is made in the currency that was paid.');
      }
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentIntent, amount },
          { idempotencyKey: `consulta-refund:${request.idempotencyKey}` },
        );
        return { refundId: refund.id };
      } catch (error) {
        throw refusalOf(error, 'refund') ?? error;
      }
    },

    async parseWebhook(rawBody, headers) {
      return parseStripeWebhook(stripe, rawBody, headers, {
        webhookSecret: config.webhookSecret,
        receivedAt: now().getTime(),
      });
    },
  };
}

/**
 * The session's expires_at: the booking's payment deadline when Stripe accepts it, else none
 * (Stripe's default, 24 h). Clamping to "now + 30 min" instead would give a retried activity other
 * parameters under the same idempotency key, which Stripe refuses. A deadline under 30 min away
 * (PAYMENT_TIMEOUT defaults to 15 min) is kept by the workflow, which expires the session through
 * cancel() when the booking times out; config refuses PAYMENT_TIMEOUT over 24 h with Stripe.
 */
export function checkoutExpiry(paymentDueAt: string | undefined, now: Date): number | undefined {
  if (paymentDueAt === undefined) return undefined;
  const dueAt = Math.floor(Date.parse(paymentDueAt) / 1000);
  const openFor = dueAt - Math.floor(now.getTime() / 1000);
  return openFor >= MIN_OPEN_SECONDS && openFor <= MAX_OPEN_SECONDS ? dueAt : undefined;
}

const REFUSAL_BY_CODE: Record<string, PaymentRefusalCode> = {
  resource_missing: 'PAYMENT_NOT_FOUND',
  charge_already_refunded: 'REFUND_EXCEEDS_PAYMENT',
  amount_too_large: 'REFUND_EXCEEDS_PAYMENT',
  amount_too_small: 'INVALID_AMOUNT',
  charge_disputed: 'PAYMENT_DISPUTED',
  payment_intent_unexpected_state: 'PAYMENT_NOT_PAID',
};

/**
 * Stripe's final answers as the port's refusals; undefined for what a retry may fix. A checkout
 * is refused only for its amount or a reused key: any other 400 there is a setting to fix (an
 * unsupported currency, a key without the permission), better retried until it is fixed than
 * failing the booking. Stripe's code goes into the message, never its text (it quotes ids back).
 */
function refusalOf(error: unknown, call: 'checkout' | 'refund'): PaymentRefusedError | undefined {
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PaymentRefusedError('IDEMPOTENCY_KEY_REUSED', `This idempotency key already made another ${call}.`);
  }
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return undefined;
  const code = error.code ?? 'invalid_request';
  const message = `Stripe refused the ${call} (${code}).`;
  if (call === 'checkout') {
    const badAmount = code === 'amount_too_small' || code === 'amount_too_large';
    return badAmount ? new PaymentRefusedError('INVALID_AMOUNT', message) : undefined;
  }
  return new PaymentRefusedError(REFUSAL_BY_CODE[code] ?? 'PROVIDER_REFUSED', message);
}

/** STRIPE_API_BASE_URL as the SDK's host, port and protocol. */
function apiLocation(baseUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!baseUrl) return {};
  const url = new URL(baseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}
