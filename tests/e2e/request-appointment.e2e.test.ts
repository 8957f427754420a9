/**
 * The walking skeleton end to end: a signed-in patient picks a verified doctor's free slot on the
 * doctor's page (Chromium), reviews and confirms it, and the API starts its Temporal workflow and
 * records the request in the event store; the patient pays on the local test checkout, the
 * projection shows the appointment on its own page and in the list, and cancelling it on its page
 * goes the same way back. A time that is no longer bookable is stopped on the review step, or
 * refused by the API with its reason shown, and books nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId, appointmentWorkflowId } from '../../domain/index.js';
import { aService } from '../fixtures/doctors.js';
import { givenVerifiedDoctor, type TestDoctor } from '../support/doctors.js';
import { freshCredentials, logInThroughPage, registerThroughApi } from '../support/e2e-identity.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { eventually } from '../support/temporal.js';
import { instantAt } from './browsing.js';
import { approveAndReturn, confirmToCheckout } from './test-checkout.js';

let stack: E2eStack;
let page: Page;
let patientId: string;
let doctor: TestDoctor;

beforeAll(async () => {
  stack = await startE2eStack();
  // A verified doctor in Maputo, every day 09:00–17:00, by video or voice.
  doctor = await givenVerifiedDoctor(stack.platform.app, {
    profile: { displayName: 'Dr. Walking Skeleton' },
    availability: {
      weekly: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({
        weekday: weekday as 'monday',
        start: '09:00',
        end: '17:00',
      })),
    },
    methods: [
      { method: 'video', fee: { amountMinor: 150_000, currency: 'MZN' } },
      { method: 'voice', fee: { amountMinor: 100_000, currency: 'MZN' } },
    ],
    services: [aService({ methods: ['video', 'voice'] })],
  });
  // The public directory is a read model: wait until it shows the doctor.
  await eventually(
    async () => ((await fetch(`${stack.apiUrl}/api/v1/doctors/${doctor.accountId}`)).status === 200 ? true : undefined),
    20_000,
    'the doctor in the directory',
  );
  // A patient in Maputo: the page must show the doctor's times on their clock.
  page = await stack.browser.newPage({ timezoneId: 'Africa/Maputo', locale: 'en-GB' });
  // Booking needs an account: a fresh patient of this test file's own, logged in through the page.
  const credentials = freshCredentials('booking');
  ({ accountId: patientId } = await registerThroughApi(stack.apiUrl, credentials));
  await logInThroughPage(page, stack.webUrl, credentials);
});
afterAll(() => stack?.stop());

/** Opens the doctor's page for voice calls, once it shows times on the patient's own clock. */
async function openDoctor(): Promise<void> {
  await page.goto(`${stack.webUrl}/doctors/${doctor.accountId}?method=voice`);
  await expect.poll(() => page.getByTestId('slot-zone').textContent(), { timeout: 15_000 }).toMatch(/Africa\/Maputo/);
}

describe('booking an appointment in the web app', () => {
  it('asks a visitor to log in first', async () => {
    const visitor = await stack.browser.newPage();
    await visitor.goto(`${stack.webUrl}/appointments`);
    await visitor.getByTestId('login-form').waitFor({ timeout: 15_000 });
    expect(new URL(visitor.url()).searchParams.get('redirectTo')).toBe('/appointments');
    await visitor.close();
  });

  it('points patients from their appointments to the doctor search', async () => {
    await page.goto(`${stack.webUrl}/appointments`);
    await page.getByTestId('find-doctor-link').click();
    await page.waitForURL(`${stack.webUrl}/doctors`);
    await page.getByTestId('doctor-search-form').waitFor();
  });

  it('shows the booking in the list, backed by a workflow and an event, and cancels it', async () => {
    await openDoctor();
    // A slot two days ahead, so no notice rule gets in the way.
    const slot = page.getByTestId('slot-day').nth(2).getByTestId('slot').nth(1);
    const startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
    const shownTime = ((await slot.textContent()) ?? '').trim();
    // 09:30 in Maputo (UTC+2) is 07:30 UTC.
    expect(shownTime).toBe('09:30');
    expect(startsAt).toMatch(/T07:30:00\.000Z$/);
    await slot.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);

    // The review step shows the choice; nothing is booked before "Confirm".
    await page.getByTestId('booking-review').waitFor();
    expect(await page.getByTestId('booking-problems').count()).toBe(0);
    expect(await page.getByTestId('review-method').textContent()).toMatch(/Voice/);
    expect(await page.getByTestId('review-fee').textContent()).toMatch(/1[ ,.\u00a0\u202f]?000[.,]00/);
    await expect.poll(() => page.getByTestId('review-time').textContent()).toContain('09:30');
    await confirmToCheckout(page);

    // Before paying: the workflow exists in Temporal and recorded the request at the chosen instant.
    const [appointment] = (
      await stack.platform.db.pool.query<{ id: string }>(
        "SELECT id FROM slot_reservations WHERE doctor_id = $1 AND status = 'held'",
        [doctor.accountId],
      )
    ).rows;
    const id = appointment?.id ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const description = await stack.platform.temporal.client.workflow.getHandle(appointmentWorkflowId(id)).describe();
    expect(description.status.name).toBe('RUNNING');
    const [requested] = await stack.platform.eventStore.readStream(appointmentStreamId(id));
    expect(requested?.type).toBe('AppointmentRequested');
    expect(requested?.data).toMatchObject({ method: 'voice', startsAt, doctorId: doctor.accountId });
    // Booked for the signed-in patient ("Who is this for?" left on "Myself").
    expect(requested?.data).toMatchObject({ patientId });

    // Pay on the local test checkout and come back to the appointment's page.
    expect(await approveAndReturn(page, stack.webUrl)).toBe(id);
    const shownStatus = () => page.getByTestId('appointment-page').getAttribute('data-status');
    await expect.poll(shownStatus, { timeout: 20_000 }).toBe('confirmed');
    expect(await page.getByTestId('appointment-time').textContent()).toMatch(/09:30/);

    // The read model feeds the list too (the projector may take a moment: reload until it shows).
    await page.goto(`${stack.webUrl}/appointments`);
    const row = page.locator(`[data-testid="appointment-row"][data-id="${id}"]`);
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0) await page.reload();
          return row.getAttribute('data-status');
        },
        { timeout: 20_000 },
      )
      .toBe('confirmed');
    await expect.poll(() => row.textContent()).toMatch(/09:30/);
    await expect.poll(() => row.textContent()).toMatch(/Dr\. Walking Skeleton/);

    // Cancelling, on the appointment's page: two days ahead, the whole fee comes back.
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/appointments/${id}`),
      row.getByTestId('appointment-link').click(),
    ]);
    await page.getByTestId('cancel-appointment').click();
    const panel = page.getByTestId('cancel-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('refund-quote').getAttribute('data-tier')).toBe('full');
    await panel.getByTestId('cancel-reason').selectOption({ index: 0 });
    await panel.getByTestId('confirm-cancel').click();
    await expect.poll(shownStatus, { timeout: 20_000 }).toMatch(/^(cancelled|refunded)$/);
    await page.getByTestId('appointment-cancelled').waitFor();
    const types = (await stack.platform.eventStore.readStream(appointmentStreamId(id))).map((event) => event.type);
    expect(types[0]).toBe('AppointmentRequested');
    expect(types).toEqual(expect.arrayContaining(['PaymentReceived', 'AppointmentConfirmed', 'AppointmentCancelled']));
    expect(types.indexOf('AppointmentCancelled')).toBeGreaterThan(types.indexOf('AppointmentConfirmed'));
    // The cancelled time is free again for others.
    await expect
      .poll(
        async () =>
          (
            await stack.platform.db.pool.query<{ status: string }>(
              'SELECT status FROM slot_reservations WHERE id = $1',
              [id],
            )
          ).rows[0]?.status,
        { timeout: 20_000 },
      )
      .toBe('released');
  });

  it('pages through search results with "Load more", keeping the ones already shown', async () => {
    const word = `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const ids = await Promise.all(
      Array.from({ length: 11 }, async (_, index) => {
        const other = await givenVerifiedDoctor(stack.platform.app, {
          profile: { displayName: `Dr. Page ${index}`, practiceName: `Clinic ${word}` },
        });
        return other.accountId;
      }),
    );
    await page.goto(`${stack.webUrl}/doctors?q=${word}`);
    const cards = page.getByTestId('doctor-card');
    await expect
      .poll(
        async () => {
          if ((await page.getByTestId('load-more').count()) === 0) await page.reload();
          return cards.count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(10);
    await page.getByTestId('load-more').click();
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(11);
    expect(await page.getByTestId('load-more').count()).toBe(0);
    const shown = await cards.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));
    expect([...shown].sort()).toEqual([...ids].sort());
  });

  it('shows the API’s refusal when the chosen time is no longer bookable, and books nothing', async () => {
    const before = await stack.platform.eventStore.headPosition();

    // A time that has passed since the page was rendered (as if it sat open for days): the review
    // step says so and offers no "Confirm", so nothing reaches the API.
    await openDoctor();
    const past = page.getByTestId('slot').first();
    await past.locator('input').evaluate((input) => input.setAttribute('value', '2020-01-01T08:00:00.000Z'));
    await past.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);
    await page.getByTestId('booking-problems').waitFor();
    expect(await page.getByTestId('booking-problems').textContent()).toMatch(/already passed/);
    expect(await page.getByTestId('confirm-booking').count()).toBe(0);

    // A time still ahead but no longer among the doctor's slots (03:00, outside the hours): only the
    // API can tell, and its refusal is shown on the review step, which stays where it is.
    await openDoctor();
    const day = page.getByTestId('slot-day').nth(2);
    const gone = instantAt((await day.getAttribute('data-date')) ?? '', '03:00', 'Africa/Maputo');
    const slot = day.getByTestId('slot').first();
    await slot.locator('input').evaluate((input, value) => input.setAttribute('value', value), gone);
    await slot.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);
    await page.getByTestId('booking-review').waitFor();
    expect(await page.getByTestId('booking-problems').count()).toBe(0);
    await page.getByTestId('confirm-booking').click();
    await expect
      .poll(() => page.getByTestId('booking-error').textContent(), { timeout: 15_000 })
      .toMatch(/not an available slot/i);
    expect(new URL(page.url()).pathname).toBe(`/doctors/${doctor.accountId}/book`);
    expect(await stack.platform.eventStore.headPosition()).toBe(before);
  });
});
