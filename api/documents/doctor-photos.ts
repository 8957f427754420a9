/**
 * Doctors' public profile photos. A photo is a document of kind `photo` like the credentials
 * (same upload, same encryption at rest); what makes it public is this module, and only for a
 * listed doctor (verified, account may practise: `listedDoctor`, the profile's own rule).
 *
 * Which photo: the doctor's newest live `photo` document in doctor_documents, read live. That table
 * is written in the same transaction as the document events and holds the wrapped keys no event
 * carries, so it is the documents' own store, not a projection: nothing to project or rebuild, and
 * a deleted photo stops being served at once (as `accountMayPractise` is read live for the same reason).
 *
 * Every query here names `kind = 'photo'` itself, never a document id from the caller: no request
 * can reach a government ID or a licence through it.
 */
import { listedDoctor, type Queryable } from '../../projections/doctors/doctor-row-io.js';
import type { DocumentContentType } from '../../domain/doctor-document/index.js';
import type { OpenableDocumentRow } from './document-rows.js';

/** Newest first; the id settles two uploads in the same millisecond the same way every time. */
const NEWEST = 'uploaded_at DESC, id DESC';

/** The public address of a doctor's photo; `v` changes with every new photo, so caches never show an old one. */
export const photoUrlOf = (doctorId: string, documentId: string) => `/api/v1/doctors/${doctorId}/photo?v=${documentId}`;

/** The strong validator of a photo: a new upload is a new document, hence a new ETag. */
export const photoEtagOf = (documentId: string) => `"${documentId}"`;

/**
 * The photo URLs of these doctors, for doctors that have one. The callers have already decided the
 * doctors are listed (search and profile reads only ever hold listed doctors).
 */
export async function photoUrlsOf(db: Queryable, doctorIds: readonly string[]): Promise<Map<string, string>> {
  if (doctorIds.length === 0) return new Map();
  const { rows } = await db.query<{ doctor_id: string; id: string }>(
    `SELECT DISTINCT ON (doctor_id) doctor_id, id FROM doctor_documents
      WHERE doctor_id = ANY($1::uuid[]) AND kind = 'photo' AND deleted_at IS NULL
      ORDER BY doctor_id, ${NEWEST}`,
    [doctorIds],
  );
  return new Map(rows.map((row) => [row.doctor_id, photoUrlOf(row.doctor_id, row.id)]));
}

/** The photo a listed doctor shows the public, with what it takes to open it; undefined for anyone else. */
export async function findPublicPhoto(db: Queryable, doctorId: string): Promise<OpenableDocumentRow | undefined> {
  const { rows } = await db.query<{
    id: string;
    doctor_id: string;
    content_type: DocumentContentType;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    uploaded_at: Date;
    wrapped_key: Buffer;
  }>(
    `SELECT p.id, p.doctor_id, p.content_type, p.size_bytes, p.sha256, p.storage_key, p.uploaded_at, p.wrapped_key
       FROM doctor_documents p
      WHERE p.doctor_id = $1 AND p.kind = 'photo' AND p.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM doctor_search d WHERE d.doctor_id = p.doctor_id AND ${listedDoctor('d')})
      ORDER BY ${NEWEST} LIMIT 1`,
    [doctorId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    doctorId: row.doctor_id,
    kind: 'photo',
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    storageKey: row.storage_key,
    uploadedAt: row.uploaded_at,
    wrappedKey: row.wrapped_key,
  };
}
