/**
 * Staff for browser tests: an administrator made the way `npm run user:create` makes one, who then
 * turns on two-step verification on the security page (an authenticator app played by `otpauth`),
 * as every staff account must before it can act.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createPasswordAccount } from '../../api/auth/registration.js';
import { authenticatorFor, freshCredentials, logInThroughPage, nextUnusedCode } from '../support/e2e-identity.js';
import type { TestPlatform } from '../support/platform.js';

/** Turns two-step verification on from the security page; returns the authenticator and the step it used. */
export async function enableTotp(page: Page, webUrl: string) {
  await page.goto(`${webUrl}/account/security`);
  await page.getByTestId('totp-start').click();
  const secretElement = page.getByTestId('totp-secret');
  await secretElement.waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

  const otpauthUrl = await page.getByRole('link', { name: 'Open it in your app' }).getAttribute('href');
  const totp = authenticatorFor(otpauthUrl ?? '');
  // The key shown for typing by hand is the same one the QR code and the link carry.
  const shownSecret = ((await secretElement.textContent()) ?? '').replace(/\s/g, '');
  expect(shownSecret).toBe(totp.secret.base32);

  const { code, counter } = nextUnusedCode(totp, null);
  const form = page.getByTestId('totp-enable-form');
  await form.getByLabel('6-digit code').fill(code);
  await form.getByRole('button', { name: /turn on/i }).click();

  const codes = page.getByTestId('backup-codes').getByTestId('backup-code');
  await codes.first().waitFor({ timeout: 15_000 });
  expect(await codes.count()).toBeGreaterThanOrEqual(5);
  await page.getByLabel(/I saved my backup codes/).check();
  await page.getByRole('button', { name: 'I saved them' }).click();
  await page.getByTestId('totp-on').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('totp-status').textContent()).toMatch(/On/);
  return { totp, lastCounter: counter };
}

/** A fresh administrator, logged in on `page` with two-step verification on. */
export async function logInAsNewAdmin(page: Page, webUrl: string, platform: TestPlatform): Promise<void> {
  const admin = freshCredentials('admin');
  await createPasswordAccount(
    { pool: platform.db.pool, eventStore: platform.eventStore, now: () => new Date() },
    { ...admin, role: 'admin', method: 'cli' },
  );
  await logInThroughPage(page, webUrl, admin);
  await enableTotp(page, webUrl);
}
