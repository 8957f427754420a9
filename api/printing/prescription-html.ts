/**
 * The printed prescription: one self-contained A4 page (styles inline, no images, no scripts;
 * a CSP that forbids anything else). Every value goes through `html`, which escapes it.
 */
import type { MedicineRoute } from '../../domain/index.js';
import { html } from './html.js';
import { css, formatDate, formatInstant, orDash, printedPage } from './printed-page.js';
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

const STYLE = css`
  .parties p,
  .issued {
    margin: 0 0 2pt;
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
`;

export function prescriptionHtml(document: PrescriptionDocument): string {
  const { licence } = document;
  const body = html`
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
  `;
  return printedPage({
    title: ['Prescription ', document.appointmentId],
    style: STYLE,
    body,
    appointmentId: document.appointmentId,
  });
}
