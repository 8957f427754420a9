/**
 * Events of a doctor's credential documents (stream `doctor-documents-<doctorId>`, apart from the
 * practice stream `doctor-<doctorId>`, whose writers use expected revisions of their own). They
 * carry facts about a file (kind, type, size, digest), never its bytes or its key.
 * Stored events never change shape: a new shape is a new version with an upcaster here.
 */
import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';
import { documentContentType, documentKind, MAX_DOCUMENT_BYTES } from './doctor-document.schema.js';

const base = { doctorId: uuid, documentId: uuid };

const schemas = {
  DoctorDocumentUploaded: z.object({
    ...base,
    kind: documentKind,
    contentType: documentContentType,
    sizeBytes: z.number().int().positive().max(MAX_DOCUMENT_BYTES),
    /** SHA-256 of the plaintext, hex: proves later which file an admin verified. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    uploadedAt: instant,
  }),
  DoctorDocumentDeleted: z.object({ ...base, deletedAt: instant }),
} as const;

type Schemas = typeof schemas;
export type DoctorDocumentEventType = keyof Schemas;
export type DoctorDocumentEvent = {
  [K in DoctorDocumentEventType]: { type: K; data: z.infer<Schemas[K]> };
}[DoctorDocumentEventType];

export function isDoctorDocumentEventType(type: string): type is DoctorDocumentEventType {
  return Object.hasOwn(schemas, type);
}

/** Parses a stored event back into the domain union; throws on a shape it does not know. */
export function parseDoctorDocumentEvent(type: DoctorDocumentEventType, data: unknown): DoctorDocumentEvent {
  return { type, data: schemas[type].parse(data) } as DoctorDocumentEvent;
}
