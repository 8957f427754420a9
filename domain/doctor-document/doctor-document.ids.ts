/** One function builds each stream id and storage key of doctors' credential documents. */

/**
 * `doctor-documents-<doctorId>`. parseDoctorStreamId (domain/doctor) does not take it for a
 * practice stream: what follows `doctor-` here is not a bare UUID.
 */
export const doctorDocumentsStreamId = (doctorId: string) => `doctor-documents-${doctorId}`;

/** Where a document's (encrypted) bytes live in the file store. */
export const doctorDocumentStorageKey = (doctorId: string, documentId: string) =>
  `doctor-documents/${doctorId}/${documentId}`;
