/**
 * The printed prescription: one self-contained A4 page (styles inline, no images, no scripts;
 * a CSP that forbids anything else). Every value goes through `html`, which escapes it.
 */
import type { MedicineRoute } from '../../domain/index.js';
import { wallClock } from '../doctors/public-doctor.js';
import { html, htmlText } from './html.js';
import type { PrescriptionDocument } from './prescription-document.js';

/** The same wording as the web app's prescription form (web/src/lib/prescription-form.ts). */
const ROUTE_LABELS: Record<MedicineRoute, string> = {
  oral: 'By mouth (oral)',
  sublingual: 'Under the tongue (sublingual)',
  topical: 'On the skin (topical)',
  inhaled: 'Inhaled',
  nasal: 'In the nose (nasal)',
  ophthalmic: 'In the eye (ophthalmic)',
  otic: 'In the ear (otic)',
  rectal: 'Rectal',
  vaginal: 'Vaginal',
  subcutaneous: 'Under the skin (subcutaneous injection)',
  intramuscular: 'Into a muscle (intramuscular injection)',
  intravenous: 'Into a vein (intravenous)',
  transdermal: 'Skin patch (transdermal)',
};

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

/** Constant markup under the name formatters read as CSS (text in <style> is never entity-decoded). */
const css = html;

const STYLE = css`
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
  .parties p,
  .issued {
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
  tr {
    page-break-inside: avoid;
  }
  .medicine {
    font-weight: bold;
  }
  .medicine-notes {
    color: #444;
    font-style: italic;
    margin-top: 2pt;
  }
  .notes {
    white-space: pre-wrap;
    margin: 0;
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

export function prescriptionHtml(document: PrescriptionDocument): string {
  const { licence } = document;
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <title>Prescription ${document.appointmentId}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <p class="practice">${orDash(document.practiceName)}</p>
          <h1>Prescription</h1>
        </header>
        <section class="parties">
          <div>
            <h2>Prescriber</h2>
            <p>${orDash(document.doctorName)}</p>
            <p>Licence ${licence ? [licence.number, ', ', licence.issuingBody] : '—'}</p>
          </div>
          <div>
            <h2>Patient</h2>
            <p>${orDash(document.patientName)}</p>
            <p>Date of birth: ${document.patientDateOfBirth ? formatDate(document.patientDateOfBirth) : '—'}</p>
          </div>
        </section>
        <p class="issued">Issued ${formatInstant(document.timeZone, document.issuedAt)}</p>
        <table>
          <thead>
            <tr>
              <th>Medicine</th>
              <th>Dose</th>
              <th>Route</th>
              <th>Frequency</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            ${document.medicines.map(
              (medicine) =>
                html`<tr>
                  <td>
                    <div class="medicine">${medicine.medicine}</div>
                    ${medicine.notes ? html`<div class="medicine-notes">${medicine.notes}</div>` : null}
                  </td>
                  <td>${medicine.dose}</td>
                  <td>${ROUTE_LABELS[medicine.route]}</td>
                  <td>${medicine.frequency}</td>
                  <td>${medicine.duration}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          document.notes
            ? html`<h2>Notes</h2>
                <p class="notes">${document.notes}</p>`
            : null
        }
        <footer>Appointment ${document.appointmentId} · Issued through Consulta</footer>
      </body>
    </html>`;
  return htmlText(page);
}
