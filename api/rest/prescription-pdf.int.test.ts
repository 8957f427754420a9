/**
 * GET /api/v1/appointments/:id/prescription.pdf through REST with real Chromium (CHROMIUM_PATH):
 * the same readers, 404s and admin audit as the JSON read, a real PDF, and a document filled
 * from the read models (the HTML handed to the renderer is recorded on its way through; PDF text
 * is compressed, so the PDF itself is checked for being a real one of this appointment).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumRenderer } from '../../activities/adapters/chromium-renderer.js';
import { buildApp } from '../app.js';
import { auditStreamId } from '../audit.js';
import { anAppointment, eventsOf } from '../../tests/fixtures/appointment-events.js';
import { aMedicine, aPrescription } from '../../tests/fixtures/prescriptions.js';
import { givenAccount } from '../../tests/support/accounts.js';
import {
  appendAppointmentEvents,
  LIFECYCLE_PROJECTIONS,
  projectionsCaughtUp,
  sealFor,
} from '../../tests/support/appointment-history.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenDoctorAndFamily } from '../../tests/support/family.js';
import { chromiumPath } from '../../tests/support/browser.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { startRecordingRenderer } from '../../tests/support/recording-renderer.js';

const PRESCRIPTION = aPrescription({
  medicines: [
    aMedicine({ notes: 'With food' }),
    aMedicine({
      medicine: '<script>alert(1)</script>',
      dose: '2 puffs',
      route: 'inhaled',
      frequency: 'as needed',
      duration: '1 month',
    }),
  ],
});

let platform: TestPlatform;
let app: FastifyInstance;
/** Every document the API rendered, as HTML, newest last. */
let rendered: readonly string[];
let doctor: TestActor;
let maria: TestActor;
let rui: string;
let stranger: TestActor;
let admin: TestActor;

beforeAll(async () => {
  const recording = await startRecordingRenderer();
  rendered = recording.rendered;
  platform = await startTestPlatform();
  app = await buildApp({ ...platform.deps, documentRenderer: recording.renderer });
  await app.ready();
  ({ doctor, maria, rui, stranger, admin } = await givenDoctorAndFamily(platform, {
    maria: '1990-05-03',
    rui: '2019-04-02',
  }));
});
afterAll(async () => {
  await app?.close();
  await platform?.close();
});

function send(actor: TestActor | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return (app ?? platform.app).inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });
}

const pdfOf = (actor: TestActor | null, appointmentId: string) =>
  send(actor, 'GET', `/api/v1/appointments/${appointmentId}/prescription.pdf`);

const errorCode = (response: { json: <T>() => T }) => response.json<{ error: { code: string } }>().error.code;

/** An ended appointment with the test's doctor; with a prescription unless `prescribed` is false. */
async function appointmentFor(patientId: string, prescribed = true): Promise<string> {
  const facts = anAppointment({
    patientId,
    bookedBy: maria.accountId,
    doctorId: doctor.accountId,
    startsAt: '2026-11-18T09:00:00.000Z',
  });
  const e = eventsOf(facts);
  const sealed = prescribed ? await sealFor(platform.db.pool, patientId, PRESCRIPTION) : null;
  await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.checkedIn(),
    e.consultationStarted(),
    e.consultationEnded(),
    ...(sealed ? [e.prescriptionIssued(sealed, PRESCRIPTION.medicines.length)] : []),
  ]);
  await projectionsCaughtUp(platform.db.pool, platform.eventStore, LIFECYCLE_PROJECTIONS);
  return facts.appointmentId;
}

function expectPdfOf(response: Awaited<ReturnType<typeof pdfOf>>, appointmentId: string): void {
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toBe(`attachment; filename="prescription-${appointmentId}.pdf"`);
  expect(response.headers['cache-control']).toBe('no-store');
  const pdf = response.rawPayload;
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  // The document's <title>, which Chromium keeps uncompressed: this PDF is this appointment's.
  expect(pdf.toString('latin1')).toContain(`/Title (Prescription ${appointmentId})`);
  // A page with text and a table, not an empty shell.
  expect(pdf.length).toBeGreaterThan(10_000);
}

describe('the prescription as a PDF', () => {
  it('downloads for the patient, filled from the read models, with no name in the file name', async () => {
    const appointmentId = await appointmentFor(maria.accountId);
    const response = await pdfOf(maria, appointmentId);
    expectPdfOf(response, appointmentId);
    expect(response.headers['content-disposition']).not.toMatch(/maria|silva/i);

    const html = rendered.at(-1) ?? '';
    for (const shown of [
      'Clínica Polana',
      'Dr. Ana Macuácua',
      'Licence OMM-1234, Ordem dos Médicos de Moçambique',
      'Maria Silva',
      'Date of birth: 3 May 1990',
      // Issued a minute after the 09:30 UTC end: 11:31 on the doctor's clock in Maputo.
      'Issued 18 November 2026, 11:31 (Africa/Maputo, UTC+02:00)',
      'Amoxicillin 500 mg capsule',
      'With food',
      'By mouth (oral)',
      'every 8 hours',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      'Finish the course.',
      `Appointment ${appointmentId} · Issued through Consulta`,
    ]) {
      expect(html).toContain(shown);
    }
    expect(html).not.toContain('<script>');
  });

  it('names the dependant, not the guardian who downloads it', async () => {
    const appointmentId = await appointmentFor(rui);
    expectPdfOf(await pdfOf(maria, appointmentId), appointmentId);
    const html = rendered.at(-1) ?? '';
    expect(html).toContain('Rui Silva');
    expect(html).toContain('Date of birth: 2 April 2019');
    expect(html).not.toContain('Maria Silva');
  });

  it('downloads for the appointment’s doctor, and for an admin with the read on the patient’s audit stream', async () => {
    const appointmentId = await appointmentFor(maria.accountId);
    expectPdfOf(await pdfOf(doctor, appointmentId), appointmentId);

    const before = (await platform.eventStore.readStream(auditStreamId(maria.accountId))).length;
    expectPdfOf(await pdfOf(admin, appointmentId), appointmentId);
    const audit = (await platform.eventStore.readStream(auditStreamId(maria.accountId))).slice(before);
    expect(audit.map((event) => [event.type, event.data.actorId, event.data.resource])).toEqual([
      ['StaffReadHealthData', admin.accountId, 'prescription'],
    ]);
  });

  it('is not found for a stranger, an unknown appointment and one without a prescription; 401 without a session', async () => {
    const appointmentId = await appointmentFor(maria.accountId);
    const renders = rendered.length;
    const stranger404 = await pdfOf(stranger, appointmentId);
    expect(stranger404.statusCode).toBe(404);
    expect(errorCode(stranger404)).toBe('APPOINTMENT_NOT_FOUND');
    expect(errorCode(await pdfOf(maria, randomUUID()))).toBe('APPOINTMENT_NOT_FOUND');

    const unprescribed = await appointmentFor(maria.accountId, false);
    const none = await pdfOf(maria, unprescribed);
    expect(none.statusCode).toBe(404);
    expect(errorCode(none)).toBe('PRESCRIPTION_NOT_FOUND');

    expect((await pdfOf(null, appointmentId)).statusCode).toBe(401);
    // Nothing was rendered for any of them.
    expect(rendered).toHaveLength(renders);
  });

  it('closes the browser when the API shuts down', async () => {
    const browsers: Browser[] = [];
    const launch = async (options: LaunchOptions) => {
      const browser = await puppeteer.launch(options);
      browsers.push(browser);
      return browser;
    };
    const own = await buildApp({
      ...platform.deps,
      documentRenderer: createChromiumRenderer({ executablePath: chromiumPath(), launch }),
    });
    const appointmentId = await appointmentFor(maria.accountId);
    const response = await own.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/prescription.pdf`,
      headers: maria.headers,
    });
    expectPdfOf(response, appointmentId);
    expect(browsers.map((browser) => browser.connected)).toEqual([true]);
    await own.close();
    expect(browsers.map((browser) => browser.connected)).toEqual([false]);
  });

  it('answers 409 once the patient’s personal data was erased: there is nothing left to print', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    await send(patient, 'PATCH', '/api/v1/me', { name: 'Erin Macamo' });
    const appointmentId = await appointmentFor(patient.accountId);
    expect((await pdfOf(patient, appointmentId)).statusCode).toBe(200);
    expect((await send(admin, 'POST', `/api/v1/admin/patients/${patient.accountId}/erasure`)).statusCode).toBe(200);
    const erased = await pdfOf(patient, appointmentId);
    expect(erased.statusCode).toBe(409);
    expect(errorCode(erased)).toBe('PRESCRIPTION_ERASED');
  });
});
