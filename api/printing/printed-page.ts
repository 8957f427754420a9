/**
 * What every printed document shares: one self-contained A4 page (styles inline, no images, no
 * scripts, a CSP that forbids anything else), the house style, the footer, and how dates read.
 * Every value goes through `html`, which escapes it.
 */
import { wallClock } from '../doctors/public-doctor.js';
import { html, htmlText, type HtmlValue, type SafeHtml } from './html.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-05-03" → "3 May 2026" (a calendar date: no time zone involved). */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const name = month ? MONTHS[month - 1] : undefined;
  return year && name && day ? `${day} ${name} ${year}` : isoDate;
}

/** An instant on the doctor's wall clock: "18 November 2026, 11:05 (Africa/Maputo, UTC+02:00)". */
export function formatInstant(timeZone: string, iso: string): string {
  const { local, utcOffset } = wallClock(timeZone, iso);
  const [date = '', time = ''] = local.split('T');
  return `${formatDate(date)}, ${time} (${timeZone}, UTC${utcOffset})`;
}

export const orDash = (value: string | null) => value ?? '—';

/** Constant markup under the name formatters read as CSS (text in <style> is never entity-decoded). */
export const css = html;

const PAGE_STYLE = css`
  * {
    box-sizing: border-box;
  }
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
  footer {
    margin-top: 24pt;
    padding-top: 6pt;
    border-top: 1px solid #d4d4d4;
    font-size: 8.5pt;
    color: #555;
  }
`;

/** The whole page: `style` adds to the house style; the footer names the appointment. */
export function printedPage(page: {
  readonly title: HtmlValue;
  readonly style: SafeHtml;
  readonly body: SafeHtml;
  readonly appointmentId: string;
}): string {
  return htmlText(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
          <title>${page.title}</title>
          <style>
            ${PAGE_STYLE} ${page.style}
          </style>
        </head>
        <body>
          ${page.body}
          <footer>Appointment ${page.appointmentId} · Issued through Consulta</footer>
        </body>
      </html>`,
  );
}
