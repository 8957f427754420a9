/** Judging uploads by their bytes: what is accepted, and what each refusal says. */
import { describe, expect, it } from 'vitest';
import { aGif, aJpeg, anExecutable, aPdf, aPng } from '../../tests/fixtures/files.js';
import { checkContent } from './check-content.js';
import { contentTypeOfFileName, sniffFileType } from './file-type.js';

const upload = (file: { bytes: Buffer; name: string; type: string }) => ({
  bytes: file.bytes,
  fileName: file.name,
  mimetype: file.type,
});

describe('sniffing a file type from its first bytes', () => {
  it('recognises PDF, PNG and JPEG, and names a few others', () => {
    expect(sniffFileType(aPdf().bytes)).toEqual({ accepted: true, contentType: 'application/pdf' });
    expect(sniffFileType(aPng().bytes)).toEqual({ accepted: true, contentType: 'image/png' });
    expect(sniffFileType(aJpeg().bytes)).toEqual({ accepted: true, contentType: 'image/jpeg' });
    expect(sniffFileType(anExecutable().bytes)).toEqual({ accepted: false, looksLike: 'a Windows executable' });
    expect(sniffFileType(Buffer.from('hello'))).toEqual({ accepted: false, looksLike: undefined });
    expect(sniffFileType(Buffer.from('%PD'))).toEqual({ accepted: false, looksLike: undefined });
  });

  it('reads what a file name claims', () => {
    expect(contentTypeOfFileName('Scan.JPEG')).toBe('image/jpeg');
    expect(contentTypeOfFileName('licence.pdf')).toBe('application/pdf');
    expect(contentTypeOfFileName('setup.exe')).toBeNull();
    expect(contentTypeOfFileName('scan')).toBeUndefined();
    expect(contentTypeOfFileName('.pdf')).toBeUndefined();
  });
});

describe('checking an upload against its kind', () => {
  it('accepts credentials as PDF, PNG or JPEG and a photo as PNG or JPEG', () => {
    expect(checkContent('medical_licence', upload(aPdf()))).toBe('application/pdf');
    expect(checkContent('government_id', upload(aJpeg()))).toBe('image/jpeg');
    expect(checkContent('photo', upload(aPng()))).toBe('image/png');
    // Saying nothing is not lying: octet-stream and a name without extension pass.
    expect(checkContent('photo', upload(aPng({ name: 'camera-upload', type: 'application/octet-stream' })))).toBe(
      'image/png',
    );
    expect(checkContent('photo', upload(aJpeg({ type: 'image/jpg', name: 'me.JPEG' })))).toBe('image/jpeg');
  });

  it('refuses an executable renamed .pdf, saying what it is', () => {
    expect(() => checkContent('medical_licence', upload(anExecutable()))).toThrow(
      expect.objectContaining({
        status: 415,
        code: 'UNSUPPORTED_FILE_TYPE',
        message: 'Upload a PDF, PNG or JPEG file: its content is a Windows executable, whatever its name says.',
      }),
    );
  });

  it('refuses a type the kind does not take, and a declared type or name that disagrees with the content', () => {
    const refusal = (message: string) =>
      expect.objectContaining({
        status: 415,
        code: 'UNSUPPORTED_FILE_TYPE',
        message: expect.stringContaining(message),
      });
    expect(() => checkContent('government_id', upload(aGif()))).toThrow(refusal('a GIF image'));
    expect(() => checkContent('photo', upload(aPdf()))).toThrow(
      refusal('A photo must be a PNG or JPEG file; this file is a PDF.'),
    );
    expect(() => checkContent('medical_licence', upload(aPdf({ type: 'image/png', name: 'scan' })))).toThrow(
      refusal('declared as image/png but its content is a PDF'),
    );
    expect(() => checkContent('medical_licence', upload(aPdf({ name: 'scan.png' })))).toThrow(refusal('"scan.png"'));
    expect(() => checkContent('medical_licence', upload(aPdf({ name: 'scan.pdf.exe' })))).toThrow(
      refusal('"scan.pdf.exe"'),
    );
  });
});
