/**
 * GET /api/v1/doctors/:id/photo: a listed doctor's profile photo, public like their profile and
 * under the same rule (api/documents/doctor-photos.ts). Everyone else, and a doctor without a
 * photo, gets the same 404. The bytes are checked again on the way out (magic bytes, as on upload):
 * only a PNG or a JPEG that is what its row says is ever served, never as anything a browser runs.
 *
 * Cacheable by anyone for an hour: the URL the profile gives carries the photo's version, and the
 * ETag answers a revalidation with 304 without decrypting anything. An hour is also how long a
 * shared cache may go on showing the photo of a doctor just unlisted.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptsContentType, EXTENSION_BY_CONTENT_TYPE } from '../../domain/doctor-document/index.js';
import { notFound } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { doctorDocuments } from '../documents/doctor-documents.js';
import { findPublicPhoto, photoEtagOf } from '../documents/doctor-photos.js';
import { sniffFileType } from '../documents/file-type.js';
import { errorBody } from '../errors.js';

export const PHOTO_CACHE_CONTROL = 'public, max-age=3600';

const params = z.strictObject({ id: z.uuid() });
// `v` only makes each photo its own URL for caches; whatever it says, the current photo is served.
const query = z.strictObject({ v: z.string().max(64).optional() });

const noPhoto = () => notFound('PHOTO_NOT_FOUND', 'This doctor has no public photo.');

/** Whether an If-None-Match header names this ETag (a list, weak forms and `*` included). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

export const doctorPhotoRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const documents = doctorDocuments(deps);

    app.get(
      '/api/v1/doctors/:id/photo',
      {
        // Public: a stale session token sent along (the web server proxies with one) must not make it a 401.
        config: { publicAuth: true },
        schema: {
          summary: 'A verified doctor’s profile photo',
          description:
            'The image itself (PNG or JPEG), for doctors listed in search only; 404 for anyone else or without a ' +
            'photo. The profile and search give its URL as `photoUrl`. Cacheable (`ETag`, 304 on `If-None-Match`).',
          tags: ['doctor search'],
          params,
          querystring: query,
          response: {
            200: z.instanceof(Buffer).describe('The photo, image/png or image/jpeg'),
            304: z.null(),
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const row = await findPublicPhoto(deps.pool, request.params.id);
        if (!row) throw noPhoto();
        const etag = photoEtagOf(row.id);
        const cacheable = {
          'cache-control': PHOTO_CACHE_CONTROL,
          etag,
          'x-content-type-options': 'nosniff',
          // Public, so other origins may embed it (helmet's default is same-origin only).
          'cross-origin-resource-policy': 'cross-origin',
        };
        if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).headers(cacheable).send(null);

        const opened = await documents.read(row);
        const sniffed = opened && sniffFileType(opened.bytes);
        const image = sniffed?.accepted && sniffed.contentType === row.contentType;
        if (!opened || !image || !acceptsContentType('photo', row.contentType)) {
          request.log.error({ documentId: row.id }, 'public photo unreadable or not the image its row says');
          throw noPhoto();
        }
        return reply
          .headers(cacheable)
          .header('content-type', row.contentType)
          .header('content-disposition', `inline; filename="photo.${EXTENSION_BY_CONTENT_TYPE[row.contentType]}"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(opened.bytes);
      },
    );
  };
