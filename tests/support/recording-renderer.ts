/**
 * The real Chromium renderer for API tests, keeping the HTML of every document it rendered. It
 * renders once before the tests, so a missing Chromium fails the setup with the renderer's own
 * message (CHROMIUM_PATH) rather than later as a 500.
 */
import { createChromiumRenderer } from '../../activities/adapters/chromium-renderer.js';
import type { DocumentRendererPort } from '../../activities/ports/document-renderer.js';
import { chromiumPath } from './browser.js';

export async function startRecordingRenderer(): Promise<{
  readonly renderer: DocumentRendererPort;
  /** Every document rendered, as HTML, newest last. */
  readonly rendered: readonly string[];
}> {
  const chromium = createChromiumRenderer({ executablePath: chromiumPath() });
  await chromium.renderPdf('<p>probe</p>');
  const rendered: string[] = [];
  return {
    rendered,
    renderer: {
      renderPdf: (html) => {
        rendered.push(html);
        return chromium.renderPdf(html);
      },
      close: () => chromium.close(),
    },
  };
}
