import { describe, expect, it } from 'vitest';
import { initialsOf, photoPath } from './doctor-photo';

const DOCTOR = '44444444-4444-4444-8444-444444444444';
const VERSION = '55555555-5555-4555-8555-555555555555';

describe('photoPath', () => {
  it('serves the API’s photo from this server, keeping its version', () => {
    expect(photoPath(`/api/v1/doctors/${DOCTOR}/photo?v=${VERSION}`)).toBe(`/doctors/${DOCTOR}/photo?v=${VERSION}`);
    expect(photoPath(`/api/v1/doctors/${DOCTOR}/photo`)).toBe(`/doctors/${DOCTOR}/photo`);
  });

  it('has no photo for null, and none for an address that is not a doctor’s photo', () => {
    expect(photoPath(null)).toBeNull();
    expect(photoPath(`https://elsewhere.example/api/v1/doctors/${DOCTOR}/photo`)).toBeNull();
    expect(photoPath(`/api/v1/files/abc`)).toBeNull();
    expect(photoPath(`/api/v1/doctors/${DOCTOR}/photo?v=x&y=<script>`)).toBeNull();
  });
});

describe('initialsOf', () => {
  it('takes two initials without the title', () => {
    expect(initialsOf('Dr. Ana Maria Costa')).toBe('AM');
    expect(initialsOf('dr inês')).toBe('I');
    expect(initialsOf('Zé')).toBe('Z');
  });
});
