/** Helpers for browser tests: waiting on read models, and wall-clock times in a zone. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Reloads until `locator` is there: read models (queue, search, appointments) follow events by a moment. */
export async function reloadUntilVisible(page: Page, selector: string, timeout = 20_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await page.locator(selector).count()) > 0) return true;
        await page.reload();
        return (await page.locator(selector).count()) > 0;
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
}

/** The instant a wall-clock time on `date` in `timeZone` stands for (no DST edge in these tests). */
export function instantAt(date: string, time: string, timeZone: string): string {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const wall = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const part = (type: string) => Number(wall.find((p) => p.type === type)?.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}

export const wallTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
