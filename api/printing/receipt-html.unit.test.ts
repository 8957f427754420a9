import { describe, expect, it } from 'vitest';
import { receiptNumberOf, type ReceiptDocument } from './receipt-document.js';
import { receiptHtml } from './receipt-html.js';

const APPOINTMENT_ID = '0b6a3c1e-2f4d-4e8a-9c1b-7d2e5f6a8b90';
const mzn = (amountMinor: number) => ({ amountMinor, currency: 'MZN' });

const aReceipt = (overrides: Partial<ReceiptDocument> = {}): ReceiptDocument => ({
  appointmentId: APPOINTMENT_ID,
  receiptNumber: receiptNumberOf(APPOINTMENT_ID),
  issuedAt: '2026-11-20T08:00:00.000Z',
  timeZone: 'Africa/Maputo',
  practiceName: 'Clínica Polana',
  doctorName: 'Dr. Ana Macuácua',
  licence: { number: 'OMM-1234', issuingBody: 'Ordem dos Médicos de Moçambique' },
  patientName: 'Maria Silva',
  serviceName: 'General consultation (30 min)',
  method: 'video',
  startsAt: '2026-11-18T09:00:00.000Z',
  payments: [{ amount: mzn(150_000), paidAt: '2026-11-16T09:01:00.000Z', reference: 'pay_0b6a3c1e' }],
  refunds: [],
  net: mzn(150_000),
  ...overrides,
});

describe('the printed receipt', () => {
  it('shows the number, issue date, practice, doctor, patient, service, time, payment and net', () => {
    const page = receiptHtml(aReceipt());
    for (const shown of [
      `Receipt number R-0B6A3C1E-2F4D-4E8A-9C1B-7D2E5F6A8B90`,
      // 08:00 UTC is 10:00 in Maputo: every instant on the doctor's clock.
      'Issued 20 November 2026, 10:00 (Africa/Maputo, UTC+02:00)',
      'Clínica Polana',
      'Dr. Ana Macuácua',
      'Licence OMM-1234, Ordem dos Médicos de Moçambique',
      'Maria Silva',
      'General consultation (30 min) · Video consultation',
      'Appointment 18 November 2026, 11:00 (Africa/Maputo, UTC+02:00)',
      '16 November 2026, 11:01 (Africa/Maputo, UTC+02:00)',
      'Payment received · reference pay_0b6a3c1e',
      'MZN\u00a01,500.00',
      'Net paid',
      `Appointment ${APPOINTMENT_ID} · Issued through Consulta`,
    ]) {
      expect(page).toContain(shown);
    }
    expect(page).not.toContain('Refund');
  });

  it('lists each refund with its date, reason and amount, and the net after them', () => {
    const page = receiptHtml(
      aReceipt({
        refunds: [
          { amount: mzn(75_000), refundedAt: '2026-11-17T10:00:00.000Z', reason: 'cancellation' },
          { amount: mzn(25_050), refundedAt: '2026-11-19T10:00:00.000Z', reason: null },
        ],
        net: mzn(49_950),
      }),
    );
    expect(page).toContain('17 November 2026, 12:00 (Africa/Maputo, UTC+02:00)');
    expect(page).toContain('Refund · Cancellation');
    expect(page).toContain('−MZN\u00a0750.00');
    expect(page).toContain('19 November 2026, 12:00 (Africa/Maputo, UTC+02:00)');
    expect(page).toContain('−MZN\u00a0250.50');
    expect(page).toMatch(/Net paid<\/td>\s*<td class="amount">MZN\u00a0499\.50</);
  });

  it('formats amounts in the currency’s own decimals: none for yen, three for dinars', () => {
    const yen = receiptHtml(
      aReceipt({
        payments: [
          { amount: { amountMinor: 5_000, currency: 'JPY' }, paidAt: '2026-11-16T09:01:00.000Z', reference: 'p' },
        ],
        net: { amountMinor: 5_000, currency: 'JPY' },
      }),
    );
    expect(yen).toContain('JP¥5,000<');
    expect(yen).not.toContain('JP¥50.00');
    const dinars = receiptHtml(aReceipt({ net: { amountMinor: 1_234, currency: 'BHD' } }));
    expect(dinars).toContain('BHD\u00a01.234');
  });

  it('escapes every stored string, so a name or a reference written as markup stays text', () => {
    const page = receiptHtml(
      aReceipt({
        practiceName: '<script>alert(1)</script>',
        doctorName: `Dr. "Quote" & <b>Bold</b>`,
        patientName: '<img src=x onerror=alert(1)>',
        serviceName: '</td><td>',
        payments: [{ amount: mzn(1), paidAt: '2026-11-16T09:01:00.000Z', reference: "pay_'x'" }],
      }),
    );
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Dr. &quot;Quote&quot; &amp; &lt;b&gt;Bold&lt;/b&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;/td&gt;&lt;td&gt;');
    expect(page).toContain('pay_&#39;x&#39;');
    expect(page).not.toMatch(/<script|<img|<b>/);
  });

  it('shows a dash for what the read models no longer know (an erased name, a practice without a profile)', () => {
    const page = receiptHtml(aReceipt({ practiceName: null, doctorName: null, licence: null, patientName: null }));
    expect(page).toContain('<p class="practice">—</p>');
    expect(page).toContain('Licence —');
  });
});
