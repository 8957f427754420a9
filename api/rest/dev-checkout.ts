/**
 * The local payments adapter's test checkout (development and tests only; never in production):
 * GET /dev/checkout/:paymentId shows the amount with Approve and Decline buttons, plain HTML forms
 * posting to /dev/checkout/:paymentId/approve|decline. A button acts as the provider would: it
 * records the result in local_payments, then reports it through the same signed webhook route a
 * real provider calls (POST /api/v1/payments/webhooks/local, injected in-process), so the whole
 * path (signature, de-duplication, signal) runs for every test payment.
 *
 * No login: the payment id is unguessable and is the capability. Each form carries a token (an
 * HMAC of the payment id), so a page elsewhere cannot post the buttons blind, and browsers'
 * cross-site form posts are refused outright.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeLocalSettlement,
  findPayment,
  LOCAL_PROVIDER,
  settleLocalPayment,
  type LocalPayment,
} from '../../activities/adapters/local-payments.js';
import {
  checkoutFormToken,
  isCheckoutFormToken,
  LOCAL_SIGNATURE_HEADER,
} from '../../activities/adapters/local-webhook-signature.js';
import { deriveKey } from '../auth/keys.js';
import type { ApiDeps } from '../deps.js';
import { DEFAULT_PUBLIC_WEB_URL } from '../effect-ports.js';
import {
  alreadyPaidPage,
  approvedPage,
  CHECKOUT_CSP,
  checkoutPage,
  declinedPage,
  expiredPage,
  notFoundPage,
  staleFormPage,
  undeliveredPage,
} from './dev-checkout-pages.js';
import { webhookPath } from './payments.js';

const params = z.object({ paymentId: z.string().regex(/^lpay_[0-9a-f]{32}$/) });
const form = z.object({ token: z.string().min(1).max(100) });

export const devCheckoutRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const secret = deriveKey(deps.masterKey, 'local-payment-webhook');
    const now = deps.now ?? (() => new Date());
    const returnUrl = (payment: LocalPayment) =>
      `${(deps.publicWebUrl ?? DEFAULT_PUBLIC_WEB_URL).replace(/\/$/, '')}/appointments/${payment.appointmentId}`;
    const tokenOf = (paymentId: string) => checkoutFormToken(secret, paymentId);

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const html = (reply: FastifyReply, status: number, content: string) =>
      reply.code(status).header('content-security-policy', CHECKOUT_CSP).type('text/html; charset=utf-8').send(content);
    const options = { config: { publicAuth: true }, schema: { hide: true, params } } as const;

    app.get('/dev/checkout/:paymentId', options, async (request, reply) => {
      const payment = await findPayment(deps.pool, request.params.paymentId);
      if (!payment) return html(reply, 404, notFoundPage());
      switch (payment.status) {
        case 'requested':
        case 'declined':
          return html(reply, 200, checkoutPage(payment, tokenOf(payment.id)));
        case 'paid':
          return payment.settlementAcked
            ? html(reply, 200, alreadyPaidPage(returnUrl(payment)))
            : html(reply, 200, undeliveredPage(payment.id, tokenOf(payment.id)));
        case 'cancelled':
          return html(reply, 410, expiredPage(returnUrl(payment)));
      }
    });

    for (const action of ['approve', 'decline'] as const) {
      app.post(
        `/dev/checkout/:paymentId/${action}`,
        { ...options, schema: { ...options.schema, body: form } },
        async (request, reply) => {
          const { paymentId } = request.params;
          if (isCrossSite(request) || !isCheckoutFormToken(secret, paymentId, request.body.token)) {
            return html(reply, 403, staleFormPage(paymentId));
          }
          const outcome = action === 'approve' ? 'succeeded' : 'failed';
          const settled = await settleLocalPayment(
            { pool: deps.pool, webhookSecret: secret, now: now() },
            paymentId,
            outcome,
          );
          if (settled.kind === 'not_found') return html(reply, 404, notFoundPage());
          if (settled.kind === 'closed') {
            return settled.payment.status === 'cancelled'
              ? html(reply, 410, expiredPage(returnUrl(settled.payment)))
              : html(reply, 409, alreadyPaidPage(returnUrl(settled.payment)));
          }
          const delivered = await app.inject({
            method: 'POST',
            url: webhookPath(LOCAL_PROVIDER),
            headers: { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: settled.delivery.signature },
            payload: settled.delivery.body,
          });
          if (delivered.statusCode !== 200) {
            request.log.warn({ paymentId, status: delivered.statusCode }, 'local payment webhook not acknowledged');
            return outcome === 'succeeded'
              ? html(reply, 502, undeliveredPage(paymentId, tokenOf(paymentId)))
              : html(reply, 502, declinedPage(paymentId, returnUrl(settled.payment)));
          }
          if (outcome === 'failed') return html(reply, 200, declinedPage(paymentId, returnUrl(settled.payment)));
          await acknowledgeLocalSettlement(deps.pool, paymentId, settled.delivery.eventId, now());
          return html(reply, 200, approvedPage(returnUrl(settled.payment)));
        },
      );
    }
  };

/** Browsers say where a form post comes from; another site's page posting here is refused. */
function isCrossSite(request: FastifyRequest): boolean {
  return request.headers['sec-fetch-site'] === 'cross-site';
}
