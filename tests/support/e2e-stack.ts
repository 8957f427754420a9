/**
 * Everything a browser test drives, for one test file: the platform (tests/support/platform.ts),
 * the API and the built web app on free ports, and headless Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, type Stoppable } from '../../scripts/lib/services.js';
import { startWeb } from '../../scripts/lib/web-server.js';
import { launchBrowser } from './browser.js';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from './platform.js';

export interface E2eStack {
  readonly platform: TestPlatform;
  readonly apiUrl: string;
  readonly webUrl: string;
  readonly browser: Browser;
  /** A page in a browser context of its own (no cookies shared), on `timezoneId`'s clock. */
  newPage(timezoneId: string): Promise<Page>;
  /** Closes the browser, then the web app, the API and the platform. */
  stop(): Promise<void>;
}

export async function startE2eStack(options: Pick<TestPlatformOptions, 'timings'> = {}): Promise<E2eStack> {
  // Ports first: the worker puts the test checkout's address in each booking, and messages link to
  // the web app, so both addresses must be known before the platform starts.
  const apiPort = await freePort();
  let webPort = await freePort();
  while (webPort === apiPort) webPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;

  // Stopped last-started first, also when a later part fails to start.
  const started: Stoppable[] = [];
  const stop = async () => {
    for (const part of started.splice(0).reverse()) await part.stop();
  };
  try {
    const platform = await startTestPlatform({ ...options, publicWebUrl: webUrl, publicApiUrl: apiUrl });
    started.push({ stop: () => platform.close() });
    // Uploads go to the platform's own temporary file store.
    const api = await startApi(platform.deps, { host: '127.0.0.1', port: apiPort });
    started.push(api);
    const web = await startWeb({ port: webPort, apiUrl: api.url });
    started.push(web);
    const browser = await launchBrowser();
    started.push({ stop: () => browser.close() });
    const newPage = async (timezoneId: string) => {
      const viewport = { width: 1280, height: 900 };
      return (await browser.newContext({ timezoneId, locale: 'en-GB', viewport })).newPage();
    };
    return { platform, apiUrl: api.url, webUrl: web.url, browser, newPage, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
