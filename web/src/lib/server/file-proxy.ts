/**
 * Credential documents, streamed through this server. The API hands out a 5-minute signed link
 * (`POST …/documents/:id/link`) that points at the API itself, which the browser cannot reach in
 * production; so the web server asks for a fresh link on every view (the API audits each one for
 * admins) and streams the bytes on from its own origin. The page's URL never holds the token.
 */
import { error } from '@sveltejs/kit';
import type { ApiClient } from './api-client';
import { mediaTypeOf, streamOn } from './streamed-answer';

const FILE_PATH = /^\/api\/v1\/files\/[A-Za-z0-9_.~-]+$/;
const SHOWN_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

export async function proxyDocument(
  api: ApiClient,
  doctorId: string,
  documentId: string,
  options: { download: boolean },
): Promise<Response> {
  const link = await api.verification.documentLink(doctorId, documentId);
  if (!link.ok) {
    if (link.status === 0) error(503, 'The Consulta API is not reachable; try again in a moment.');
    if (link.status === 401) error(401, 'Log in again to open this document.');
    // The API answers 404 to anyone who may not see the document, as if it did not exist.
    error(404, 'No such document.');
  }
  // The link names the API's host as the API saw it; only its path is used, against our API address.
  const path = new URL(link.data.url, 'http://api.invalid').pathname;
  if (!FILE_PATH.test(path)) error(502, 'The API sent an unexpected document link.');

  const answer = await api.raw(path);
  if (!answer) error(503, 'The Consulta API is not reachable; try again in a moment.');
  if (!answer.ok || !answer.body) error(answer.status === 404 ? 404 : 502, 'The document could not be read.');

  const declared = mediaTypeOf(answer);
  const contentType = SHOWN_TYPES.has(declared) ? declared : 'application/octet-stream';
  const fileName = /filename="([\w.-]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'document';
  const headers = new Headers({
    'content-type': contentType,
    'content-disposition': `${options.download ? 'attachment' : 'inline'}; filename="${fileName}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    // Shown inside our own pages only (the viewer's iframe), and never allowed to run anything.
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'no-referrer',
  });
  return streamOn(answer, headers);
}
