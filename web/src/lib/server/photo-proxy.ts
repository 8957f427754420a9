/**
 * A doctor's public photo, streamed through this server from the API (GET /api/v1/doctors/:id/photo):
 * the browser reaches this origin only, and the CSP allows images from it alone. The caching is the
 * API's (public, with its ETag): a browser's revalidation goes on to the API and its 304 comes back.
 * Only a PNG or a JPEG is passed on, never as anything a browser would run.
 */
import type { ApiClient } from './api-client';
import { mediaTypeOf, streamOn } from './streamed-answer';

const IMAGE_TYPES: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export async function proxyDoctorPhoto(
  api: ApiClient,
  doctorId: string,
  ifNoneMatch: string | null,
): Promise<Response> {
  const answer = await api.raw(
    `/api/v1/doctors/${encodeURIComponent(doctorId)}/photo`,
    ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
  );
  if (!answer) return plain(503, 'The Consulta API is not reachable; try again in a moment.');

  const headers = new Headers({
    'cache-control': answer.headers.get('cache-control') ?? 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  const etag = answer.headers.get('etag');
  if (etag) headers.set('etag', etag);
  if (answer.status === 304) return new Response(null, { status: 304, headers });

  const type = mediaTypeOf(answer);
  const extension = IMAGE_TYPES[type];
  if (answer.status !== 200 || !answer.body || !extension) {
    await answer.body?.cancel();
    // The API answers 404 for doctors who are not listed and for those without a photo alike.
    return answer.status === 404
      ? plain(404, 'This doctor has no public photo.')
      : plain(502, 'The photo could not be read.');
  }
  headers.set('content-type', type);
  headers.set('content-disposition', `inline; filename="photo.${extension}"`);
  headers.set('content-security-policy', "default-src 'none'; sandbox");
  return streamOn(answer, headers);
}
