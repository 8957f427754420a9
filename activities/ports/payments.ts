/**
 * Taking and giving back money through a payment provider. The shape follows a hosted checkout
 * with webhooks (Stripe Checkout Sessions: the session id is the payment id, the appointment id
 * travels as its metadata, `Stripe-Signature` is an HMAC over `${timestamp}.${body}` checked
 * within a tolerance), so a real provider fits behind it. Adapters: the local test/development
 * adapter (adapters/local-payments.ts) and Stripe Checkout (adapters/stripe-payments.ts).
 *
 * Ids, codes and amounts only cross this port: no names, emails or card details.
 */
import type { Money } from '../../domain/shared/money.js';

export interface CheckoutRequest {
  /** Sent to the provider as its idempotency key (the appointment id): one checkout per key. */
  readonly idempotencyKey: string;
  readonly appointmentId: string;
  readonly amount: Money;
  /** What the patient sees on the checkout page ("Video consultation, 30 min"); no personal data. */
  readonly description: string;
  /** The booking's payment deadline (ISO instant): a provider that can close the checkout then does. */
  readonly paymentDueAt?: string;
}

export interface Checkout {
  readonly paymentId: string;
  /** `local`, `stripe` …; also the `:provider` segment of the webhook route. */
  readonly provider: string;
  /** Where the patient pays: the provider's hosted page. */
  readonly checkoutUrl: string;
}

export interface RefundRequest {
  readonly paymentId: string;
  readonly amount: Money;
  /** Same key, same refund: a retried call never refunds twice. */
  readonly idempotencyKey: string;
}

/** A verified provider event about a payment's result. */
export interface PaymentSettlementEvent {
  readonly kind: 'settlement';
  readonly providerEventId: string;
  readonly paymentId: string;
  readonly appointmentId: string;
  readonly outcome: 'succeeded' | 'failed';
  readonly amount: Money;
  /** The provider's code (card_declined …), never its free-text message. */
  readonly failureCode?: string;
}

/** A verified event of a type Consulta does not act on (answered 200 so the provider stops). */
export interface IgnoredWebhookEvent {
  readonly kind: 'ignored';
  readonly providerEventId: string;
  readonly eventType: string;
}

export type WebhookEvent = PaymentSettlementEvent | IgnoredWebhookEvent;

/**
 * What the provider answers when asked to close a checkout. `cancelled`: nothing was taken and
 * nothing can be any more (closed now, already closed or expired, only ever declined, or unknown).
 * `captured`: the patient paid before it could be closed, so the money is there to record and,
 * the booking being gone, to give back; the provider's event id for that payment when it says.
 */
export type PaymentCancellation =
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'captured'; readonly amount: Money; readonly providerEventId?: string };

export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A webhook whose signature is missing, wrong or too old: nothing in it may be believed. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** A signed event whose content is not what the provider documents. */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}

export type PaymentRefusalCode =
  | 'PAYMENT_NOT_FOUND'
  | 'PAYMENT_NOT_PAID'
  | 'REFUND_EXCEEDS_PAYMENT'
  | 'CURRENCY_MISMATCH'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_AMOUNT'
  /** The payer disputed the payment (a chargeback): the money went back that way, not by a refund. */
  | 'PAYMENT_DISPUTED'
  /** Any other final refusal; the provider's code is in the message, never its free text. */
  | 'PROVIDER_REFUSED';

/** The provider refused for good (retrying the same call cannot succeed). */
export class PaymentRefusedError extends Error {
  constructor(
    readonly code: PaymentRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentRefusedError';
  }
}

export interface PaymentsPort {
  readonly provider: string;
  /** Opens a checkout; the same idempotency key returns the same checkout. */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Closes an unpaid checkout so it can no longer be paid; a paid one stays paid and is answered `captured`. */
  cancel(paymentId: string): Promise<PaymentCancellation>;
  /** Never more than was paid in total; throws PaymentRefusedError when it cannot be done. */
  refund(request: RefundRequest): Promise<{ readonly refundId: string }>;
  /**
   * Verifies the signature over the exact bytes received, then reads the event. Throws
   * WebhookSignatureError (bad, missing or stale signature) or WebhookPayloadError.
   */
  parseWebhook(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookEvent>;
}
