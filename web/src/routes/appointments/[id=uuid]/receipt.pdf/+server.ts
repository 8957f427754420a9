import { requireSession } from '$lib/server/guards';
import { proxyAppointmentPdf } from '$lib/server/appointment-pdf-proxy';
import type { RequestHandler } from './$types';

/** The payment receipt as a PDF download, for whoever the API lets read it (the page's "Download receipt"). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  requireSession(locals, url);
  return proxyAppointmentPdf(locals.api, params.id, 'receipt');
};
