/**
 * One printed document of an appointment as a PDF download (the prescription, the receipt): who may
 * read it is the document reader's business; this does the render, the rate limit and the headers
 * every such download shares.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DocumentRendererPort } from '../../activities/ports/document-renderer.js';
import type { ActingAccount } from '../../domain/access/policy.js';
import { actingAccountOf } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { appointmentIdParams } from './appointment-schemas.js';

export interface AppointmentPdf<D extends { readonly appointmentId: string }> {
  /** `prescription` → GET /api/v1/appointments/:id/prescription.pdf, saved as prescription-<id>.pdf. */
  readonly kind: string;
  readonly summary: string;
  readonly description: string;
  /** Status codes its reader refuses with, besides 401/403/404. */
  readonly alsoRefusesWith?: readonly 409[];
  readonly read: (account: ActingAccount, appointmentId: string) => Promise<D>;
  readonly html: (document: D) => string;
}

export function appointmentPdfRoute<D extends { readonly appointmentId: string }>(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'pool'>,
  renderer: DocumentRendererPort,
  pdf: AppointmentPdf<D>,
): void {
  const refusals = Object.fromEntries([401, 403, 404, ...(pdf.alsoRefusesWith ?? [])].map((code) => [code, errorBody]));
  app.withTypeProvider<ZodTypeProvider>().get(
    `/api/v1/appointments/:id/${pdf.kind}.pdf`,
    {
      // A render costs a browser page: far fewer per client than the global ceiling.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: pdf.summary,
        description: pdf.description,
        tags: ['appointments'],
        params: appointmentIdParams,
        response: { 200: z.instanceof(Buffer).describe('application/pdf'), ...refusals },
      },
    },
    async (request, reply) => {
      const account = await actingAccountOf(request, deps.pool);
      const document = await pdf.read(account, request.params.id);
      const bytes = await renderer.renderPdf(pdf.html(document));
      return (
        reply
          .header('content-type', 'application/pdf')
          // The validated uuid only: a patient's name in a file name would end up in download folders and logs.
          .header('content-disposition', `attachment; filename="${pdf.kind}-${document.appointmentId}.pdf"`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(bytes)
      );
    },
  );
}
