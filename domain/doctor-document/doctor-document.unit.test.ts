import { describe, expect, it } from 'vitest';
import { parseDoctorStreamId } from '../doctor/index.js';
import {
  acceptsContentType,
  doctorDocumentStorageKey,
  doctorDocumentsStreamId,
  isDoctorDocumentEventType,
  parseDoctorDocumentEvent,
} from './index.js';

const DOCTOR = '44444444-4444-4444-8444-444444444444';
const DOCUMENT = '55555555-5555-4555-8555-555555555555';

describe('doctor credential documents', () => {
  it('accepts PDFs and pictures as credentials, only pictures as a photo', () => {
    expect(acceptsContentType('medical_licence', 'application/pdf')).toBe(true);
    expect(acceptsContentType('government_id', 'image/jpeg')).toBe(true);
    expect(acceptsContentType('photo', 'image/png')).toBe(true);
    expect(acceptsContentType('photo', 'application/pdf')).toBe(false);
  });

  it('keeps its stream apart from the practice stream the doctors projection folds', () => {
    expect(doctorDocumentsStreamId(DOCTOR)).toBe(`doctor-documents-${DOCTOR}`);
    expect(parseDoctorStreamId(doctorDocumentsStreamId(DOCTOR))).toBeUndefined();
    expect(doctorDocumentStorageKey(DOCTOR, DOCUMENT)).toBe(`doctor-documents/${DOCTOR}/${DOCUMENT}`);
  });

  it('parses an upload event and refuses a shape it does not know', () => {
    const data = {
      doctorId: DOCTOR,
      documentId: DOCUMENT,
      kind: 'medical_licence',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'a'.repeat(64),
      uploadedAt: '2030-01-01T10:00:00+01:00',
    };
    expect(isDoctorDocumentEventType('DoctorDocumentUploaded')).toBe(true);
    expect(parseDoctorDocumentEvent('DoctorDocumentUploaded', data).data).toMatchObject({
      uploadedAt: '2030-01-01T09:00:00.000Z',
    });
    expect(() => parseDoctorDocumentEvent('DoctorDocumentUploaded', { ...data, kind: 'selfie' })).toThrow();
    expect(isDoctorDocumentEventType('DoctorProfileUpdated')).toBe(false);
  });
});
