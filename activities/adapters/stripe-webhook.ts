/**
 * Reading a Stripe webhook delivery: the signature is checked over the exact bytes received
 * (stripe.webhooks.constructEvent, Stripe's default five-minute tolerance), then the Checkout
 * Session events that settle a payment are mapped to the port's events.
 *
 * - checkout.session.completed with payment_status `paid`, and
 *   checkout.session.async_payment_succeeded → succeeded. A completed session still `unpaid` is
 *   a delayed method (bank debit …) whose result comes later as one of the async events: ignored.
 * - checkout.session.async_payment_failed → failed (`async_payment_failed`): the patient believed
 *   they had paid, and the decider tells them (PaymentFailed) while the booking waits.
 * - checkout.session.expired → ignored. A session expires because the workflow closed it (the
 *   booking is already over, and the decider ignores a failure then) or at the booking's own
 *   deadline, which the workflow's timer enforces; reporting it as a failure would only send the
 *   patient a "try again" message for a link that no longer works.
 */
import Stripe from 'stripe';
import { z } from 'zod';
import {
  WebhookPayloadError,
  WebhookSignatureError,
  type WebhookEvent,
  type WebhookHeaders,
} from '../ports/payments.js';
import { fromStripeAmount } from './stripe-money.js';

const stripeEvent = z.object({
  id: z.string().min(1).max(200),
  object: z.literal('event'),
  type: z.string().min(1).max(100),
  data: z.object({ object: z.unknown() }),
});

const checkoutSession = z.object({
  object: z.literal('checkout.session'),
  id: z.string().min(1).max(200),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  amount_total: z.number().int().min(0),
  currency: z.string().regex(/^[a-z]{3}$/),
  payment_status: z.string(),
});

const SETTLING: Record<string, (session: z.infer<typeof checkoutSession>) => 'succeeded' | 'failed' | undefined> = {
  'checkout.session.completed': (session) => (session.payment_status === 'paid' ? 'succeeded' : undefined),
  'checkout.session.async_payment_succeeded': () => 'succeeded',
  'checkout.session.async_payment_failed': () => 'failed',
};

export interface StripeWebhookOptions {
  readonly webhookSecret: string;
  /** When the delivery arrived (ms): the signature's age is measured from it. */
  readonly receivedAt: number;
}

export function parseStripeWebhook(
  stripe: Stripe,
  rawBody: Buffer,
  headers: WebhookHeaders,
  options: StripeWebhookOptions,
): WebhookEvent {
  const header = headers['stripe-signature'];
  if (typeof header !== 'string' || header === '') {
    throw new WebhookSignatureError('The Stripe-Signature header is missing.');
  }
  let verified: unknown;
  try {
    verified = stripe.webhooks.constructEvent(
      rawBody,
      header,
      options.webhookSecret,
      undefined,
      undefined,
      options.receivedAt,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new WebhookSignatureError(signatureProblem(error.message));
    }
    // Signed, but not JSON (or not a snapshot event).
    throw new WebhookPayloadError('The webhook body is not a Stripe event.');
  }
  const event = stripeEvent.safeParse(verified);
  if (!event.success) throw new WebhookPayloadError('The webhook body is not a Stripe event.');
  const { id: providerEventId, type } = event.data;
  const ignored = { kind: 'ignored', providerEventId, eventType: type } as const;
  const settles = SETTLING[type];
  if (!settles) return ignored;

  const session = checkoutSession.safeParse(event.data.data.object);
  if (!session.success) throw new WebhookPayloadError(`The ${type} event does not carry a checkout session.`);
  const reference = appointmentOf(session.data);
  // A session of another integration on the same Stripe account: not Consulta's to act on.
  if (reference === undefined) return ignored;
  const appointmentId = z.uuid().safeParse(reference);
  if (!appointmentId.success) throw new WebhookPayloadError(`The ${type} event names no valid appointment.`);
  const outcome = settles(session.data);
  if (!outcome) return ignored;
  const amount = fromStripeAmount(session.data.amount_total, session.data.currency);
  if (!amount) throw new WebhookPayloadError(`The ${type} event's amount is not a whole amount.`);
  return {
    kind: 'settlement',
    providerEventId,
    paymentId: session.data.id,
    appointmentId: appointmentId.data,
    outcome,
    amount,
    ...(outcome === 'failed' ? { failureCode: 'async_payment_failed' } : {}),
  };
}

/** The appointment id Consulta put on the session; null when its metadata and client_reference_id disagree. */
function appointmentOf(session: z.infer<typeof checkoutSession>): string | undefined | null {
  const fromMetadata = session.metadata?.appointmentId;
  const fromReference = session.client_reference_id ?? undefined;
  if (fromMetadata !== undefined && fromReference !== undefined && fromMetadata !== fromReference) return null;
  return fromMetadata ?? fromReference;
}

/** Stripe's messages run to paragraphs with links; keep the reason. */
function signatureProblem(message: string): string {
  if (/tolerance/i.test(message)) return 'The Stripe-Signature is too old.';
  if (/matching the expected signature/i.test(message)) return 'The Stripe-Signature does not match the body.';
  return 'The Stripe-Signature header is malformed.';
}
