/**
 * What a file is, judged by its first bytes (its "magic number"), never by its name or the type
 * the client declared: both are the uploader's word, and an .exe renamed .pdf keeps its content.
 * Only the types credentials may be (PDF, PNG, JPEG) are recognised as such; a few common others
 * are named so the refusal can say what was sent.
 */
import type { DocumentContentType } from '../../domain/doctor-document/index.js';

interface Signature {
  readonly offset: number;
  readonly bytes: readonly number[];
}

const ascii = (text: string, offset = 0): Signature => ({
  offset,
  bytes: [...text].map((char) => char.charCodeAt(0)),
});

const ACCEPTED: ReadonlyArray<readonly [DocumentContentType, Signature]> = [
  ['application/pdf', ascii('%PDF-')],
  ['image/png', { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  ['image/jpeg', { offset: 0, bytes: [0xff, 0xd8, 0xff] }],
];

/** Recognised only to say what a refused file is. */
const OTHERS: ReadonlyArray<readonly [string, Signature]> = [
  ['a Windows executable', ascii('MZ')],
  ['a Linux executable', { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] }],
  ['a macOS executable', { offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe] }],
  ['a ZIP archive (or an Office document)', { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] }],
  ['a GIF image', ascii('GIF8')],
  ['a WebP image', ascii('WEBP', 8)],
  ['a HEIC image', ascii('ftypheic', 4)],
  ['a TIFF image', { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] }],
  ['a shell script', ascii('#!')],
  ['an HTML or XML document', ascii('<')],
];

const matches = (bytes: Uint8Array, { offset, bytes: expected }: Signature) =>
  bytes.length >= offset + expected.length && expected.every((byte, i) => bytes[offset + i] === byte);

export type Sniffed =
  | { readonly accepted: true; readonly contentType: DocumentContentType }
  /** `looksLike`: a description for people ("a Windows executable"), when the type is known. */
  | { readonly accepted: false; readonly looksLike: string | undefined };

export function sniffFileType(bytes: Uint8Array): Sniffed {
  for (const [contentType, signature] of ACCEPTED) {
    if (matches(bytes, signature)) return { accepted: true, contentType };
  }
  const other = OTHERS.find(([, signature]) => matches(bytes, signature));
  return { accepted: false, looksLike: other?.[0] };
}

/** The content type a file name's extension claims; undefined for no extension, null for an unknown one. */
export function contentTypeOfFileName(fileName: string): DocumentContentType | null | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return EXTENSIONS[extension] ?? null;
}

const EXTENSIONS: Readonly<Record<string, DocumentContentType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
};

/** The declared Content-Type in its canonical spelling; undefined when it says nothing (octet-stream). */
export function declaredContentType(mimetype: string | undefined): string | undefined {
  const type = mimetype?.split(';')[0]?.trim().toLowerCase();
  if (!type || type === 'application/octet-stream') return undefined;
  return type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
}

export const describeContentType = (contentType: DocumentContentType): string =>
  ({ 'application/pdf': 'a PDF', 'image/png': 'a PNG image', 'image/jpeg': 'a JPEG image' })[contentType];
