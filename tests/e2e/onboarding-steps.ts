/**
 * The doctor onboarding wizard's first three steps, as a doctor fills them in, each checking what
 * the page answers: the profile (refused once without a specialization), the credentials (a PNG ID,
 * a PDF licence, and a fake picture refused on its own), and the practice (every day 09:00–12:00 in
 * Lisbon, video €40 and voice €25.50, one service, online).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { onePagePdf, solidPng } from './files.js';
import { snap } from './screenshots.js';

export async function fillProfileStep(page: Page, displayName: string): Promise<void> {
  // 1. Profile: a missing specialization is refused next to its field, and the typed values stay.
  const profile = page.getByTestId('practice-profile-form');
  await profile.getByLabel('Display name').fill(displayName);
  await profile.getByLabel('Practice name').fill('Clínica do Chiado');
  await profile.getByLabel('Years of experience').fill('15');
  await profile.getByLabel('About you').fill('Cardiologist with a focus on prevention.');
  await profile.getByLabel('English (en)').check();
  await profile.getByLabel('Português (pt)').check();
  await profile.getByLabel('Degree').first().fill('MD');
  await profile.getByLabel('Institution').first().fill('Universidade de Lisboa');
  await profile.getByLabel('Year', { exact: true }).first().fill('2008');
  await profile.getByLabel('Licence number').fill('OM-58213');
  await profile.getByLabel('Issuing body').fill('Ordem dos Médicos');
  await profile.getByTestId('profile-save').click();
  await expect
    .poll(() => profile.locator('#specializationIds-error').textContent(), { timeout: 15_000 })
    .toMatch(/specialization/i);
  expect(await profile.getByLabel('Display name').inputValue()).toBe(displayName);
  await profile.getByLabel('Cardiology', { exact: true }).check();
  await snap(page, 'onboarding-profile');
  await Promise.all([
    page.waitForURL(/step=credentials/, { timeout: 20_000 }),
    profile.getByTestId('profile-save').click(),
  ]);
}

export async function uploadCredentialsStep(page: Page): Promise<void> {
  // 2. Credentials: a PNG government ID, a PDF licence; a file that is not a picture is refused on its own.
  await page
    .getByTestId('upload-government_id')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'id-card.png',
      mimeType: 'image/png',
      buffer: solidPng(32),
    });
  await page.getByTestId('upload-government_id-submit').click();
  await page.getByTestId('upload-government_id-saved').waitFor({ timeout: 20_000 });
  // 1 MiB: over adapter-node's default body limit (512K), which the web server must raise (BODY_SIZE_LIMIT).
  await page
    .getByTestId('upload-medical_licence')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'licence.pdf',
      mimeType: 'application/pdf',
      buffer: onePagePdf('Medical licence', { atLeastBytes: 1024 * 1024 }),
    });
  await page.getByTestId('upload-medical_licence-submit').click();
  await page.getByTestId('upload-medical_licence-saved').waitFor({ timeout: 20_000 });
  await page
    .getByTestId('upload-photo')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is text, not a picture'),
    });
  await page.getByTestId('upload-photo-submit').click();
  await expect
    .poll(() => page.getByTestId('upload-photo-error').textContent(), { timeout: 15_000 })
    .toMatch(/PNG or JPEG/);
  expect(await page.getByTestId('document-government_id').getAttribute('data-uploaded')).toBe('true');
  expect(await page.getByTestId('document-medical_licence').getAttribute('data-uploaded')).toBe('true');
  expect(await page.getByTestId('document-photo').getAttribute('data-uploaded')).toBe('false');
  await snap(page, 'onboarding-credentials');
}

export async function setUpPracticeStep(page: Page): Promise<void> {
  // 3. Practice: every day 09:00–12:00 in Lisbon, two fees in euros, one service, online.
  await page.getByTestId('wizard-next').click();
  await page.waitForURL(/step=practice/);
  const hours = page.getByTestId('availability-form');
  await hours.getByLabel('Time zone').selectOption('Europe/Lisbon');
  await hours.getByLabel('Minimum notice (minutes)').fill('60');
  await hours.getByLabel('Bookable up to (days ahead)').fill('30');
  await hours.getByTestId('add-hours-monday').click();
  await hours.locator('input[name="weekly.monday.0.start"]').fill('09:00');
  await hours.locator('input[name="weekly.monday.0.end"]').fill('12:00');
  await hours.getByTestId('copy-monday-all').click();
  expect(await hours.locator('input[name="weekly.sunday.0.start"]').inputValue()).toBe('09:00');
  await hours.getByTestId('availability-save').click();
  await hours.getByTestId('availability-saved').waitFor({ timeout: 15_000 });

  const fees = page.getByTestId('methods-form');
  await fees.getByLabel('Currency').selectOption('EUR');
  await fees.getByTestId('method-video').getByRole('checkbox').check();
  await fees.getByLabel('Video call fee').fill('40');
  await fees.getByTestId('method-voice').getByRole('checkbox').check();
  await fees.getByLabel('Voice call fee').fill('25.50');
  await fees.getByTestId('methods-save').click();
  await fees.getByTestId('methods-saved').waitFor({ timeout: 15_000 });

  const service = page.getByTestId('add-service-form');
  await service.getByLabel('Service name').fill('Cardiology consultation');
  await service.getByLabel('Length (minutes)').fill('30');
  await service.getByLabel('Video call').check();
  await service.getByLabel('Voice call').check();
  await service.getByTestId('add-service').click();
  await page.getByTestId('service').filter({ hasText: 'Cardiology consultation' }).waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('service').textContent()).toMatch(/€40\.00.*€25\.50/s);

  await page.getByTestId('online-toggle').click();
  await expect.poll(() => page.getByTestId('online-status').textContent(), { timeout: 15_000 }).toBe('Online');
  await snap(page, 'onboarding-practice');
}
