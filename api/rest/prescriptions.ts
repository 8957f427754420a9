/**
 * Reading an appointment's prescription, as JSON or as a printable PDF (issuing it is a command:
 * appointment-commands.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createChromiumRenderer, DEFAULT_CHROMIUM_PATH } from '../../activities/adapters/chromium-renderer.js';
import { medicineRoute } from '../../domain/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { readPrescriptionDocument } from '../printing/prescription-document.js';
import { prescriptionHtml } from '../printing/prescription-html.js';
import { readPrescription } from '../reads/prescription-reads.js';
import { appointmentIdParams } from './appointment-schemas.js';

export const prescriptionResource = z.object({
  prescriptionId: z.uuid(),
  appointmentId: z.uuid(),
  patientId: z.uuid(),
  doctorId: z.uuid(),
  issuedAt: z.string(),
  medicineCount: z.number().int(),
  /** The patient's personal data was erased: medicines and notes can no longer be read. */
  erased: z.boolean(),
  medicines: z.array(
    z.object({
      medicine: z.string(),
      dose: z.string(),
      route: medicineRoute,
      frequency: z.string(),
      duration: z.string(),
      notes: z.string().optional(),
    }),
  ),
  notes: z.string().nullable(),
});

export const prescriptionRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);

    app.get(
      '/api/v1/appointments/:id/prescription',
      {
        schema: {
          summary: 'The appointment’s prescription',
          description:
            'For the patient (or their guardian), the appointment’s doctor and admins (each admin read is ' +
            'audited). 404 APPOINTMENT_NOT_FOUND when you may not see it; 404 PRESCRIPTION_NOT_FOUND when none ' +
            'has been issued yet (a prescription issued a moment ago may take a moment to appear).',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: { 200: prescriptionResource, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        return readPrescription(deps, account, request.params.id);
      },
    );

    // Launched on the first PDF, not at start-up; closed with the app.
    const renderer = deps.documentRenderer ?? createChromiumRenderer({ executablePath: DEFAULT_CHROMIUM_PATH });
    app.addHook('onClose', () => renderer.close());

    app.get(
      '/api/v1/appointments/:id/prescription.pdf',
      {
        // A render costs a browser page: far fewer per client than the global ceiling.
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          summary: 'The appointment’s prescription as a PDF',
          description:
            'The same readers, audit and 404s as GET …/prescription; an A4 PDF download. 409 PRESCRIPTION_ERASED ' +
            'once the patient’s personal data was erased.',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: {
            200: z.instanceof(Buffer).describe('application/pdf'),
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
          },
        },
      },
      async (request, reply) => {
        const account = await actingAccountOf(request, deps.pool);
        const document = await readPrescriptionDocument(deps, account, request.params.id);
        const pdf = await renderer.renderPdf(prescriptionHtml(document));
        return (
          reply
            .header('content-type', 'application/pdf')
            // The validated uuid only: a patient's name in a file name would end up in download folders and logs.
            .header('content-disposition', `attachment; filename="prescription-${document.appointmentId}.pdf"`)
            .header('cache-control', 'no-store')
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; sandbox")
            .send(pdf)
        );
      },
    );
  };
