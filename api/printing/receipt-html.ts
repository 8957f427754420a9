/**
 * The printed payment receipt: one self-contained A4 page like the prescription (styles inline, no
 * images, no scripts). Every value goes through `html`, which escapes it; amounts are integer minor
 * units, shown with the currency's own number of decimals (none for JPY).
 */
import type { RefundReason } from '../../domain/index.js';
import { formatMoney, methodLabel } from '../../activities/notifications/format.js';
import { html } from './html.js';
import { css, formatInstant, orDash, printedPage } from './printed-page.js';
import type { ReceiptDocument } from './receipt-document.js';

const REFUND_REASONS: Record<RefundReason, string> = {
  cancellation: 'Cancellation',
  doctor_no_show: 'The doctor did not attend',
  late_payment: 'Payment arrived after the booking ended',
};

const STYLE = css`
  p {
    margin: 0 0 2pt;
  }
  .amount {
    text-align: right;
    white-space: nowrap;
  }
  .net td {
    font-weight: bold;
    border-bottom: 2px solid #1a1a1a;
  }
`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function receiptHtml(document: ReceiptDocument): string {
  const { licence, timeZone } = document;
  const when = (iso: string) => formatInstant(timeZone, iso);
  const body = html`
    <header>
      <p class="practice">${orDash(document.practiceName)}</p>
      <h1>Receipt</h1>
      <p>Receipt number ${document.receiptNumber}</p>
      <p>Issued ${when(document.issuedAt)}</p>
    </header>
    <section class="parties">
      <div>
        <h2>Doctor</h2>
        <p>${orDash(document.doctorName)}</p>
        <p>Licence ${licence ? [licence.number, ', ', licence.issuingBody] : '—'}</p>
      </div>
      <div>
        <h2>Patient</h2>
        <p>${orDash(document.patientName)}</p>
      </div>
    </section>
    <h2>Service</h2>
    <p>${document.serviceName} · ${capitalised(methodLabel(document.method))}</p>
    <p>Appointment ${when(document.startsAt)}</p>
    <table>
      <thead>
        <tr>
          <th>Date</th>
          <th>Description</th>
          <th class="amount">Amount</th>
        </tr>
      </thead>
      <tbody>
        ${document.payments.map(
          (payment) =>
            html`<tr>
              <td>${when(payment.paidAt)}</td>
              <td>Payment received · reference ${payment.reference}</td>
              <td class="amount">${formatMoney(payment.amount)}</td>
            </tr>`,
        )}
        ${document.refunds.map(
          (refund) =>
            html`<tr>
              <td>${when(refund.refundedAt)}</td>
              <td>Refund${refund.reason ? [' · ', REFUND_REASONS[refund.reason]] : null}</td>
              <td class="amount">−${formatMoney(refund.amount)}</td>
            </tr>`,
        )}
        <tr class="net">
          <td></td>
          <td>Net paid</td>
          <td class="amount">${formatMoney(document.net)}</td>
        </tr>
      </tbody>
    </table>
  `;
  return printedPage({
    title: ['Receipt ', document.receiptNumber],
    style: STYLE,
    body,
    appointmentId: document.appointmentId,
  });
}
