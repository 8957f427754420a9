/**
 * An appointment's documents as PDFs (its prescription, its payment receipt), streamed through
 * this server from the API (GET /api/v1/appointments/:id/<kind>.pdf): the browser holds no API
 * token, so the session fetch behind `api.raw` calls as the signed-in person and the API decides
 * who may have it, answering 404 to anyone else. Always a download, never kept in a cache on the way.
 */
import { error } from '@sveltejs/kit';
import type { ApiClient } from './api-client';
import { mediaTypeOf, streamOn } from './streamed-answer';

export type AppointmentPdf = 'prescription' | 'receipt';

/** What a refusal of each document means to the person asking. */
const REFUSALS: Record<AppointmentPdf, { readonly notFound: string; readonly conflict?: string }> = {
  // The API answers 404 to anyone who may not see it, as if it did not exist.
  prescription: {
    notFound: 'No prescription for this appointment (yet).',
    conflict: 'This prescription was erased with the patient’s personal data.',
  },
  // …and, for a receipt, while nothing has been paid.
  receipt: { notFound: 'No receipt for this appointment (yet).' },
};

export async function proxyAppointmentPdf(
  api: ApiClient,
  appointmentId: string,
  kind: AppointmentPdf,
): Promise<Response> {
  const answer = await api.raw(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/${kind}.pdf`);
  if (!answer) error(503, 'The Consulta API is not reachable; try again in a moment.');
  const type = mediaTypeOf(answer);
  if (answer.status !== 200 || !answer.body || type !== 'application/pdf') {
    await answer.body?.cancel();
    const refusal = REFUSALS[kind];
    if (answer.status === 401) error(401, `Log in again to download this ${kind}.`);
    if (answer.status === 404) error(404, refusal.notFound);
    if (answer.status === 409 && refusal.conflict) error(409, refusal.conflict);
    if (answer.status === 429) error(429, 'Too many downloads at once; try again in a minute.');
    error(502, `The ${kind} could not be prepared; try again in a moment.`);
  }
  // The API names the file after the appointment only; anything else is replaced, not passed on.
  const named = new RegExp(`filename="(${kind}-[0-9a-f-]{36}\\.pdf)"`).exec(
    answer.headers.get('content-disposition') ?? '',
  );
  const headers = new Headers({
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${named?.[1] ?? `${kind}.pdf`}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'referrer-policy': 'no-referrer',
  });
  return streamOn(answer, headers);
}
