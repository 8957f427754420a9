/**
 * POST /api/v1/payments/webhooks/:provider: where a payment provider tells Consulta a payment's
 * result (the local test checkout uses the same route). The signature is checked over the exact
 * bytes received, so this plugin takes the body raw; nothing is written for a bad signature.
 * Providers deliver at least once: the event id is recorded (payment_webhook_events) in the same
 * transaction that signals the appointment workflow, so a second delivery does nothing, and a
 * failed signal rolls the record back and answers 500 for the provider to retry.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  WebhookPayloadError,
  WebhookSignatureError,
  type PaymentSettlementEvent,
} from '../../activities/ports/payments.js';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  DomainError,
  notFound,
  type PaymentOutcome,
} from '../../domain/index.js';
import { paymentSettledSignal } from '../../workflows/appointment.messages.js';
import { inTransaction } from '../auth/transaction.js';
import type { ApiDeps } from '../deps.js';
import { paymentsOf } from '../effect-ports.js';
import { errorBody } from '../errors.js';

export const webhookPath = (provider: string) => `/api/v1/payments/webhooks/${provider}`;

const webhookAnswer = z.object({
  received: z.literal(true),
  /**
   * signalled: the workflow has it; duplicate: seen before; accounted_for: no running workflow, and
   * its history already has this payment (or it is a failure, owing nothing); unmatched: no running
   * workflow and money its history does not show (finance refunds it); ignored: a type we do not act on.
   */
  result: z.enum(['signalled', 'duplicate', 'accounted_for', 'unmatched', 'ignored']),
});
type WebhookResult = z.infer<typeof webhookAnswer>['result'];

export const paymentWebhookRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const payments = paymentsOf(deps);
    const now = deps.now ?? (() => new Date());
    // Scoped to this plugin: every content type arrives as the exact bytes the provider signed.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(
      '/api/v1/payments/webhooks/:provider',
      {
        // Providers send no session; a stray cookie must neither authenticate nor refuse the call.
        // A provider calls from a handful of addresses, in bursts: the global per-address limit would
        // turn a busy minute into 429s and delayed confirmations. Bad signatures cost one HMAC each.
        config: { publicAuth: true, rateLimit: { max: 20_000, timeWindow: '1 minute' } },
        schema: {
          summary: 'A payment provider reports a payment result (signed webhook)',
          tags: ['payments'],
          params: z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/) }),
          response: { 200: webhookAnswer, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        if (request.params.provider !== payments.provider) {
          throw notFound('PAYMENT_PROVIDER_UNKNOWN', 'Payments are not taken through this provider.');
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const event = await parsed(() => payments.parseWebhook(raw, request.headers));
        if (event.kind === 'ignored') return { received: true as const, result: 'ignored' as const };
        const result = await recordAndSignal(deps, payments.provider, event, now(), request.log);
        return { received: true as const, result };
      },
    );
  };

async function parsed<T>(parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      throw new DomainError(
        'validation',
        'WEBHOOK_SIGNATURE_INVALID',
        'The webhook signature is missing, wrong or too old.',
      );
    }
    if (error instanceof WebhookPayloadError)
      throw new DomainError('validation', 'WEBHOOK_PAYLOAD_INVALID', error.message);
    throw error;
  }
}

async function recordAndSignal(
  deps: ApiDeps,
  provider: string,
  event: PaymentSettlementEvent,
  at: Date,
  log: FastifyBaseLogger,
): Promise<Exclude<WebhookResult, 'ignored'>> {
  return inTransaction(deps.pool, async (client) => {
    // A concurrent delivery of the same event waits here for this transaction, then finds the row.
    const inserted = await client.query(
      `INSERT INTO payment_webhook_events (provider, provider_event_id, payment_id, appointment_id, outcome,
         amount_minor, currency, status, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'signalled', $8) ON CONFLICT DO NOTHING`,
      [
        provider,
        event.providerEventId,
        event.paymentId,
        event.appointmentId,
        event.outcome,
        event.amount.amountMinor,
        event.amount.currency,
        at,
      ],
    );
    if (inserted.rowCount === 0) return 'duplicate';
    const outcome: PaymentOutcome = {
      paymentId: event.paymentId,
      providerEventId: event.providerEventId,
      outcome: event.outcome,
      amount: event.amount,
      ...(event.failureCode ? { failureCode: event.failureCode } : {}),
    };
    try {
      await deps.temporal.client.workflow
        .getHandle(appointmentWorkflowId(event.appointmentId))
        .signal(paymentSettledSignal, outcome);
      return 'signalled';
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // Finished or unknown appointment. Its history may already have this payment (recorded, and
      // refunded, by the workflow when closing the checkout found it paid); otherwise the money is
      // kept for a person to give back.
      const status = (await accountedFor(deps, event)) ? 'accounted_for' : 'unmatched';
      await client.query(
        `UPDATE payment_webhook_events SET status = $3 WHERE provider = $1 AND provider_event_id = $2`,
        [provider, event.providerEventId, status],
      );
      if (status === 'accounted_for') return status;
      log.warn(
        {
          provider,
          providerEventId: event.providerEventId,
          appointmentId: event.appointmentId,
          outcome: event.outcome,
        },
        'payment webhook for an appointment without a running workflow',
      );
      return 'unmatched';
    }
  });
}

/** A failure owes nothing; a success is accounted for when the appointment's history received that payment. */
async function accountedFor(deps: ApiDeps, event: PaymentSettlementEvent): Promise<boolean> {
  if (event.outcome === 'failed') return true;
  const history = await deps.eventStore.readStream(appointmentStreamId(event.appointmentId));
  return history.some(
    (recorded) =>
      recorded.type === 'PaymentReceived' &&
      (recorded.data as { paymentId?: unknown } | null)?.paymentId === event.paymentId,
  );
}
