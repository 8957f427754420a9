import { describe, expect, it } from 'vitest';
import { aMedicine } from '../../tests/fixtures/prescriptions.js';
import { escapeHtml, html, htmlText } from './html.js';
import type { PrescriptionDocument } from './prescription-document.js';
import { prescriptionHtml } from './prescription-html.js';
import { formatInstant } from './printed-page.js';

const APPOINTMENT_ID = '0b6a3c1e-2f4d-4e8a-9c1b-7d2e5f6a8b90';

const aDocument = (overrides: Partial<PrescriptionDocument> = {}): PrescriptionDocument => ({
  appointmentId: APPOINTMENT_ID,
  issuedAt: '2026-11-18T09:05:00.000Z',
  timeZone: 'Africa/Maputo',
  practiceName: 'Clínica Polana',
  doctorName: 'Dr. Ana Macuácua',
  licence: { number: 'OMM-1234', issuingBody: 'Ordem dos Médicos de Moçambique' },
  patientName: 'Maria Silva',
  patientDateOfBirth: '1990-05-03',
  medicines: [aMedicine({ notes: 'With food' })],
  notes: 'Finish the course.',
  ...overrides,
});

describe('the printed prescription', () => {
  it('shows the practice, prescriber, patient, issue time on the doctor’s clock, every medicine and the notes', () => {
    const page = prescriptionHtml(aDocument());
    for (const shown of [
      'Clínica Polana',
      'Dr. Ana Macuácua',
      'Licence OMM-1234, Ordem dos Médicos de Moçambique',
      'Maria Silva',
      'Date of birth: 3 May 1990',
      // 09:05 UTC is 11:05 in Maputo.
      'Issued 18 November 2026, 11:05 (Africa/Maputo, UTC+02:00)',
      'Amoxicillin 500 mg capsule',
      'With food',
      '1 capsule',
      'By mouth (oral)',
      'every 8 hours',
      '7 days',
      'Finish the course.',
      `Appointment ${APPOINTMENT_ID} · Issued through Consulta`,
    ]) {
      expect(page).toContain(shown);
    }
  });

  it('escapes every user string, so a medicine named like a script stays text', () => {
    const hostile = '<script>alert(1)</script>';
    const page = prescriptionHtml(
      aDocument({
        doctorName: `Dr. "Quote" & <b>Bold</b>`,
        patientName: `<img src=x onerror=alert(1)>`,
        medicines: [
          {
            medicine: hostile,
            dose: '</td><td>',
            route: 'oral',
            frequency: "it's",
            duration: '7 days',
            notes: '<iframe>',
          },
        ],
        notes: '</p><script>x()</script>',
      }),
    );
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Dr. &quot;Quote&quot; &amp; &lt;b&gt;Bold&lt;/b&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;/td&gt;&lt;td&gt;');
    expect(page).toContain('it&#39;s');
    expect(page).not.toMatch(/<script|<img|<iframe|<b>/i);
  });

  it('writes a dash for what the read models no longer hold', () => {
    const page = prescriptionHtml(
      aDocument({ practiceName: null, doctorName: null, licence: null, patientName: null, patientDateOfBirth: null }),
    );
    expect(page).toContain('Licence —');
    expect(page).toContain('Date of birth: —');
    expect(page).not.toContain('null');
  });

  it('reads the issue time on the doctor’s clock across daylight saving', () => {
    expect(formatInstant('Europe/Lisbon', '2026-07-01T09:00:00.000Z')).toBe(
      '1 July 2026, 10:00 (Europe/Lisbon, UTC+01:00)',
    );
    expect(formatInstant('Europe/Lisbon', '2026-12-01T09:00:00.000Z')).toBe(
      '1 December 2026, 09:00 (Europe/Lisbon, UTC+00:00)',
    );
    expect(formatInstant('America/Sao_Paulo', '2026-12-01T02:00:00.000Z')).toBe(
      '30 November 2026, 23:00 (America/Sao_Paulo, UTC-03:00)',
    );
  });
});

describe('html', () => {
  it('escapes interpolated text but keeps nested html, lists and absent values as they are', () => {
    const items = ['a<b', 'c&d'].map((item) => html`<li>${item}</li>`);
    // The exact markup is what is asserted: no reformatting.
    // prettier-ignore
    const list = html`<ul>${items}</ul>`;
    expect(htmlText(list)).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(htmlText(html`${list}${null}${undefined}${false}${3}`)).toBe(htmlText(list) + '3');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
