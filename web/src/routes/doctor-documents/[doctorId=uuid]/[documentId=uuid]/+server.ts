import { proxyDocument } from '$lib/server/file-proxy';
import { requireSession } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * One credential document, for the doctor it belongs to or an admin (the API decides, answering
 * 404 to anyone else). `?download=1` saves it instead of showing it.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  requireSession(locals, url);
  return proxyDocument(locals.api, params.doctorId, params.documentId, {
    download: url.searchParams.get('download') === '1',
  });
};
