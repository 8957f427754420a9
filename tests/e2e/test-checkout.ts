/** Paying for a booking in the browser, on the API's local test checkout (GET /dev/checkout/…). */
import type { Page } from 'playwright-core';

/** From the booking's review step: confirm, and land on the test checkout's page. */
export async function confirmToCheckout(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/dev\/checkout\/lpay_[0-9a-f]{32}$/, { timeout: 20_000 }),
    page.getByTestId('confirm-booking').click(),
  ]);
}

/** On the test checkout: approve, and follow "Return to Consulta" to the appointment's page; its id. */
export async function approveAndReturn(page: Page, webUrl: string): Promise<string> {
  await page.getByRole('button', { name: 'Approve payment' }).click();
  await page.getByRole('heading', { name: /Payment approved/ }).waitFor();
  await Promise.all([
    page.waitForURL(new RegExp(`^${webUrl}/appointments/[0-9a-f-]{36}$`), { timeout: 30_000 }),
    page.getByRole('link', { name: 'Return to Consulta' }).click(),
  ]);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}
