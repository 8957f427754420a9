/**
 * Whether an uploaded file may be stored as this kind of document, by its content: the type its
 * bytes show must be allowed for the kind, and the declared Content-Type and the file name's
 * extension, when they say anything, must agree with it. A disagreement is refused rather than
 * corrected: a PDF sent as image/png is a mistake or a probe, and either way the uploader should know.
 */
import {
  acceptsContentType,
  CONTENT_TYPES_BY_KIND,
  type DocumentContentType,
  type DocumentKind,
} from '../../domain/doctor-document/index.js';
import { HttpProblem } from '../errors.js';
import { contentTypeOfFileName, declaredContentType, describeContentType, sniffFileType } from './file-type.js';

export interface UploadedFile {
  readonly bytes: Buffer;
  readonly fileName: string;
  /** The part's Content-Type as the client declared it. */
  readonly mimetype: string;
}

const unsupported = (message: string) => new HttpProblem(415, 'UNSUPPORTED_FILE_TYPE', message);

const SHORT_NAMES: Readonly<Record<DocumentContentType, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

/** "PDF, PNG or JPEG". */
function allowedFor(kind: DocumentKind): string {
  const names = CONTENT_TYPES_BY_KIND[kind].map((type) => SHORT_NAMES[type]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/** The file's content type, or a 415 UNSUPPORTED_FILE_TYPE saying what is wrong. */
export function checkContent(kind: DocumentKind, file: UploadedFile): DocumentContentType {
  const sniffed = sniffFileType(file.bytes);
  if (!sniffed.accepted) {
    const what = sniffed.looksLike ? `its content is ${sniffed.looksLike}` : 'its content is not one of these';
    throw unsupported(`Upload a ${allowedFor(kind)} file: ${what}, whatever its name says.`);
  }
  const actual = sniffed.contentType;
  if (!acceptsContentType(kind, actual)) {
    throw unsupported(`A ${kind} must be a ${allowedFor(kind)} file; this file is ${describeContentType(actual)}.`);
  }
  const declared = declaredContentType(file.mimetype);
  if (declared && declared !== actual) {
    throw unsupported(`The file is declared as ${declared} but its content is ${describeContentType(actual)}.`);
  }
  const named = contentTypeOfFileName(file.fileName);
  if (named === null || (named && named !== actual)) {
    throw unsupported(
      `The file name ${JSON.stringify(file.fileName)} does not match its content, which is ${describeContentType(actual)}.`,
    );
  }
  return actual;
}
