/**
 * What a doctor's credential document may be: its kind, the content types each kind accepts and
 * the size ceiling. The bytes themselves never enter the domain; only these facts about them do.
 */
import { z } from 'zod';

export const documentKind = z.enum(['government_id', 'medical_licence', 'photo']);
export type DocumentKind = z.infer<typeof documentKind>;

export const documentContentType = z.enum(['application/pdf', 'image/png', 'image/jpeg']);
export type DocumentContentType = z.infer<typeof documentContentType>;

/** Scans of an ID or a licence come as PDFs or pictures; a profile photo must be a picture. */
export const CONTENT_TYPES_BY_KIND: Readonly<Record<DocumentKind, readonly DocumentContentType[]>> = {
  government_id: ['application/pdf', 'image/png', 'image/jpeg'],
  medical_licence: ['application/pdf', 'image/png', 'image/jpeg'],
  photo: ['image/png', 'image/jpeg'],
};

/** The file name extension a download gets (`medical_licence.pdf`). */
export const EXTENSION_BY_CONTENT_TYPE: Readonly<Record<DocumentContentType, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Live (not deleted) documents per doctor: enough for re-uploads, not enough to fill a disk. */
export const MAX_DOCUMENTS_PER_DOCTOR = 20;

export const acceptsContentType = (kind: DocumentKind, contentType: DocumentContentType): boolean =>
  CONTENT_TYPES_BY_KIND[kind].includes(contentType);

/** What an admin needs to verify a doctor: an application waits for both; the photo is optional. */
export const REQUIRED_DOCUMENT_KINDS: readonly DocumentKind[] = ['government_id', 'medical_licence'];

/** The required kinds not among the doctor's live documents, in REQUIRED_DOCUMENT_KINDS order. */
export const missingDocumentKinds = (uploaded: readonly DocumentKind[]): DocumentKind[] =>
  REQUIRED_DOCUMENT_KINDS.filter((kind) => !uploaded.includes(kind));
