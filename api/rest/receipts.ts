/** An appointment's payment receipt as a printable PDF, rendered like the prescription (prescriptions.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createChromiumRenderer, DEFAULT_CHROMIUM_PATH } from '../../activities/adapters/chromium-renderer.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { readReceiptDocument } from '../printing/receipt-document.js';
import { receiptHtml } from '../printing/receipt-html.js';
import { appointmentIdParams } from './appointment-schemas.js';

export const receiptRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);

    // buildApp passes the renderer the prescription routes use too: one browser for every document.
    const renderer = deps.documentRenderer ?? createChromiumRenderer({ executablePath: DEFAULT_CHROMIUM_PATH });
    app.addHook('onClose', () => renderer.close());

    app.get(
      '/api/v1/appointments/:id/receipt.pdf',
      {
        // A render costs a browser page: far fewer per client than the global ceiling.
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          summary: 'The appointment’s payment receipt as a PDF',
          description:
            'For the patient (or their guardian), finance and admins (each staff read is audited); not the ' +
            'doctor. What was paid, each refund with its date, the net and the provider’s payment reference. ' +
            '404 APPOINTMENT_NOT_FOUND when you may not see it; 404 RECEIPT_NOT_FOUND when nothing was paid (a ' +
            'payment received a moment ago may take a moment to appear). An A4 PDF download.',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: {
            200: z.instanceof(Buffer).describe('application/pdf'),
            401: errorBody,
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const account = await actingAccountOf(request, deps.pool);
        const document = await readReceiptDocument(deps, account, request.params.id);
        const pdf = await renderer.renderPdf(receiptHtml(document));
        return (
          reply
            .header('content-type', 'application/pdf')
            // The validated uuid only: a patient's name in a file name would end up in download folders and logs.
            .header('content-disposition', `attachment; filename="receipt-${document.appointmentId}.pdf"`)
            .header('cache-control', 'no-store')
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; sandbox")
            .send(pdf)
        );
      },
    );
  };
