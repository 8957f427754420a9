/**
 * The Chromium renderer against the real browser (CHROMIUM_PATH): A4 PDFs, one browser for many
 * renders, a new one after it died or was closed, and a page that can neither run scripts nor
 * reach the network. No Chromium is a failure here, never a skip.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../tests/support/browser.js';
import { eventually } from '../../tests/support/temporal.js';
import type { DocumentRendererPort } from '../ports/document-renderer.js';
import { chromiumArgs, createChromiumRenderer } from './chromium-renderer.js';

const pagesOf = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

/** Every browser the renderer launched, and the options it launched them with. */
function recordingLaunch() {
  const launched: Array<{ browser: Browser; options: LaunchOptions }> = [];
  const launch = async (options: LaunchOptions) => {
    const browser = await puppeteer.launch(options);
    launched.push({ browser, options });
    return browser;
  };
  return { launched, launch };
}

let renderer: DocumentRendererPort | undefined;
afterEach(async () => {
  await renderer?.close();
  renderer = undefined;
});

/** A server the rendered page must never reach. */
let server: Server;
let hits: string[] = [];
let origin: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('body { background: red }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the Chromium renderer', () => {
  it('renders an A4 PDF with the document’s title, and keeps one browser for concurrent renders', async () => {
    const { launched, launch } = recordingLaunch();
    renderer = createChromiumRenderer({ executablePath: chromiumPath(), launch });
    const pdfs = await Promise.all(
      ['one', 'two', 'three'].map((name) => renderer!.renderPdf(`<title>Doc ${name}</title><p>${name}</p>`)),
    );
    for (const [i, name] of ['one', 'two', 'three'].entries()) {
      const pdf = pdfs[i]!;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pagesOf(pdf)).toBe(1);
      expect(pdf.toString('latin1')).toContain(`/Title (Doc ${name})`);
      // A4 is 595 × 842 points (Letter would be 612 × 792).
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]/);
    }
    expect(launched).toHaveLength(1);
    // The only pages left open are the browser's own: each render closed its page.
    expect((await launched[0]!.browser.pages()).length).toBeLessThanOrEqual(1);
  });

  it('runs no script and fetches nothing but data: URLs', async () => {
    hits = [];
    renderer = createChromiumRenderer({ executablePath: chromiumPath() });
    const pdf = await renderer.renderPdf(`<!doctype html><html><head>
      <link rel="stylesheet" href="${origin}/style.css">
      </head><body>
      <p>One page</p>
      <img src="${origin}/image.png">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <iframe src="${origin}/frame"></iframe>
      <script>document.body.innerHTML = '<p style="page-break-after: always">page</p>'.repeat(40);</script>
      <script src="${origin}/script.js"></script>
      </body></html>`);
    // The inline script would have made 40 pages.
    expect(pagesOf(pdf)).toBe(1);
    expect(hits).toEqual([]);
  });

  it('launches a new browser after the old one died, and after close()', async () => {
    const { launched, launch } = recordingLaunch();
    renderer = createChromiumRenderer({ executablePath: chromiumPath(), launch });
    await renderer.renderPdf('<p>first</p>');
    const first = launched[0]!;
    first.browser.process()?.kill('SIGKILL');
    await eventually(
      async () => (first.browser.connected ? undefined : true),
      10_000,
      'the killed browser to disconnect',
    );

    expect(pagesOf(await renderer.renderPdf('<p>after the crash</p>'))).toBe(1);
    expect(launched).toHaveLength(2);

    await renderer.close();
    expect(launched[1]!.browser.connected).toBe(false);
    // Its temporary profile went with it.
    expect(existsSync(String(launched[1]!.options.userDataDir))).toBe(false);
    expect(pagesOf(await renderer.renderPdf('<p>after close</p>'))).toBe(1);
    expect(launched).toHaveLength(3);
  });

  it('rejects with a message naming CHROMIUM_PATH when Chromium cannot start, and tries again next time', async () => {
    renderer = createChromiumRenderer({ executablePath: '/nonexistent/chromium' });
    await expect(renderer.renderPdf('<p>x</p>')).rejects.toThrow(
      /Chromium at \/nonexistent\/chromium could not start \(set CHROMIUM_PATH\)/,
    );
    await expect(renderer.renderPdf('<p>x</p>')).rejects.toThrow(/could not start/);
  });

  it('drops the sandbox only for root', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(false)).toEqual(
      expect.arrayContaining(['--disable-gpu', '--disable-background-networking', '--no-first-run']),
    );
  });
});
