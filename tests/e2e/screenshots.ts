/**
 * Screenshots for looking at pages by eye: set E2E_SCREENSHOTS to a folder and the browser tests
 * save each page they pass through there, at the width they run and at a 390 px phone width.
 * Off by default; nothing is asserted on them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const folder = process.env.E2E_SCREENSHOTS;

export async function snap(page: Page, name: string): Promise<void> {
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: join(folder, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(folder, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** One part of a page, at the width it runs. */
export async function snapPart(locator: Locator, name: string): Promise<void> {
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await locator.screenshot({ path: join(folder, `${name}.png`) });
}
