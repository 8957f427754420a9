/**
 * GET /api/v1/files/:token: the decrypted bytes of a document, for whoever holds a valid link
 * (documents.ts hands links out). Always a download, never rendered by the browser in the API's
 * origin: attachment, nosniff, a sandboxing CSP, and no caching anywhere on the way.
 * Expired, tampered and deleted all answer the same 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXTENSION_BY_CONTENT_TYPE } from '../../domain/doctor-document/index.js';
import { notFound } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { doctorDocuments } from '../documents/doctor-documents.js';
import { errorBody } from '../errors.js';
import { fileParams } from './document-schemas.js';

export const fileRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const documents = doctorDocuments(deps);

    app.get(
      '/api/v1/files/:token',
      {
        // The link is the credential: a stale session cookie sent along must not turn it into a 401.
        config: { publicAuth: true },
        schema: {
          summary: 'Download a file through a signed link',
          description: 'The file itself (200, its own Content-Type), or 404 when the link is invalid or expired.',
          tags: ['doctor documents'],
          params: fileParams,
          response: { 200: z.instanceof(Buffer).describe('The file, with its own Content-Type'), 404: errorBody },
        },
      },
      async (request, reply) => {
        const opened = await documents.open(request.params.token);
        if (!opened) throw notFound('FILE_NOT_FOUND', 'No such file, or the link has expired. Ask for a new link.');
        const { row, bytes } = opened;
        return reply
          .header('content-type', row.contentType)
          .header(
            'content-disposition',
            `attachment; filename="${row.kind}.${EXTENSION_BY_CONTENT_TYPE[row.contentType]}"`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(bytes);
      },
    );
  };
