/** The credential document routes over `app.inject`, as a doctor's or an admin's client would call them. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { multipartBody, type TestFile } from '../fixtures/files.js';
import type { TestActor } from './auth.js';

export interface DocumentJson {
  id: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

const UPLOAD = '/api/v1/doctors/me/documents';

export function documentsApi(app: FastifyInstance) {
  const headersOf = (actor?: TestActor) => actor?.headers ?? {};

  /** Posts a multipart form (fields and files as given) to the upload route. */
  async function postForm(
    actor: TestActor | undefined,
    fields: Record<string, string>,
    files: Record<string, TestFile>,
    url = UPLOAD,
  ) {
    const body = await multipartBody(fields, files);
    return app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { ...headersOf(actor), ...body.headers },
    });
  }

  const upload = (actor: TestActor | undefined, kind: string, file: TestFile) => postForm(actor, { kind }, { file });

  const linkFor = (actor: TestActor, doctorId: string, documentId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/doctors/${doctorId}/documents/${documentId}/link`,
      headers: actor.headers,
    });

  return {
    postForm,
    upload,
    linkFor,

    /** An upload that must succeed. */
    async uploaded(doctor: TestActor, kind: string, file: TestFile): Promise<DocumentJson> {
      const response = await upload(doctor, kind, file);
      expect(response.statusCode, response.body).toBe(201);
      return response.json<DocumentJson>();
    },

    list: (actor: TestActor, url = UPLOAD) => app.inject({ method: 'GET', url, headers: actor.headers }),

    /** A link that must be handed out. */
    async linkUrl(actor: TestActor, doctorId: string, documentId: string): Promise<string> {
      const response = await linkFor(actor, doctorId, documentId);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ url: string }>().url;
    },

    /** Follows a link the way a browser would: no session at all. */
    download: (url: string) => app.inject({ method: 'GET', url: new URL(url, 'http://localhost').pathname }),
  };
}
