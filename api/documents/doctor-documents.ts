/**
 * Doctors' credential documents: upload (check, seal, store, record), list, delete, and open by
 * signed link. The bytes go to the file store sealed (file-cipher.ts); the metadata and wrapped
 * key to doctor_documents; the facts to the stream `doctor-documents-<doctorId>`.
 *
 * Upload order: the sealed bytes first, then the row, then the event, the last two inside one
 * database transaction that commits only after the append: a failed append leaves no row, and a
 * failure anywhere removes the bytes again. (Only a COMMIT failing after a successful append could
 * leave an event naming a document that has no row; the event store is not in that transaction.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createLocalFileStore } from '../../activities/adapters/local-file-store.js';
import type { FileStorePort } from '../../activities/ports/file-store.js';
import {
  doctorDocumentStorageKey,
  doctorDocumentsStreamId,
  MAX_DOCUMENTS_PER_DOCTOR,
  type DocumentContentType,
  type DocumentKind,
  type DoctorDocumentEvent,
} from '../../domain/doctor-document/index.js';
import { ruleViolation } from '../../domain/index.js';
import type { EventStore, JsonObject } from '../../eventstore/event-store.js';
import { inTransaction } from '../auth/transaction.js';
import type { ApiDeps } from '../deps.js';
import {
  findDocument,
  insertDocument,
  listDocuments,
  lockDoctorDocuments,
  markDeleted,
  type DocumentRow,
  type OpenableDocumentRow,
} from './document-rows.js';
import { createFileCipher } from './file-cipher.js';
import { createFileLinks } from './file-links.js';

/** What the API shows of a document: never its digest, storage key or wrapped key. */
export interface DocumentView {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly contentType: DocumentContentType;
  readonly sizeBytes: number;
  readonly uploadedAt: string;
}

export const documentView = (row: DocumentRow): DocumentView => ({
  id: row.id,
  kind: row.kind,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  uploadedAt: row.uploadedAt.toISOString(),
});

/** Where files go when the entry point passes no store: the local adapter's default directory. */
export const defaultFileStore = () => createLocalFileStore({ root: resolve('.data', 'files') });

// The store gets ciphertext: its content type says so, whatever the plaintext is.
const SEALED = { contentType: 'application/octet-stream' } as const;

export function doctorDocuments(deps: ApiDeps) {
  const store: FileStorePort = deps.fileStore ?? defaultFileStore();
  const now = deps.now ?? (() => new Date());
  const cipher = createFileCipher(deps.masterKey);
  const links = createFileLinks(deps.masterKey, now);

  return {
    links,

    async upload(input: {
      readonly doctorId: string;
      readonly actorId: string;
      readonly kind: DocumentKind;
      readonly contentType: DocumentContentType;
      readonly bytes: Buffer;
    }): Promise<DocumentView> {
      const id = randomUUID();
      const uploadedAt = now();
      const sealed = cipher.seal(id, input.bytes);
      const row = {
        id,
        doctorId: input.doctorId,
        kind: input.kind,
        contentType: input.contentType,
        sizeBytes: input.bytes.length,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        storageKey: doctorDocumentStorageKey(input.doctorId, id),
        uploadedAt,
        wrappedKey: sealed.wrappedKey,
      };
      await store.put(row.storageKey, sealed.ciphertext, SEALED);
      try {
        await inTransaction(deps.pool, async (client) => {
          if ((await lockDoctorDocuments(client, input.doctorId)) >= MAX_DOCUMENTS_PER_DOCTOR)
            throw ruleViolation(
              'DOCUMENT_LIMIT_REACHED',
              `You have ${MAX_DOCUMENTS_PER_DOCTOR} documents; delete one you no longer need first.`,
            );
          await insertDocument(client, row);
          await append(deps.eventStore, input.doctorId, input.actorId, {
            type: 'DoctorDocumentUploaded',
            data: {
              doctorId: row.doctorId,
              documentId: id,
              kind: row.kind,
              contentType: row.contentType,
              sizeBytes: row.sizeBytes,
              sha256: row.sha256,
              uploadedAt: uploadedAt.toISOString(),
            },
          });
        });
      } catch (error) {
        await store.delete(row.storageKey).catch(() => {});
        throw error;
      }
      return documentView(row);
    },

    list: async (doctorId: string) => (await listDocuments(deps.pool, doctorId)).map(documentView),

    find: (documentId: string) => findDocument(deps.pool, documentId),

    /**
     * Deletes a live document; false when the doctor has no such document. The bytes are removed
     * after the commit; should that fail, the key is already gone and what is left cannot be opened.
     */
    async remove(input: {
      readonly doctorId: string;
      readonly documentId: string;
      readonly actorId: string;
      readonly onOrphan: (error: unknown) => void;
    }): Promise<boolean> {
      const at = now();
      const storageKey = await inTransaction(deps.pool, async (client) => {
        const key = await markDeleted(client, { ...input, at });
        if (key)
          await append(deps.eventStore, input.doctorId, input.actorId, {
            type: 'DoctorDocumentDeleted',
            data: { doctorId: input.doctorId, documentId: input.documentId, deletedAt: at.toISOString() },
          });
        return key;
      });
      if (!storageKey) return false;
      await store.delete(storageKey).catch(input.onOrphan);
      return true;
    },

    /** The plaintext of the document a valid link names, or undefined: no such document, or not now. */
    async open(token: string) {
      const documentId = links.verify(token);
      const row = documentId ? await findDocument(deps.pool, documentId) : undefined;
      return row ? read(row) : undefined;
    },

    /** The plaintext of a live document the caller has already found and may show; undefined without its bytes. */
    read,
  };

  async function read(row: OpenableDocumentRow): Promise<{ row: OpenableDocumentRow; bytes: Buffer } | undefined> {
    const ciphertext = await store.get(row.storageKey);
    if (!ciphertext) return undefined;
    return { row, bytes: cipher.open(row.id, { ciphertext, wrappedKey: row.wrappedKey }) };
  }
}

export type DoctorDocuments = ReturnType<typeof doctorDocuments>;

async function append(eventStore: EventStore, doctorId: string, actorId: string, event: DoctorDocumentEvent) {
  // Nothing in the stream is decided from its earlier events, so any revision will do; a
  // document's upload event takes the document's id, which makes a replayed append a no-op.
  await eventStore.appendToStream(
    doctorDocumentsStreamId(doctorId),
    [
      {
        id: event.type === 'DoctorDocumentUploaded' ? event.data.documentId : randomUUID(),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: { schemaVersion: 1, actorId },
      },
    ],
    { expectedRevision: 'any' },
  );
}
