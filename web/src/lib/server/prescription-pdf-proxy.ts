/**
 * An appointment's prescription as a PDF, streamed through this server from the API
 * (GET /api/v1/appointments/:id/prescription.pdf): the browser holds no API token, so the session
 * fetch behind `api.raw` calls as the signed-in person and the API decides who may have it,
 * answering 404 to anyone else. Always a download, never kept in a cache on the way.
 */
import { error } from '@sveltejs/kit';
import type { ApiClient } from './api-client';
import { mediaTypeOf, streamOn } from './streamed-answer';

/** The API names the file after the appointment only; anything else is replaced, not passed on. */
const FILE_NAME = /filename="(prescription-[0-9a-f-]{36}\.pdf)"/;

export async function proxyPrescriptionPdf(api: ApiClient, appointmentId: string): Promise<Response> {
  const answer = await api.raw(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/prescription.pdf`);
  if (!answer) error(503, 'The Consulta API is not reachable; try again in a moment.');
  const type = mediaTypeOf(answer);
  if (answer.status !== 200 || !answer.body || type !== 'application/pdf') {
    await answer.body?.cancel();
    if (answer.status === 401) error(401, 'Log in again to download this prescription.');
    // The API answers 404 to anyone who may not see it, as if it did not exist.
    if (answer.status === 404) error(404, 'No prescription for this appointment (yet).');
    if (answer.status === 409) error(409, 'This prescription was erased with the patient’s personal data.');
    if (answer.status === 429) error(429, 'Too many downloads at once; try again in a minute.');
    error(502, 'The prescription could not be prepared; try again in a moment.');
  }
  const fileName = FILE_NAME.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'prescription.pdf';
  const headers = new Headers({
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'referrer-policy': 'no-referrer',
  });
  return streamOn(answer, headers);
}
