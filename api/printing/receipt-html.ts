/**
 * The printed payment receipt: one self-contained A4 page like the prescription (styles inline, no
 * images, no scripts). Every value goes through `html`, which escapes it; amounts are integer minor
 * units, shown with the currency's own number of decimals (none for JPY).
 */
import type { RefundReason } from '../../domain/index.js';
import { formatMoney, methodLabel } from '../../activities/notifications/format.js';
import { html, htmlText } from './html.js';
import { formatInstant } from './prescription-html.js';
import type { ReceiptDocument } from './receipt-document.js';

const REFUND_REASONS: Record<RefundReason, string> = {
  cancellation: 'Cancellation',
  doctor_no_show: 'The doctor did not attend',
  late_payment: 'Payment arrived after the booking ended',
};

/** Constant markup under the name formatters read as CSS (text in <style> is never entity-decoded). */
const css = html;

const STYLE = css`
  body {
    font-family: 'Liberation Sans', 'Noto Sans', Arial, sans-serif;
    font-size: 10.5pt;
    color: #1a1a1a;
    margin: 0;
  }
  header {
    border-bottom: 2px solid #0b5d6b;
    padding-bottom: 8pt;
    margin-bottom: 14pt;
  }
  .practice {
    font-size: 14pt;
    font-weight: bold;
    color: #0b5d6b;
    margin: 0;
  }
  h1 {
    font-size: 18pt;
    margin: 4pt 0 0;
  }
  h2 {
    font-size: 9pt;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: #555;
    margin: 0 0 4pt;
  }
  .parties {
    display: flex;
    gap: 24pt;
    margin-bottom: 12pt;
  }
  .parties > div {
    flex: 1;
  }
  p {
    margin: 0 0 2pt;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin: 12pt 0;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 5pt 6pt;
    border-bottom: 1px solid #d4d4d4;
  }
  th {
    font-size: 8.5pt;
    text-transform: uppercase;
    color: #555;
    background: #f1f5f6;
  }
  .amount {
    text-align: right;
    white-space: nowrap;
  }
  .net td {
    font-weight: bold;
    border-bottom: 2px solid #1a1a1a;
  }
  footer {
    margin-top: 24pt;
    padding-top: 6pt;
    border-top: 1px solid #d4d4d4;
    font-size: 8.5pt;
    color: #555;
  }
`;

const orDash = (value: string | null) => value ?? '—';
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function receiptHtml(document: ReceiptDocument): string {
  const { licence, timeZone } = document;
  const when = (iso: string) => formatInstant(timeZone, iso);
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <title>Receipt ${document.receiptNumber}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
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
        <footer>Appointment ${document.appointmentId} · Issued through Consulta</footer>
      </body>
    </html>`;
  return htmlText(page);
}
