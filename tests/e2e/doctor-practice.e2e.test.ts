/**
 * A doctor from sign-up to being found and booked, in Chromium: the doctor onboards (profile,
 * credentials uploaded as real PDF and PNG files, hours in Lisbon, fees, a service) and applies; an
 * administrator with two-step verification opens the queue, looks at the documents through the
 * web server's proxy, starts the review and verifies; the doctor adds a photo; a patient in Kolkata
 * finds the doctor with a misspelt specialization (photo on the card and the profile), sees the
 * doctor's 09:00 in Lisbon as their own wall time, reviews the booking and pays for it on the local
 * test checkout.
 * Finally the doctor cannot move their hours away from the booked appointment without being told.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId } from '../../domain/index.js';
import { freshCredentials, logInThroughPage, registerThroughApi } from '../support/e2e-identity.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { instantAt, reloadUntilVisible, wallTime } from './browsing.js';
import { solidPng } from './files.js';
import { fillProfileStep, setUpPracticeStep, uploadCredentialsStep } from './onboarding-steps.js';
import { snap, snapPart } from './screenshots.js';
import { logInAsNewAdmin } from './staff.js';
import { approveAndReturn, confirmToCheckout } from './test-checkout.js';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack();
});
afterAll(() => stack?.stop());

const PHOTO_SIZE = 48;

/** The width a picture was decoded at once loaded; 0 until then or when it failed. */
const shownWidth = (image: Locator) =>
  image.evaluate((img) => {
    const picture = img as unknown as { complete: boolean; naturalWidth: number };
    return picture.complete ? picture.naturalWidth : 0;
  });

/** The doctor's photo is shown from the web server's origin, named by the doctor's name, and really loads. */
async function expectPhoto(photo: Locator, name: string, webUrl: string): Promise<void> {
  await photo.scrollIntoViewIfNeeded();
  expect(await photo.getAttribute('alt')).toBe(name);
  expect(new URL((await photo.getAttribute('src')) ?? '', webUrl).origin).toBe(webUrl);
  await expect.poll(() => shownWidth(photo), { timeout: 15_000 }).toBe(PHOTO_SIZE);
}

const doctor = freshCredentials('doctor');
const displayName = `Dr. Inês Lisboa ${doctor.email.slice(7, 13)}`;
let doctorId = '';
let doctorPage: Page;
let bookedId = '';
let bookedAt = '';

describe('a doctor onboards, is verified, found and booked', () => {
  it('signs up as a doctor and completes the onboarding wizard, uploading credentials', async () => {
    doctorPage = await stack.newPage('Europe/Lisbon');
    const page = doctorPage;
    await page.goto(`${stack.webUrl}/signup`);
    const signup = page.getByTestId('signup-form');
    await signup.getByLabel('Email address').fill(doctor.email);
    await signup.getByLabel('Password', { exact: true }).fill(doctor.password);
    await signup.getByLabel(/Doctor/).check();
    await Promise.all([
      page.waitForURL(/\/doctor\/onboarding/, { timeout: 20_000 }),
      signup.getByRole('button', { name: 'Create account' }).click(),
    ]);
    const { rows } = await stack.platform.db.pool.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [
      doctor.email,
    ]);
    doctorId = rows[0]?.id ?? '';
    expect(doctorId).toMatch(/^[0-9a-f-]{36}$/);

    // 1. Profile: a missing specialization is refused next to its field; 2. credentials; 3. practice.
    await fillProfileStep(page, displayName);
    await uploadCredentialsStep(page);
    await setUpPracticeStep(page);

    // 4. Review and submit.
    await page.getByTestId('wizard-next').click();
    await page.waitForURL(/step=review/);
    await page.getByTestId('practice-summary').waitFor();
    expect(await page.getByTestId('application-missing').count()).toBe(0);
    await snap(page, 'onboarding-review');
    await Promise.all([
      page.waitForURL(/\/doctor\/application\?submitted=1/, { timeout: 20_000 }),
      page.getByTestId('submit-application').click(),
    ]);
    expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe('submitted');
    expect(await page.getByTestId('timeline-entry').first().getAttribute('data-type')).toBe('ApplicationSubmitted');
    await snap(page, 'application-submitted');
  });

  it('lets an administrator open the documents, start the review and verify the doctor', async () => {
    const page = await stack.newPage('Africa/Maputo');
    await logInAsNewAdmin(page, stack.webUrl, stack.platform);
    await page.goto(`${stack.webUrl}/`);
    await Promise.all([
      page.waitForURL(/\/admin\/doctor-applications$/),
      page.getByTestId('nav-admin-doctor-applications').click(),
    ]);
    const row = `[data-testid="application-row"][data-id="${doctorId}"]`;
    await reloadUntilVisible(page, row);
    expect(await page.locator(row).getAttribute('data-status')).toBe('submitted');
    expect(await page.locator(row).getByTestId('waiting').textContent()).toMatch(/\d+ min/);
    await snap(page, 'admin-queue');
    await page.locator(row).getByTestId('application-open').click();
    await page.getByTestId('applicant-name').waitFor();
    expect(await page.getByTestId('applicant-name').textContent()).toBe(displayName);
    // The applicant's profile is there before verification: what the admin decides on.
    expect(await page.getByTestId('profile-licence-number').textContent()).toContain('OM-58213');
    expect(await page.getByTestId('profile-practice-name').textContent()).toContain('Clínica do Chiado');

    // Both documents, each opened through the web server (the API is never linked to directly).
    const documents = page.getByTestId('admin-document');
    await expect.poll(() => documents.count()).toBe(2);
    await documents.filter({ hasText: 'Medical licence' }).getByTestId('document-view').click();
    const pdf = page.getByTestId('document-pdf');
    await pdf.waitFor({ timeout: 15_000 });
    const pdfUrl = new URL((await pdf.getAttribute('src')) ?? '', stack.webUrl);
    expect(pdfUrl.origin).toBe(stack.webUrl);
    const pdfAnswer = await page.request.get(pdfUrl.href);
    expect(pdfAnswer.status()).toBe(200);
    expect(pdfAnswer.headers()['content-type']).toBe('application/pdf');
    expect((await pdfAnswer.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await documents.filter({ hasText: 'Government ID' }).getByTestId('document-view').click();
    const image = page.getByTestId('document-image');
    await image.waitFor({ timeout: 15_000 });
    await expect
      .poll(
        () =>
          image.evaluate((img) => {
            const picture = img as unknown as { complete: boolean; naturalWidth: number };
            return picture.complete ? picture.naturalWidth : 0;
          }),
        {
          timeout: 15_000,
        },
      )
      .toBe(32);
    await snap(page, 'admin-application');

    // A visitor cannot use the same address.
    const anonymous = await stack.browser.newContext();
    const refused = await anonymous.request.get(pdfUrl.href, { maxRedirects: 0 });
    expect(refused.status()).toBe(303);

    const decision = page.getByTestId('decision-form');
    await decision.getByLabel('Start review').check();
    await decision.getByTestId('decision-submit').click();
    await expect
      .poll(() => page.getByTestId('applicant-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('in_review');
    await decision.getByLabel('Verify').check();
    await decision.getByLabel('Reason').selectOption('licence_confirmed');
    await decision.getByTestId('decision-submit').click();
    await expect
      .poll(() => page.getByTestId('applicant-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('verified');
    await page.getByTestId('decision-recorded').waitFor();

    // The catalog grows from the admin pages as well.
    const specialty = `Sleep medicine ${doctor.email.slice(7, 13)}`;
    await Promise.all([
      page.waitForURL(/\/admin\/specializations$/),
      page.getByTestId('nav-admin-specializations').click(),
    ]);
    const catalog = page.getByTestId('specialization-form');
    await catalog.getByLabel('Name').fill(specialty);
    await catalog.getByTestId('specialization-add').click();
    await page.getByTestId('specialization-added').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('specialization-list').textContent()).toContain(specialty);
    await snap(page, 'admin-specializations');

    await doctorPage.goto(`${stack.webUrl}/doctor/application`);
    expect(await doctorPage.getByTestId('application-status').getAttribute('data-status')).toBe('verified');
    const steps = await doctorPage
      .getByTestId('timeline-entry')
      .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
    expect(steps).toEqual(['ApplicationSubmitted', 'ReviewStarted', 'DoctorVerified']);
    await snap(doctorPage, 'application-verified');

    // A profile photo, added once verified: public from now on (patients see it below).
    await doctorPage.goto(`${stack.webUrl}/doctor/practice`);
    await doctorPage
      .getByTestId('upload-photo')
      .locator('input[type=file]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: solidPng(PHOTO_SIZE, [196, 120, 92]) });
    await doctorPage.getByTestId('upload-photo-submit').click();
    await doctorPage.getByTestId('upload-photo-saved').waitFor({ timeout: 20_000 });
  });

  it('lets a patient in Kolkata find the doctor by a misspelt specialization and book on their own clock', async () => {
    // A visitor sees the doctor's times too, and is asked to log in to book, coming back here.
    const visitor = await stack.newPage('Asia/Kolkata');
    await visitor.goto(`${stack.webUrl}/doctors/${doctorId}`);
    await reloadUntilVisible(visitor, '[data-testid="login-to-book"]');
    await expectPhoto(visitor.getByTestId('doctor-profile').getByTestId('doctor-photo'), displayName, stack.webUrl);
    await snap(visitor, 'doctor-profile-visitor');
    const loginHref = (await visitor.getByTestId('login-to-book').getAttribute('href')) ?? '';
    expect(new URL(loginHref, stack.webUrl).searchParams.get('redirectTo')).toMatch(
      new RegExp(`^/doctors/${doctorId}`),
    );

    const page = await stack.newPage('Asia/Kolkata');
    const patient = freshCredentials('kolkata');
    await registerThroughApi(stack.apiUrl, patient);
    await logInThroughPage(page, stack.webUrl, patient);
    await Promise.all([page.waitForURL(/\/doctors$/), page.getByTestId('nav-find-doctor').click()]);
    await page.getByTestId('doctor-search-form').getByLabel('Name, specialization or condition').fill('cardiolgy');
    await page.getByTestId('doctor-search-submit').click();
    await page.waitForURL(/q=cardiolgy/);
    const card = `[data-testid="doctor-card"][data-id="${doctorId}"]`;
    await reloadUntilVisible(page, card);
    await expectPhoto(page.locator(card).getByTestId('doctor-photo'), displayName, stack.webUrl);
    const cardText = (await page.locator(card).textContent()) ?? '';
    expect(cardText).toContain(displayName);
    expect(cardText).toContain('Cardiology');
    expect(cardText).toMatch(/Video call\s*€40\.00/);
    expect(cardText).toMatch(/Voice call\s*€25\.50/);
    await snap(page, 'search');

    await page.locator(card).getByTestId('doctor-card-link').click();
    await page.getByTestId('slot-picker').waitFor();
    await expect.poll(() => page.getByTestId('slot-zone').textContent(), { timeout: 15_000 }).toMatch(/Asia\/Kolkata/);

    // Two days ahead on the patient's calendar: the doctor's 09:00 in Lisbon, shown as Kolkata's wall time.
    const day = page.getByTestId('slot-day').nth(2);
    const date = (await day.getAttribute('data-date')) ?? '';
    const nine = instantAt(date, '09:00', 'Europe/Lisbon');
    const expected = wallTime(nine, 'Asia/Kolkata');
    // Kolkata is UTC+5:30 all year; Lisbon is UTC+0 in winter and UTC+1 in summer, whatever the year.
    const lisbonInWinter = wallTime(nine, 'UTC') === '09:00';
    expect(expected).toBe(lisbonInWinter ? '14:30' : '13:30');
    const first = day.getByTestId('slot').first();
    expect(await first.getAttribute('data-starts-at')).toBe(nine);
    expect((await first.textContent())?.trim()).toBe(expected);
    await snap(page, 'doctor-profile');

    await page.getByTestId('method-choice').filter({ hasText: 'Voice call' }).getByRole('radio').check();
    await page.waitForURL(/method=voice/);
    const slot = page.locator(`[data-testid="slot"][data-starts-at="${nine}"]`);
    await slot.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);

    // The review step: the time on the patient's clock and on the doctor's, and the voice fee.
    await page.getByTestId('booking-review').waitFor();
    expect(await page.getByTestId('booking-problems').count()).toBe(0);
    expect(await page.getByTestId('review-method').textContent()).toMatch(/Voice/);
    expect(await page.getByTestId('review-fee').textContent()).toContain('€25.50');
    await expect.poll(() => page.getByTestId('review-time').textContent()).toContain(expected);
    await expect.poll(() => page.getByTestId('review-doctor-time').textContent()).toContain('09:00');
    await snap(page, 'booking-review');

    // Confirm, pay on the local test checkout, and come back to the appointment's page.
    await confirmToCheckout(page);
    bookedId = await approveAndReturn(page, stack.webUrl);
    bookedAt = nine;
    await expect
      .poll(() => page.getByTestId('appointment-page').getAttribute('data-status'), { timeout: 20_000 })
      .toMatch(/^(confirmed|reminded)$/);
    await expect.poll(() => page.getByTestId('appointment-time').textContent()).toContain(expected);

    const [requested] = await stack.platform.eventStore.readStream(appointmentStreamId(bookedId));
    expect(requested?.data).toMatchObject({ doctorId, method: 'voice', startsAt: nine });
    await page.goto(`${stack.webUrl}/appointments`);
    const row = `[data-testid="appointment-row"][data-id="${bookedId}"]`;
    await reloadUntilVisible(page, row);
    // The time is rendered on the patient's own clock once the page runs.
    await expect.poll(() => page.locator(row).textContent(), { timeout: 15_000 }).toContain(expected);
    const rowText = (await page.locator(row).textContent()) ?? '';
    expect(rowText).toContain(displayName);
    expect(rowText).toContain('Cardiology consultation');
    await snap(page, 'appointments-booked');
  });

  it('refuses to move the doctor’s hours away from the booked appointment, naming it', async () => {
    const page = doctorPage;
    await page.goto(`${stack.webUrl}/`);
    await page.getByTestId('dashboard-doctor').waitFor();
    await snap(page, 'doctor-home');
    await page.goto(`${stack.webUrl}/doctor/practice`);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Lisbon', weekday: 'long' })
      .format(new Date(bookedAt))
      .toLowerCase();
    const hours = page.getByTestId('availability-form');
    const start = hours.locator(`input[name="weekly.${weekday}.0.start"]`);
    await start.fill('10:00');
    await hours.getByTestId('availability-save').click();
    const conflict = page.getByTestId('availability-conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.getByTestId('conflict').getAttribute('data-id')).toBe(bookedId);
    expect(await hours.getByTestId('availability-saved').count()).toBe(0);
    expect(await start.inputValue()).toBe('10:00');
    await snapPart(conflict, 'practice-conflict');
    await snap(page, 'practice');
    await page.reload();
    expect(
      await page.getByTestId('availability-form').locator(`input[name="weekly.${weekday}.0.start"]`).inputValue(),
    ).toBe('09:00');
  });
});
