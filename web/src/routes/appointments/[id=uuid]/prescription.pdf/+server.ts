import { requireSession } from '$lib/server/guards';
import { proxyPrescriptionPdf } from '$lib/server/prescription-pdf-proxy';
import type { RequestHandler } from './$types';

/** The prescription as a PDF download, for whoever the API lets read it (the page's "Download PDF"). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  requireSession(locals, url);
  return proxyPrescriptionPdf(locals.api, params.id);
};
