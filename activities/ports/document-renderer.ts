/**
 * Turns a self-contained HTML document (ours: styles inline, images as data: URLs) into a PDF.
 * The API renders on request (prescriptions today, invoices next). Adapter: headless Chromium
 * (adapters/chromium-renderer.ts); there is no local stand-in, as Chromium is a listed
 * prerequisite (CHROMIUM_PATH) and a fake PDF would only hide a broken install.
 */
export interface DocumentRendererPort {
  /** An A4 PDF of the document. Rejects when the renderer cannot start or takes too long. */
  renderPdf(html: string): Promise<Buffer>;
  /** Frees the renderer's resources (the app's shutdown); a later renderPdf starts it again. */
  close(): Promise<void>;
}
