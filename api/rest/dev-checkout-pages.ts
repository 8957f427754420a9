/**
 * The HTML of the local test checkout (api/rest/dev-checkout.ts): small server-rendered pages, no
 * script, every interpolated value escaped. The banner says plainly that no money moves.
 */
import type { LocalPayment } from '../../activities/adapters/local-payments.js';
import { formatMoney } from '../../activities/notifications/format.js';
import { escapeHtml } from '../printing/html.js';

/** No script at all; forms may post only back here. */
export const CHECKOUT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Consulta</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b2430; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 12px; }
  .banner { background: #fff4d6; border: 1px solid #e8c766; padding: .5rem .75rem; border-radius: 8px; font-weight: 600; }
  .amount { font-size: 2rem; font-weight: 700; margin: .5rem 0 1.5rem; }
  form { display: inline-block; margin-right: .5rem; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 8px; border: 1px solid #1b2430; cursor: pointer; }
  .approve { background: #1f6f43; color: #fff; border-color: #1f6f43; }
  .notice { color: #8a3b12; }
</style>
</head>
<body><main>
<p class="banner" role="note">Test checkout — no real money moves</p>
${body}
</main></body>
</html>
`;
}

const backLink = (url: string) => `<p><a href="${escapeHtml(url)}">Return to Consulta</a></p>`;

const button = (paymentId: string, action: 'approve' | 'decline', token: string, label: string) =>
  `<form method="post" action="/dev/checkout/${escapeHtml(paymentId)}/${action}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" class="${action}">${label}</button>
</form>`;

export function checkoutPage(payment: LocalPayment, token: string): string {
  const declined =
    payment.status === 'declined' ? '<p class="notice">The last attempt was declined. You can try again.</p>' : '';
  return page(
    'Test checkout',
    `<h1>Pay for your appointment</h1>
<p>${escapeHtml(payment.description)}</p>
<p class="amount">${escapeHtml(formatMoney(payment.amount))}</p>
${declined}
${button(payment.id, 'approve', token, 'Approve payment')}
${button(payment.id, 'decline', token, 'Decline')}`,
  );
}

export const expiredPage = (returnUrl: string) =>
  page(
    'Payment link expired',
    `<h1>This payment link has expired</h1>
<p>The booking was cancelled or not paid in time, so it can no longer be paid.</p>
${backLink(returnUrl)}`,
  );

export const alreadyPaidPage = (returnUrl: string) =>
  page('Already paid', `<h1>This payment has already been made</h1>${backLink(returnUrl)}`);

export const approvedPage = (returnUrl: string) =>
  page('Payment approved', `<h1>Payment approved, return to Consulta</h1>${backLink(returnUrl)}`);

export const declinedPage = (paymentId: string, returnUrl: string) =>
  page(
    'Payment declined',
    `<h1>Payment declined</h1>
<p>Nothing was charged. <a href="/dev/checkout/${escapeHtml(paymentId)}">Try again</a> before the booking expires.</p>
${backLink(returnUrl)}`,
  );

/** Approved, but the webhook was not acknowledged: the provider's retry is this button. */
export const undeliveredPage = (paymentId: string, token: string) =>
  page(
    'Not delivered yet',
    `<h1>Consulta has not been told yet</h1>
<p>The test provider recorded the approval, but Consulta did not acknowledge it. Send it again:</p>
${button(paymentId, 'approve', token, 'Send again')}`,
  );

export const notFoundPage = () => page('No such payment', '<h1>No such payment</h1>');

export const staleFormPage = (paymentId: string) =>
  page(
    'Form expired',
    `<h1>This form cannot be used</h1>
<p><a href="/dev/checkout/${escapeHtml(paymentId)}">Reload the checkout</a> and try again.</p>`,
  );
