/**
 * A patient's household and the "Free on" search, in Chromium.
 *
 * Dependants: a patient adds a child, edits the child's name on the prefilled form, books a
 * consultation for the child, and is refused the child's removal while that appointment is ahead
 * (the refusal links to it); once it is cancelled the child can be removed, and is gone from the
 * list and from the booking form's "Who is this for?".
 *
 * "Free on": the date is a day on the viewer's own calendar. A doctor who works only on Wednesday
 * evenings in UTC is free on Thursday morning for a viewer in Tokyo (UTC+9, no daylight saving),
 * and not on that Wednesday, the opposite of what a search ignoring the viewer's zone would say.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId } from '../../domain/index.js';
import { givenVerifiedDoctor, type TestDoctor } from '../support/doctors.js';
import { freshCredentials, logInThroughPage, registerThroughApi } from '../support/e2e-identity.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { reloadUntilVisible, wallTime } from './browsing.js';
import { snap } from './screenshots.js';
import { approveAndReturn, confirmToCheckout } from './test-checkout.js';

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const PATIENT_ZONE = 'Africa/Maputo';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack();
});
afterAll(() => stack?.stop());

/** A fresh patient of their own, logged in through the page, in a browser on `timezoneId`'s clock. */
async function patientPage(timezoneId: string): Promise<Page> {
  const page = await stack.newPage(timezoneId);
  const credentials = freshCredentials('household');
  await registerThroughApi(stack.apiUrl, credentials);
  await logInThroughPage(page, stack.webUrl, credentials);
  return page;
}

/** A doctor in Maputo, every day 09:00–17:00, once the public directory shows them. */
async function givenDoctorEveryDay(profile: { displayName: string; practiceName?: string }): Promise<TestDoctor> {
  return givenVerifiedDoctor(stack.platform.app, {
    profile,
    availability: {
      timeZone: PATIENT_ZONE,
      weekly: EVERY_DAY.map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    },
  });
}

describe('a guardian’s dependants', () => {
  const firstName = 'Lina Tembe';
  const newName = 'Lina Mucavele Tembe';
  let page: Page;
  let doctor: TestDoctor;
  let dependantId = '';
  let appointmentId = '';
  let startsAt = '';

  const row = () => page.locator(`[data-testid="dependant"][data-id="${dependantId}"]`);
  const subjectChoices = () =>
    page
      .getByTestId('booking-subject')
      .locator('option')
      .evaluateAll((options) =>
        options.map((option) => ({ value: option.getAttribute('value'), text: option.textContent?.trim() })),
      );

  /**
   * The list reads the patients read model, which follows the event a moment after the API answers
   * (the success message comes from the answer itself): reload until it lists the name.
   */
  async function reloadUntilListed(name: string): Promise<void> {
    const names = page.getByTestId('dependant').locator('.person-name');
    await expect
      .poll(
        async () => {
          const shown = await names.allTextContents();
          if (!shown.includes(name)) await page.reload();
          return shown;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain(name);
  }

  /** The doctor's page, once it shows times on the patient's own clock. */
  async function openDoctor(): Promise<void> {
    await page.goto(`${stack.webUrl}/doctors/${doctor.accountId}`);
    await expect.poll(() => page.getByTestId('slot-zone').textContent(), { timeout: 15_000 }).toMatch(/Maputo/);
  }

  beforeAll(async () => {
    doctor = await givenDoctorEveryDay({ displayName: 'Dr. Family Practice' });
    page = await patientPage(PATIENT_ZONE);
  });

  it('adds a child, then edits the child’s name on the prefilled form', async () => {
    await Promise.all([page.waitForURL(/\/dependants$/), page.getByTestId('nav-dependants').click()]);
    await page.getByTestId('dependants-empty').waitFor();

    const form = page.getByTestId('dependant-form');
    await form.getByLabel('Full name').fill(firstName);
    await form.getByLabel('They are your').selectOption('child');
    await form.getByLabel('Date of birth').fill('2019-03-14');
    await form.getByLabel('Sex').selectOption('female');
    await form.getByRole('button', { name: 'Add dependant' }).click();
    await page.getByTestId('dependant-added').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dependant-added').textContent()).toContain(firstName);
    await reloadUntilListed(firstName);
    const added = page.getByTestId('dependant');
    expect(await added.count()).toBe(1);
    dependantId = (await added.getAttribute('data-id')) ?? '';
    expect(dependantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await row().textContent()).toMatch(/Child/);

    // The edit form opens in the address, with the child's details filled in.
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/dependants?edit=${dependantId}`),
      row().getByTestId('dependant-edit').click(),
    ]);
    const edit = page.getByTestId('dependant-edit-form');
    await edit.waitFor();
    expect(await edit.getByLabel('Full name').inputValue()).toBe(firstName);
    expect(await edit.getByLabel('They are your').inputValue()).toBe('child');
    expect(await edit.getByLabel('Date of birth').inputValue()).toBe('2019-03-14');
    expect(await edit.getByLabel('Sex').inputValue()).toBe('female');
    await edit.getByLabel('Full name').fill(newName);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/dependants?saved=${dependantId}`, { timeout: 20_000 }),
      edit.getByTestId('edit-save').click(),
    ]);
    await reloadUntilListed(newName);
    expect(await page.getByTestId('dependant-saved').textContent()).toContain(newName);
    expect(await row().locator('.person-name').textContent()).toBe(newName);
    expect(await page.getByTestId('dependant').count()).toBe(1);
  });

  it('books for the child, and removing the child is refused, naming that appointment', async () => {
    expect(dependantId).not.toBe('');
    await openDoctor();
    // "Who is this for?" offers the child under the new name.
    expect(await subjectChoices()).toEqual([
      { value: '', text: 'Myself' },
      { value: dependantId, text: `${newName} (child)` },
    ]);
    await page.getByTestId('booking-subject').selectOption(dependantId);
    // A slot two days ahead, so no notice rule gets in the way.
    const slot = page.getByTestId('slot-day').nth(2).getByTestId('slot').first();
    startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
    expect(Date.parse(startsAt)).toBeGreaterThan(Date.now());
    await slot.click();
    await Promise.all([page.waitForURL(/\/doctors\/[0-9a-f-]+\/book\?/), page.getByTestId('book').click()]);
    await page.getByTestId('booking-review').waitFor();
    expect(await page.getByTestId('review-for').textContent()).toContain(newName);
    await confirmToCheckout(page);
    appointmentId = await approveAndReturn(page, stack.webUrl);
    await expect
      .poll(() => page.getByTestId('appointment-page').getAttribute('data-status'), { timeout: 20_000 })
      .toMatch(/^(confirmed|reminded)$/);
    // Booked for the child, not for the guardian.
    const [requested] = await stack.platform.eventStore.readStream(appointmentStreamId(appointmentId));
    expect(requested?.data).toMatchObject({ patientId: dependantId, startsAt });

    // "Remove" asks first; confirming is refused while the appointment is ahead.
    await page.goto(`${stack.webUrl}/dependants`);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/dependants?remove=${dependantId}`),
      row().getByTestId('dependant-remove').click(),
    ]);
    const panel = page.getByTestId('dependant-remove-panel');
    expect(await panel.getByRole('heading').textContent()).toContain(`Remove ${newName}?`);
    await panel.getByTestId('dependant-remove-confirm').click();
    const refusal = page.getByTestId('dependant-remove-error');
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toContain(`${newName} was not removed`);
    expect(await refusal.textContent()).toMatch(/upcoming appointments/);
    const links = page.getByTestId('dependant-upcoming').getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe(`/appointments/${appointmentId}`);
    expect(await links.locator('time').getAttribute('datetime')).toBe(startsAt);
    // On the patient's clock (the browser renders the time in its own zone).
    await expect.poll(() => links.textContent()).toContain(wallTime(startsAt, PATIENT_ZONE));
    await snap(page, 'household-remove-refused');
    // Still in the patient's care.
    expect(await row().count()).toBe(1);
  });

  it('cancels that appointment from the refusal’s link, then removes the child, who is gone everywhere', async () => {
    expect(appointmentId).not.toBe('');
    const links = page.getByTestId('dependant-upcoming').getByRole('link');
    await Promise.all([page.waitForURL(`${stack.webUrl}/appointments/${appointmentId}`), links.click()]);
    const shownStatus = () => page.getByTestId('appointment-page').getAttribute('data-status');
    await page.getByTestId('cancel-appointment').click();
    const cancel = page.getByTestId('cancel-panel');
    await cancel.waitFor();
    await cancel.getByTestId('cancel-reason').selectOption({ index: 0 });
    await cancel.getByTestId('confirm-cancel').click();
    await expect.poll(shownStatus, { timeout: 20_000 }).toMatch(/^(cancelled|refunded)$/);

    await page.goto(`${stack.webUrl}/dependants`);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/dependants?remove=${dependantId}`),
      row().getByTestId('dependant-remove').click(),
    ]);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/dependants?removed=1`, { timeout: 20_000 }),
      page.getByTestId('dependant-remove-confirm').click(),
    ]);
    await page.getByTestId('dependant-removed').waitFor();
    expect(await row().count()).toBe(0);
    expect(await page.getByTestId('dependants-list').getAttribute('data-count')).toBe('0');
    await page.getByTestId('dependants-empty').waitFor();

    // The booking form offers only the patient themself.
    await openDoctor();
    expect(await subjectChoices()).toEqual([{ value: '', text: 'Myself' }]);
  });
});

describe('searching for doctors free on a day of the viewer’s calendar', () => {
  const VIEWER_ZONE = 'Asia/Tokyo';
  const DAY_MS = 86_400_000;
  const word = `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

  /** The first Wednesday at least two days ahead (UTC date), clear of any notice rule. */
  function wednesdayAhead(now: Date): string {
    for (let days = 2; ; days += 1) {
      const day = new Date(now.getTime() + days * DAY_MS);
      if (day.getUTCDay() === 3) return day.toISOString().slice(0, 10);
    }
  }
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

  it('lists a doctor on the day they have slots on the viewer’s clock, and not on a day they have none', async () => {
    const wednesday = wednesdayAhead(new Date());
    const thursday = nextDay(wednesday);
    // Wednesdays 20:00–23:00 UTC only: Thursday 05:00–08:00 in Tokyo; nothing on a Tokyo Wednesday.
    const evenings = await givenVerifiedDoctor(stack.platform.app, {
      profile: { displayName: 'Dr. Wednesday Evening', practiceName: `Clinic ${word}` },
      availability: { timeZone: 'UTC', weekly: [{ weekday: 'wednesday', start: '20:00', end: '23:00' }] },
    });
    // A colleague free every day: the search on the empty day still answers with someone.
    const colleague = await givenDoctorEveryDay({ displayName: 'Dr. Every Day', practiceName: `Clinic ${word}` });
    const card = (doctor: TestDoctor) => `[data-testid="doctor-card"][data-id="${doctor.accountId}"]`;

    const page = await patientPage(VIEWER_ZONE);
    // Both in the directory (a read model), and the page on the viewer's clock (the zone cookie).
    await page.goto(`${stack.webUrl}/doctors?q=${word}`);
    await reloadUntilVisible(page, card(colleague));
    await reloadUntilVisible(page, card(evenings));
    await expect.poll(() => page.getByTestId('results-count').textContent()).toContain(VIEWER_ZONE);

    /** Picks the date in the form and searches; resolves once the results for it are shown. */
    async function searchFreeOn(date: string): Promise<void> {
      await page.getByTestId('search-available-on').fill(date);
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('availableOn') === date, { timeout: 20_000 }),
        page.getByTestId('doctor-search-submit').click(),
      ]);
      await page.getByTestId('doctor-results').waitFor();
    }

    await searchFreeOn(thursday);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    await page.locator(card(evenings)).waitFor();
    await page.locator(card(colleague)).waitFor();
    // Their first free time on that Thursday (never an earlier Wednesday evening): 05:00 in Tokyo.
    const next = page.locator(card(evenings)).getByTestId('doctor-card-next');
    expect(await next.locator('time').getAttribute('datetime')).toBe(`${wednesday}T20:00:00.000Z`);
    expect(await next.textContent()).toMatch(/Free on\s+Thu\b.* from 05:00/);
    await snap(page, 'household-free-on-thursday');

    // The Wednesday on the viewer's calendar (Tuesday 15:00 to Wednesday 15:00 UTC): only the colleague.
    await searchFreeOn(wednesday);
    await expect.poll(() => page.locator(card(evenings)).count()).toBe(0);
    await page.locator(card(colleague)).waitFor();
    expect(await page.getByTestId('doctor-card').count()).toBe(1);
    await snap(page, 'household-free-on-wednesday');
    expect(await page.getByTestId('search-available-on').inputValue()).toBe(wednesday);
    await page.context().close();
  });
});
