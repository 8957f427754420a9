/**
 * GET /api/v1/appointments/:id/receipt.pdf through REST with real Chromium (CHROMIUM_PATH): who
 * may have it (the patient's side, finance and admins audited; not the doctor), a real PDF, and a
 * document filled from the read models (the HTML handed to the renderer is recorded on its way
 * through, as in prescription-pdf.int.test.ts, since PDF text is compressed).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentEvent } from '../../domain/index.js';
import { buildApp } from '../app.js';
import { auditStreamId } from '../audit.js';
import { anAppointment, eventsOf } from '../../tests/fixtures/appointment-events.js';
import { givenAccount } from '../../tests/support/accounts.js';
import {
  appendAppointmentEvents,
  LIFECYCLE_PROJECTIONS,
  projectionsCaughtUp,
} from '../../tests/support/appointment-history.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenDoctorAndFamily } from '../../tests/support/family.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { startRecordingRenderer } from '../../tests/support/recording-renderer.js';

let platform: TestPlatform;
let app: FastifyInstance;
/** Every document the API rendered, as HTML, newest last. */
let rendered: readonly string[];
let doctor: TestActor;
let maria: TestActor;
let rui: string;
let stranger: TestActor;
let admin: TestActor;
let finance: TestActor;

beforeAll(async () => {
  const recording = await startRecordingRenderer();
  rendered = recording.rendered;
  platform = await startTestPlatform();
  app = await buildApp({ ...platform.deps, documentRenderer: recording.renderer });
  await app.ready();
  ({ doctor, maria, rui, stranger, admin } = await givenDoctorAndFamily(platform));
  finance = await givenAccount(platform.db.pool, ['finance']);
});
afterAll(async () => {
  await app?.close();
  await platform?.close();
});

const receiptOf = (actor: TestActor | null, appointmentId: string) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${appointmentId}/receipt.pdf`,
    headers: actor?.headers ?? {},
  });

const errorCode = (response: { json: <T>() => T }) => response.json<{ error: { code: string } }>().error.code;

type History = 'paid' | 'unpaid' | 'refunded';

/** An appointment with the test's doctor, booked by Maria; paid and confirmed, unpaid, or cancelled and half refunded. */
async function appointmentFor(patientId: string, history: History = 'paid') {
  const facts = anAppointment({
    patientId,
    bookedBy: maria.accountId,
    doctorId: doctor.accountId,
    startsAt: '2026-11-18T09:00:00.000Z',
  });
  const e = eventsOf(facts);
  const half = { amountMinor: 75_000, currency: 'MZN' };
  const events: Record<History, AppointmentEvent[]> = {
    unpaid: [e.requested(), e.paymentRequested()],
    paid: [e.requested(), e.paymentRequested(), e.paymentReceived(), e.confirmed()],
    refunded: [
      e.requested(),
      e.paymentRequested(),
      e.paymentReceived(),
      e.confirmed(),
      e.cancelled('patient', half),
      e.refundIssued(half),
    ],
  };
  await appendAppointmentEvents(platform.eventStore, facts.appointmentId, events[history]);
  await projectionsCaughtUp(platform.db.pool, platform.eventStore, LIFECYCLE_PROJECTIONS);
  return { appointmentId: facts.appointmentId, paymentId: e.paymentId };
}

function expectPdfOf(response: Awaited<ReturnType<typeof receiptOf>>, appointmentId: string): void {
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toBe(`attachment; filename="receipt-${appointmentId}.pdf"`);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  const pdf = response.rawPayload;
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The document's <title>, which Chromium keeps uncompressed: this PDF is this appointment's receipt.
  expect(pdf.toString('latin1')).toContain(`/Title (Receipt R-${appointmentId.toUpperCase()})`);
}

describe('the payment receipt as a PDF', () => {
  it('downloads for the patient, filled from the read models, with no name in the file name', async () => {
    const { appointmentId, paymentId } = await appointmentFor(maria.accountId);
    const response = await receiptOf(maria, appointmentId);
    expectPdfOf(response, appointmentId);
    expect(response.headers['content-disposition']).not.toMatch(/maria|silva/i);

    const html = rendered.at(-1) ?? '';
    for (const shown of [
      `Receipt number R-${appointmentId.toUpperCase()}`,
      'Clínica Polana',
      'Dr. Ana Macuácua',
      'Licence OMM-1234, Ordem dos Médicos de Moçambique',
      'Maria Silva',
      'General consultation (30 min) · Video consultation',
      // 09:00 UTC on the doctor's clock in Maputo; paid a minute after the booking two days before.
      'Appointment 18 November 2026, 11:00 (Africa/Maputo, UTC+02:00)',
      '16 November 2026, 11:01 (Africa/Maputo, UTC+02:00)',
      `Payment received · reference ${paymentId}`,
      'MZN\u00a01,500.00',
      `Appointment ${appointmentId} · Issued through Consulta`,
    ]) {
      expect(html).toContain(shown);
    }
    expect(html).toMatch(/Issued \d{1,2} \w+ \d{4}, \d\d:\d\d \(Africa\/Maputo, UTC\+02:00\)/);
    expect(html).toMatch(/Net paid<\/td>\s*<td class="amount">MZN\u00a01,500\.00</);
    expect(html).not.toContain('Refund');
  });

  it('shows a refund with its date and the net after it, for the guardian of a dependant', async () => {
    const { appointmentId } = await appointmentFor(rui, 'refunded');
    expectPdfOf(await receiptOf(maria, appointmentId), appointmentId);
    const html = rendered.at(-1) ?? '';
    expect(html).toContain('Rui Silva');
    expect(html).not.toContain('Maria Silva');
    // Refunded three hours after the booking: 12:00 UTC, 14:00 in Maputo.
    expect(html).toContain('16 November 2026, 14:00 (Africa/Maputo, UTC+02:00)');
    expect(html).toContain('Refund · Cancellation');
    expect(html).toContain('−MZN\u00a0750.00');
    expect(html).toMatch(/Net paid<\/td>\s*<td class="amount">MZN\u00a0750\.00</);
  });

  it('downloads for finance and admins, each read on the patient’s audit stream', async () => {
    const { appointmentId } = await appointmentFor(maria.accountId);
    const before = (await platform.eventStore.readStream(auditStreamId(maria.accountId))).length;
    expectPdfOf(await receiptOf(finance, appointmentId), appointmentId);
    expectPdfOf(await receiptOf(admin, appointmentId), appointmentId);
    const audit = (await platform.eventStore.readStream(auditStreamId(maria.accountId))).slice(before);
    expect(audit.map((event) => [event.type, event.data.actorId, event.data.resource, event.data.resourceId])).toEqual([
      ['StaffReadHealthData', finance.accountId, 'receipt', appointmentId],
      ['StaffReadHealthData', admin.accountId, 'receipt', appointmentId],
    ]);
  });

  it('is not found for the appointment’s doctor, a stranger and an unknown appointment; 401 without a session', async () => {
    const { appointmentId } = await appointmentFor(maria.accountId);
    const renders = rendered.length;
    for (const actor of [doctor, stranger]) {
      const response = await receiptOf(actor, appointmentId);
      expect(response.statusCode).toBe(404);
      expect(errorCode(response)).toBe('APPOINTMENT_NOT_FOUND');
    }
    expect(errorCode(await receiptOf(maria, randomUUID()))).toBe('APPOINTMENT_NOT_FOUND');
    expect((await receiptOf(null, appointmentId)).statusCode).toBe(401);
    expect(rendered).toHaveLength(renders);
  });

  it('is RECEIPT_NOT_FOUND while nothing was paid, for the patient and for finance (and not audited)', async () => {
    const { appointmentId } = await appointmentFor(maria.accountId, 'unpaid');
    const renders = rendered.length;
    const before = (await platform.eventStore.readStream(auditStreamId(maria.accountId))).length;
    for (const actor of [maria, finance]) {
      const response = await receiptOf(actor, appointmentId);
      expect(response.statusCode).toBe(404);
      expect(errorCode(response)).toBe('RECEIPT_NOT_FOUND');
    }
    expect(rendered).toHaveLength(renders);
    expect(await platform.eventStore.readStream(auditStreamId(maria.accountId))).toHaveLength(before);
  });
});
