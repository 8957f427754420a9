/**
 * The specialization catalog in the browser: an admin renames an entry, retires it (the public
 * catalog, hence the search filters, drops it) and restores it, each from its row on
 * /admin/specializations. What the changes do to search and profiles is proven in
 * api/rest/admin-specializations.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { snap } from './screenshots.js';
import { logInAsNewAdmin } from './staff.js';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack();
});
afterAll(() => stack?.stop());

const offeredNames = async () => {
  const response = await fetch(`${stack.apiUrl}/api/v1/specializations`);
  return ((await response.json()) as { items: Array<{ name: string }> }).items.map((item) => item.name);
};

async function addThroughPage(page: Page, name: string): Promise<void> {
  const form = page.getByTestId('specialization-form');
  await form.getByLabel('Name').fill(name);
  await form.getByTestId('specialization-add').click();
  await page.getByTestId('specialization-added').waitFor({ timeout: 15_000 });
}

describe('the specialization catalog for admins', () => {
  it('renames, retires and restores an entry from its row', async () => {
    const context = await stack.browser.newContext({ timezoneId: 'Africa/Maputo', locale: 'en-GB' });
    const page = await context.newPage();
    await logInAsNewAdmin(page, stack.webUrl, stack.platform);
    await page.goto(`${stack.webUrl}/admin/specializations`);

    const word = randomUUID().slice(0, 8);
    await addThroughPage(page, `Sleep medicine ${word}`);
    const row = page.locator(`[data-testid="specialization"][data-id="sleep-medicine-${word}"]`);

    await row.getByText('Rename').click();
    await row.getByLabel('New name').fill(`Sleep and dreams ${word}`);
    await row.getByRole('button', { name: 'Save name' }).click();
    await expect
      .poll(() => page.getByTestId('specialization-changed').textContent(), { timeout: 15_000 })
      .toContain(`Renamed to Sleep and dreams ${word}`);
    expect(await row.locator('.cell-primary').textContent()).toBe(`Sleep and dreams ${word}`);
    expect(await offeredNames()).toContain(`Sleep and dreams ${word}`);

    // A name another entry has, in another case, is refused next to the field.
    await row.getByText('Rename').click();
    await row.getByLabel('New name').fill('CARDIOLOGY');
    await row.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => row.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/another/i);

    await row.getByRole('button', { name: `Retire Sleep and dreams ${word}` }).click();
    await expect.poll(() => row.getAttribute('data-retired'), { timeout: 15_000 }).toBe('true');
    expect(await offeredNames()).not.toContain(`Sleep and dreams ${word}`);
    await snap(page, 'admin-specializations-retired');

    await row.getByRole('button', { name: `Restore Sleep and dreams ${word}` }).click();
    await expect.poll(() => row.getAttribute('data-retired'), { timeout: 15_000 }).toBe('false');
    expect(await offeredNames()).toContain(`Sleep and dreams ${word}`);
    await context.close();
  });
});
