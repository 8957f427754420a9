/** The doctor_documents table (migrations/007): credential documents' metadata and wrapped keys. */
import type { DocumentContentType, DocumentKind } from '../../domain/doctor-document/index.js';
import type { Queryable } from '../auth/transaction.js';

export interface DocumentRow {
  readonly id: string;
  readonly doctorId: string;
  readonly kind: DocumentKind;
  readonly contentType: DocumentContentType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storageKey: string;
  readonly uploadedAt: Date;
}

/** A live document with what it takes to open it. */
export interface OpenableDocumentRow extends DocumentRow {
  readonly wrappedKey: Buffer;
}

interface Stored {
  id: string;
  doctor_id: string;
  kind: DocumentKind;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  wrapped_key: Buffer;
  uploaded_at: Date;
}

const COLUMNS = 'id, doctor_id, kind, content_type, size_bytes, sha256, storage_key, uploaded_at';

const fromStored = (row: Omit<Stored, 'wrapped_key'>): DocumentRow => ({
  id: row.id,
  doctorId: row.doctor_id,
  kind: row.kind,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  storageKey: row.storage_key,
  uploadedAt: row.uploaded_at,
});

export async function insertDocument(db: Queryable, row: OpenableDocumentRow): Promise<void> {
  await db.query(
    `INSERT INTO doctor_documents (id, doctor_id, kind, content_type, size_bytes, sha256, storage_key, wrapped_key,
       uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.id,
      row.doctorId,
      row.kind,
      row.contentType,
      row.sizeBytes,
      row.sha256,
      row.storageKey,
      row.wrappedKey,
      row.uploadedAt,
    ],
  );
}

/** Serialises a doctor's uploads (for the count limit) until the transaction ends. */
export async function lockDoctorDocuments(db: Queryable, doctorId: string): Promise<number> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('doctor-documents/' || $1, 0))`, [doctorId]);
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM doctor_documents WHERE doctor_id = $1 AND deleted_at IS NULL',
    [doctorId],
  );
  return rows[0]?.count ?? 0;
}

/** A doctor's live documents, newest first. */
export async function listDocuments(db: Queryable, doctorId: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<Omit<Stored, 'wrapped_key'>>(
    `SELECT ${COLUMNS} FROM doctor_documents WHERE doctor_id = $1 AND deleted_at IS NULL
      ORDER BY uploaded_at DESC, id`,
    [doctorId],
  );
  return rows.map(fromStored);
}

export async function findDocument(db: Queryable, documentId: string): Promise<OpenableDocumentRow | undefined> {
  const { rows } = await db.query<Stored>(
    `SELECT ${COLUMNS}, wrapped_key FROM doctor_documents WHERE id = $1 AND deleted_at IS NULL`,
    [documentId],
  );
  const row = rows[0];
  return row ? { ...fromStored(row), wrappedKey: row.wrapped_key } : undefined;
}

/** Marks a live document deleted and forgets its key; its storage key, or undefined when there was none. */
export async function markDeleted(
  db: Queryable,
  input: { readonly doctorId: string; readonly documentId: string; readonly at: Date },
): Promise<string | undefined> {
  const { rows } = await db.query<{ storage_key: string }>(
    `UPDATE doctor_documents SET deleted_at = $3, wrapped_key = NULL
      WHERE id = $1 AND doctor_id = $2 AND deleted_at IS NULL RETURNING storage_key`,
    [input.documentId, input.doctorId, input.at],
  );
  return rows[0]?.storage_key;
}
