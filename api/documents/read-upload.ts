/**
 * Reads a document upload (multipart/form-data: a `kind` field and one `file`) while it streams
 * in, holding at most MAX_DOCUMENT_BYTES of it: busboy stops counting a file at the limit, and the
 * upload is refused (413) without reading the rest into memory. Only this route's encapsulated
 * context registers @fastify/multipart; every other route still refuses multipart bodies.
 */
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { documentKind, MAX_DOCUMENT_BYTES, type DocumentKind } from '../../domain/doctor-document/index.js';
import { DomainError } from '../../domain/index.js';
import { HttpProblem } from '../errors.js';
import type { UploadedFile } from './check-content.js';

export const UPLOAD_LIMITS = {
  fileSize: MAX_DOCUMENT_BYTES,
  files: 1,
  fields: 4,
  fieldSize: 1024,
  parts: 5,
} as const;

const invalid = (path: string, message: string) =>
  new DomainError('validation', 'VALIDATION_FAILED', `The request is invalid: ${path}: ${message}`, [
    { path, message },
  ]);

export async function readUpload(request: FastifyRequest): Promise<{ kind: DocumentKind; file: UploadedFile }> {
  let kind: string | undefined;
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts({ limits: UPLOAD_LIMITS })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw invalid(`body.${part.fieldname}`, 'send the file in the field "file"');
        file = { bytes: await part.toBuffer(), fileName: part.filename, mimetype: part.mimetype };
      } else if (part.fieldname === 'kind') {
        kind = String(part.value);
      } else {
        throw invalid(`body.${part.fieldname}`, 'unknown field (send "kind" and "file")');
      }
    }
  } catch (error) {
    throw translateMultipartError(error);
  }
  const parsedKind = z.string().pipe(documentKind).safeParse(kind);
  if (!parsedKind.success) throw invalid('body.kind', `must be one of ${documentKind.options.join(', ')}`);
  if (!file) throw invalid('body.file', 'is required');
  if (file.bytes.length === 0) throw invalid('body.file', 'is empty');
  return { kind: parsedKind.data, file };
}

/** @fastify/multipart's errors, by code, into the API's error format. */
function translateMultipartError(error: unknown): unknown {
  switch ((error as { code?: unknown }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new HttpProblem(
        413,
        'PAYLOAD_TOO_LARGE',
        `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; send a smaller scan or picture.`,
      );
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new DomainError('validation', 'TOO_MANY_PARTS', 'Send one file and its kind per request.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new HttpProblem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the upload as multipart/form-data with the fields "kind" and "file".',
      );
    default:
      return error;
  }
}
