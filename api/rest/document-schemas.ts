/** Request and response shapes of the credential document routes. */
import { z } from 'zod';
import { documentContentType, documentKind } from '../../domain/doctor-document/index.js';

export const documentResource = z.object({
  id: z.uuid(),
  kind: documentKind,
  contentType: documentContentType,
  sizeBytes: z.number().int(),
  uploadedAt: z.iso.datetime(),
});

export const documentList = z.object({ items: z.array(documentResource) });

export const documentParams = z.object({ id: z.uuid() });
export const doctorParams = z.object({ doctorId: z.uuid() });
export const doctorDocumentParams = z.object({ doctorId: z.uuid(), id: z.uuid() });

export const fileLink = z.object({
  url: z.url(),
  expiresAt: z.iso.datetime(),
});

// Tokens are 72 characters; anything much longer is not one of ours.
export const fileParams = z.object({ token: z.string().min(1).max(100) });
