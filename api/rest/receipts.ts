/** An appointment's payment receipt as a printable PDF, rendered like the prescription (prescriptions.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DocumentRendererPort } from '../../activities/ports/document-renderer.js';
import { protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { readReceiptDocument } from '../printing/receipt-document.js';
import { receiptHtml } from '../printing/receipt-html.js';
import { appointmentPdfRoute } from './pdf-download.js';

/** `renderer`: the app's one browser for printed documents (buildApp owns and closes it). */
export const receiptRoutes =
  (deps: ApiDeps, renderer: DocumentRendererPort): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    appointmentPdfRoute(app, deps, renderer, {
      kind: 'receipt',
      summary: 'The appointment’s payment receipt as a PDF',
      description:
        'For the patient (or their guardian), finance and admins (each staff read is audited); not the ' +
        'doctor. What was paid, each refund with its date, the net and the provider’s payment reference. ' +
        '404 APPOINTMENT_NOT_FOUND when you may not see it; 404 RECEIPT_NOT_FOUND when nothing was paid (a ' +
        'payment received a moment ago may take a moment to appear). An A4 PDF download.',
      read: (account, id) => readReceiptDocument(deps, account, id),
      html: receiptHtml,
    });
  };
