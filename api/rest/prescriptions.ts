/**
 * Reading an appointment's prescription, as JSON or as a printable PDF (issuing it is a command:
 * appointment-commands.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DocumentRendererPort } from '../../activities/ports/document-renderer.js';
import { medicineRoute } from '../../domain/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { readPrescriptionDocument } from '../printing/prescription-document.js';
import { prescriptionHtml } from '../printing/prescription-html.js';
import { readPrescription } from '../reads/prescription-reads.js';
import { appointmentIdParams } from './appointment-schemas.js';
import { appointmentPdfRoute } from './pdf-download.js';

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

/** `renderer`: the app's one browser for printed documents (buildApp owns and closes it). */
export const prescriptionRoutes =
  (deps: ApiDeps, renderer: DocumentRendererPort): FastifyPluginAsyncZod =>
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

    appointmentPdfRoute(app, deps, renderer, {
      kind: 'prescription',
      summary: 'The appointment’s prescription as a PDF',
      description:
        'The same readers, audit and 404s as GET …/prescription; an A4 PDF download. 409 PRESCRIPTION_ERASED ' +
        'once the patient’s personal data was erased.',
      alsoRefusesWith: [409],
      read: (account, id) => readPrescriptionDocument(deps, account, id),
      html: prescriptionHtml,
    });
  };
