/**
 * PDFs from headless Chromium (CHROMIUM_PATH) through puppeteer-core. One browser, launched on the
 * first render and reused (a launch costs about a second; a page costs milliseconds); a fresh page
 * per document, closed after. A browser that died (crash, OOM kill) is launched again on the next
 * render. close() belongs to the app's shutdown.
 *
 * The HTML is ours and escaped, but a stray tag must still not turn into a fetch or a script:
 * JavaScript is off on the page and every request except data: URLs is aborted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions, type Page } from 'puppeteer-core';
import type { DocumentRendererPort } from '../ports/document-renderer.js';

/** Debian's and Ubuntu's package (config: CHROMIUM_PATH). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumRendererOptions {
  readonly executablePath: string;
  /** One render, page to PDF bytes (default 20 s). */
  readonly timeoutMs?: number;
  /** Pages rendering at once; more wait their turn, so a burst cannot exhaust memory (default 2). */
  readonly maxPages?: number;
  /**
   * Run without Chromium's sandbox even when not root: containers whose default seccomp profile
   * forbids the namespaces it needs (CHROMIUM_NO_SANDBOX). The pages are ours, scripts off, network blocked.
   */
  readonly noSandbox?: boolean;
  /** puppeteer's launch; tests pass a wrapper to reach the browser process. */
  readonly launch?: (options: LaunchOptions) => Promise<Browser>;
}

interface Running {
  readonly browser: Browser;
  readonly userDataDir: string;
}

const MARGIN = { top: '18mm', right: '16mm', bottom: '18mm', left: '16mm' };

/** Chromium may still be writing into its profile as it exits: retry, and never fail a render over it. */
const removeProfile = (dir: string) =>
  rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);

export function chromiumArgs(runsAsRoot: boolean): string[] {
  return [
    // Chromium refuses to start as root with its sandbox on; as any other user the sandbox stays
    // unless the deployment says its container cannot give it one (CHROMIUM_NO_SANDBOX).
    ...(runsAsRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

export function createChromiumRenderer(options: ChromiumRendererOptions): DocumentRendererPort {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const launch = options.launch ?? ((launchOptions: LaunchOptions) => puppeteer.launch(launchOptions));
  const slots = limiter(options.maxPages ?? 2);
  let running: Promise<Running> | null = null;

  async function launchBrowser(): Promise<Running> {
    const userDataDir = await mkdtemp(join(tmpdir(), 'consulta-chromium-'));
    try {
      const browser = await launch({
        executablePath: options.executablePath,
        headless: true,
        userDataDir,
        args: chromiumArgs(options.noSandbox === true || process.getuid?.() === 0),
        // The app's shutdown closes the browser (close()); puppeteer must not act on signals itself.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 30_000,
      });
      return { browser, userDataDir };
    } catch (cause) {
      await removeProfile(userDataDir);
      const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      throw new Error(`Chromium at ${options.executablePath} could not start (set CHROMIUM_PATH): ${reason}`, {
        cause,
      });
    }
  }

  /** Launches a browser and forgets it (so the next render launches anew) if the launch fails or it dies. */
  function track(launching: Promise<Running>): Promise<Running> {
    const forget = () => {
      if (running === launching) running = null;
    };
    launching.then(
      ({ browser, userDataDir }) =>
        browser.once('disconnected', () => {
          forget();
          void removeProfile(userDataDir);
        }),
      forget,
    );
    return launching;
  }

  /** The running browser; concurrent first renders share one launch. */
  async function browser(): Promise<Browser> {
    const launching = (running ??= track(launchBrowser()));
    const { browser: current } = await launching;
    if (current.connected) return current;
    // It died a moment ago, before its 'disconnected' event arrived: one relaunch for all who noticed.
    if (running === launching || running === null) running = track(launchBrowser());
    return (await running).browser;
  }

  async function render(page: Page, html: string): Promise<Buffer> {
    page.setDefaultTimeout(timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: MARGIN, timeout: timeoutMs });
    return Buffer.from(pdf);
  }

  return {
    renderPdf: (html) =>
      slots(async () => {
        const page = await (await browser()).newPage();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`PDF rendering took longer than ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          return await Promise.race([render(page, html), deadline]);
        } finally {
          clearTimeout(timer);
          await page.close().catch(() => undefined);
        }
      }),

    async close() {
      const current = running && (await running.catch(() => null));
      running = null;
      if (!current) return;
      await current.browser.close().catch(() => undefined);
      await removeProfile(current.userDataDir);
    },
  };
}

/** Runs at most `max` tasks at once, the rest in arrival order (a finishing task hands its slot on). */
function limiter(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
