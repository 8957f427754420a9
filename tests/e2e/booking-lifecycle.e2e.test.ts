/**
 * One appointment's whole life in Chromium (issue 5): a patient finds a verified doctor, picks a
 * time, reviews and confirms the booking, pays on the local test checkout and comes back to see it
 * confirmed, with the confirmation email and its calendar invitation in the dev outbox. The
 * patient checks in; the doctor, in a second browser context, admits them from the day view while
 * the patient's page follows by itself (GraphQL subscription, or its polling fallback), ends the
 * consultation and issues a prescription. The patient reads it, reviews the doctor with four stars,
 * and the doctor's public profile and the search show the new rating.
 *
 * The slot is the doctor's first free one today (on the practice's clock) and check-in opens hours
 * ahead, so the consultation can run at once; the review reminder fires a second after the end.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId } from '../../domain/index.js';
import { anActor } from '../support/auth.js';
import { givenBookableDoctor } from '../support/bookable.js';
import { freshCredentials, logInThroughPage, registerThroughApi } from '../support/e2e-identity.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { reloadUntilVisible, wallTime } from './browsing.js';
import { outboxFor, practiceZoneWithTodayLeft } from './lifecycle-helpers.js';
import { snap } from './screenshots.js';
import { approveAndReturn, confirmToCheckout } from './test-checkout.js';

const HOUR = 3_600_000;

let stack: E2eStack;

const patient = freshCredentials('patient');
const doctor = freshCredentials('doctor');
const PATIENT_ZONE = 'Africa/Maputo';
let doctorId = '';
let patientPage: Page;
let appointmentId = '';
let startsAt = '';

beforeAll(async () => {
  stack = await startE2eStack({ timings: { joinWindowMs: 3 * HOUR, reviewReminderMs: 1_000 } });

  // A doctor with a password (they log in through the page later), verified, open round the clock
  // with slots from five minutes ahead, in a zone where today lasts past the first free slot.
  ({ accountId: doctorId } = await registerThroughApi(stack.apiUrl, doctor, 'doctor'));
  await givenBookableDoctor(stack.platform.app, {
    actor: await anActor(['doctor'], { accountId: doctorId }),
    availability: { timeZone: practiceZoneWithTodayLeft(new Date(), HOUR), minimumNoticeMinutes: 5 },
    slotsNeeded: 1,
  });
  await registerThroughApi(stack.apiUrl, patient);
});
afterAll(() => stack?.stop());

/** The appointment page's status, as the page itself shows it (no reload: it follows live). */
const shownStatus = (page: Page) => page.getByTestId('appointment-page').getAttribute('data-status');

describe('an appointment from booking to review, in the browser', () => {
  it('books a doctor’s time, pays on the test checkout and gets the confirmation with a calendar invitation', async () => {
    patientPage = await stack.newPage(PATIENT_ZONE);
    const page = patientPage;
    await logInThroughPage(page, stack.webUrl, patient);

    // Find the doctor (the search is a read model: reload until the verified doctor is in it).
    await Promise.all([page.waitForURL(/\/doctors$/), page.getByTestId('nav-find-doctor').click()]);
    const card = `[data-testid="doctor-card"][data-id="${doctorId}"]`;
    await reloadUntilVisible(page, card);
    await expect.poll(() => page.locator(card).getByTestId('doctor-rating').textContent()).toMatch(/No reviews yet/);
    await page.locator(card).getByTestId('doctor-card-link').click();
    await page.getByTestId('slot-picker').waitFor();
    await expect.poll(() => page.getByTestId('slot-zone').textContent()).toMatch(/Maputo/);

    // The first free time, shown on the patient's clock.
    // By video call, the service's first way of consulting, chosen already.
    expect(
      await page.getByTestId('method-choice').filter({ hasText: 'Video call' }).getByRole('radio').isChecked(),
    ).toBe(true);
    const slot = page.getByTestId('slot').first();
    startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
    expect(Date.parse(startsAt)).toBeGreaterThan(Date.now());
    expect((await slot.textContent())?.trim()).toBe(wallTime(startsAt, PATIENT_ZONE));
    await slot.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);

    // The review step: everything about the booking, nothing booked yet.
    await page.getByTestId('booking-review').waitFor();
    expect(await page.getByTestId('booking-problems').count()).toBe(0);
    expect(await page.getByTestId('review-method').textContent()).toMatch(/Video/);
    expect(await page.getByTestId('review-fee').textContent()).toMatch(/1[ ,.]?500[.,]00/);
    await expect.poll(() => page.getByTestId('review-time').textContent()).toContain(wallTime(startsAt, PATIENT_ZONE));
    expect(await page.getByTestId('cancellation-policy').textContent()).toMatch(/\S/);
    await snap(page, 'lifecycle-review');
    const held = await stack.platform.db.pool.query('SELECT 1 FROM slot_reservations WHERE doctor_id = $1', [doctorId]);
    expect(held.rowCount).toBe(0);

    // Confirm: straight to the payment provider's page (the API's local test checkout).
    await confirmToCheckout(page);
    expect(new URL(page.url()).origin).toBe(stack.apiUrl);
    await expect.poll(() => page.locator('.amount').textContent()).toMatch(/1[ ,.]?500[.,]00/);
    await snap(page, 'lifecycle-checkout');
    appointmentId = await approveAndReturn(page, stack.webUrl);

    // Confirmed: the page catches up with the payment by itself if the read model was a moment behind.
    await expect.poll(() => shownStatus(page), { timeout: 20_000 }).toMatch(/^(confirmed|reminded)$/);
    await page.getByTestId('appointment-confirmed').waitFor();
    expect(await page.getByTestId('appointment-time').textContent()).toContain(wallTime(startsAt, PATIENT_ZONE));
    const types = (await stack.platform.eventStore.readStream(appointmentStreamId(appointmentId))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['AppointmentRequested', 'PaymentReceived', 'AppointmentConfirmed']));
    await snap(page, 'lifecycle-confirmed');

    // The confirmation email, on the dev outbox page, and its invitation through the API.
    const outbox = await stack.newPage(PATIENT_ZONE);
    await outbox.goto(`${stack.webUrl}/dev/outbox?recipient=${encodeURIComponent(patient.email)}`);
    const confirmation = outbox.getByTestId('outbox-message').filter({ hasText: 'Appointment confirmed' });
    await reloadUntilVisible(outbox, '[data-testid="outbox-message"]:has-text("Appointment confirmed")');
    expect(await confirmation.getAttribute('data-recipient')).toBe(patient.email);
    await outbox.context().close();
    const messages = await outboxFor(stack.apiUrl, patient.email);
    const email = messages.find((message) => message.subject?.startsWith('Appointment confirmed'));
    const invitation = email?.attachments.find((attachment) => attachment.filename.endsWith('.ics'));
    expect(invitation?.contentType).toMatch(/^text\/calendar/);
    const ics = invitation?.text ?? '';
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${appointmentId}@consulta`);
    expect(ics).toContain(`DTSTART:${startsAt.slice(0, 19).replace(/[-:]/g, '')}Z`);
  });

  it('checks in, is admitted, gets a prescription and reviews the doctor, whose rating then shows', async () => {
    const page = patientPage;
    expect(appointmentId).toMatch(/^[0-9a-f-]{36}$/);

    // Check-in is open (hours ahead of the start): the patient goes to the waiting room.
    await page.getByTestId('check-in').click();
    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    expect(await shownStatus(page)).toBe('waiting');
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-mode')).toMatch(/^(live|polling)$/);
    await snap(page, 'lifecycle-waiting');

    // The doctor, in another browser context, admits the patient from the day view.
    const doctorPage = await stack.newPage('Europe/Lisbon');
    await logInThroughPage(doctorPage, stack.webUrl, doctor);
    await Promise.all([doctorPage.waitForURL(/\/doctor\/today$/), doctorPage.getByTestId('nav-today').click()]);
    const waiting = `[data-testid="waiting-list"] [data-testid="day-appointment"][data-id="${appointmentId}"]`;
    await reloadUntilVisible(doctorPage, waiting);
    await snap(doctorPage, 'lifecycle-today-waiting');
    await doctorPage.locator(waiting).getByTestId('admit').click();
    const consulting = `[data-testid="consultation-list"] [data-testid="day-appointment"][data-id="${appointmentId}"]`;
    await doctorPage.locator(consulting).waitFor({ timeout: 20_000 });

    // The patient's page moves on by itself, without a reload, and opens the room.
    await expect.poll(() => shownStatus(page), { timeout: 20_000 }).toBe('in_consultation');
    await Promise.all([page.waitForURL(/\/room$/), page.getByTestId('join-consultation').click()]);
    await page.getByTestId('room-join').waitFor();
    expect(await page.getByTestId('room-join').getAttribute('data-provider')).toBe('local');
    await snap(page, 'lifecycle-room');

    // The doctor ends the consultation and writes a prescription with one medicine.
    await doctorPage.locator(consulting).getByTestId('end-consultation').click();
    const form = doctorPage.locator(`[data-testid="prescription-form"][data-id="${appointmentId}"]`);
    await form.waitFor({ timeout: 20_000 });
    await form.getByLabel('Medicine and strength').fill('Amoxicillin 500 mg capsule');
    await form.getByLabel('Dose').fill('1 capsule');
    await form.getByLabel('Route').selectOption('oral');
    await form.getByLabel('How often').fill('every 8 hours');
    await form.getByLabel('For how long').fill('7 days');
    await form.getByLabel(/Notes for the patient/).fill('Take with food.');
    await snap(doctorPage, 'lifecycle-prescription-form');
    await form.getByTestId('issue-prescription').click();
    await doctorPage.getByTestId('prescription-issued').waitFor({ timeout: 20_000 });
    expect(await doctorPage.getByTestId('prescription-issued').getAttribute('data-id')).toBe(appointmentId);

    // The room closes by itself for the patient; back on the appointment page, the prescription.
    await page.getByTestId('room-closed').waitFor({ timeout: 20_000 });
    await Promise.all([
      page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/),
      page.getByTestId('back-to-appointment').click(),
    ]);
    await expect.poll(() => shownStatus(page), { timeout: 20_000 }).toBe('prescribed');
    const medicine = page.getByTestId('prescribed-medicine');
    await expect.poll(() => medicine.count(), { timeout: 20_000 }).toBe(1);
    expect(await medicine.textContent()).toContain('Amoxicillin 500 mg capsule');
    expect(await medicine.textContent()).toContain('every 8 hours');
    expect(await page.getByTestId('prescription').textContent()).toContain('Take with food.');

    // The PDF, streamed through the web server (the browser holds no API token).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('prescription-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`prescription-${appointmentId}.pdf`);
    expect((await readFile(await download.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // And the receipt for what was paid, the same way.
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-pdf').click()]);
    expect(receipt.suggestedFilename()).toBe(`receipt-${appointmentId}.pdf`);
    expect((await readFile(await receipt.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The review reminder (a second after the end here) reaches the patient, before they review.
    await expect
      .poll(
        async () =>
          (await outboxFor(stack.apiUrl, patient.email)).some((m) => m.subject?.startsWith('A minute to review')),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);

    // Four stars and a comment.
    const review = page.getByTestId('review-form');
    await review.getByTestId('rating-4').click();
    await expect.poll(() => review.locator('#rating-hint').textContent()).toMatch(/4 of 5/);
    await review.getByTestId('review-comment').fill('Clear explanations and on time.');
    await snap(page, 'lifecycle-review-form');
    await review.getByTestId('submit-review').click();
    await page.getByTestId('review-thanks').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('review-thanks').textContent()).toMatch(/4 of 5/);
    await expect.poll(() => shownStatus(page), { timeout: 20_000 }).toBe('reviewed');
    await snap(page, 'lifecycle-reviewed');

    // The public profile and the search show the rating (read models: reload until they do).
    const visitor = await stack.newPage(PATIENT_ZONE);
    await visitor.goto(`${stack.webUrl}/doctors/${doctorId}`);
    await expect
      .poll(
        async () => {
          await visitor.reload();
          return visitor.getByTestId('doctor-profile').getByTestId('doctor-rating').textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/★ 4\.0[\s\S]*\(1 review\)/);
    await snap(visitor, 'lifecycle-profile-rated');
    await visitor.goto(`${stack.webUrl}/doctors`);
    await expect
      .poll(() =>
        visitor
          .locator(`[data-testid="doctor-card"][data-id="${doctorId}"]`)
          .getByTestId('doctor-rating')
          .textContent(),
      )
      .toMatch(/★ 4\.0[\s\S]*\(1 review\)/);
    await visitor.context().close();
    await doctorPage.context().close();
  });
});
