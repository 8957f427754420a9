/**
 * Doctors' public photos through REST: a listed doctor's newest photo is served to anyone, with
 * cache headers whose version changes with the photo; unlisted doctors, doctors without a photo and
 * every credential document answer 404. Profile and search cards carry `photoUrl` (null without one).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aJpeg, aPdf, aPng } from '../../tests/fixtures/files.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { documentsApi } from '../../tests/support/documents.js';
import { givenPractice, givenVerifiedDoctor, verificationReaches } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

let platform: TestPlatform;
let admin: TestActor;
let documents: ReturnType<typeof documentsApi>;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await givenAccount(platform.db.pool, ['admin']);
  documents = documentsApi(platform.app);
});
afterAll(async () => platform?.close());

type Method = 'GET' | 'POST' | 'DELETE';
const call = (actor: TestActor | undefined, method: Method, url: string, headers: Record<string, string> = {}) =>
  platform.app.inject({ method, url, headers: { ...actor?.headers, ...headers } });
const photoOf = (doctorId: string, headers: Record<string, string> = {}) =>
  call(undefined, 'GET', `/api/v1/doctors/${doctorId}/photo`, headers);
const codeOf = (response: { json: <T>() => T }) => response.json<{ error?: { code: string } }>().error?.code;
const word = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const urlOf = (doctorId: string, documentId: string) => `/api/v1/doctors/${doctorId}/photo?v=${documentId}`;

/** A verified doctor whose practice name carries `tag`, once search lists them. */
async function givenListedDoctor(tag: string) {
  const doctor = await givenVerifiedDoctor(platform.app, { profile: { practiceName: `Clinic ${tag}` } });
  await verificationReaches(platform.db.pool, doctor.accountId, 'verified');
  return doctor;
}

async function profilePhotoUrl(doctorId: string): Promise<string | null> {
  const response = await call(undefined, 'GET', `/api/v1/doctors/${doctorId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ photoUrl: string | null }>().photoUrl;
}

async function cardPhotoUrls(tag: string): Promise<Record<string, string | null>> {
  const response = await call(undefined, 'GET', `/api/v1/doctors?q=${tag}`);
  expect(response.statusCode, response.body).toBe(200);
  const items = response.json<{ items: Array<{ id: string; photoUrl: string | null }> }>().items;
  return Object.fromEntries(items.map((item) => [item.id, item.photoUrl]));
}

async function expectNoPhoto(doctorId: string, headers: Record<string, string> = {}) {
  const response = await photoOf(doctorId, headers);
  expect([response.statusCode, codeOf(response)]).toEqual([404, 'PHOTO_NOT_FOUND']);
  expect(response.headers['cache-control']).toBeUndefined();
}

describe('a listed doctor’s photo', () => {
  it('is served to anyone with its type, inline, nosniff and a versioned cache; the profile and the card link it', async () => {
    const tag = word();
    const doctor = await givenListedDoctor(tag);
    const file = aPng();
    const photo = await documents.uploaded(doctor, 'photo', file);

    expect(await profilePhotoUrl(doctor.accountId)).toBe(urlOf(doctor.accountId, photo.id));
    expect(await cardPhotoUrls(tag)).toEqual({ [doctor.accountId]: urlOf(doctor.accountId, photo.id) });

    // No session at all; and a stale token sent along (as a proxy might) changes nothing.
    const asSent: Array<Record<string, string>> = [{}, { authorization: 'Bearer not-a-token' }];
    for (const headers of asSent) {
      const response = await call(undefined, 'GET', urlOf(doctor.accountId, photo.id), headers);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.rawPayload.equals(file.bytes)).toBe(true);
      expect(response.headers).toMatchObject({
        'content-type': 'image/png',
        'content-disposition': 'inline; filename="photo.png"',
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=3600',
        etag: `"${photo.id}"`,
      });
      // Under the API's per-client ceiling like every public route.
      expect(response.headers['x-ratelimit-limit']).toBeDefined();
    }

    const revalidated = await photoOf(doctor.accountId, { 'if-none-match': `W/"other", "${photo.id}"` });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload).toHaveLength(0);
    expect(revalidated.headers.etag).toBe(`"${photo.id}"`);
  });

  it('is the newest photo: a new one changes the URL and the ETag, deleting it brings the previous one back', async () => {
    const tag = word();
    const doctor = await givenListedDoctor(tag);
    const first = await documents.uploaded(doctor, 'photo', aPng());
    const newerFile = aJpeg({ name: 'me.jpg' });
    const newer = await documents.uploaded(doctor, 'photo', newerFile);

    expect(await profilePhotoUrl(doctor.accountId)).toBe(urlOf(doctor.accountId, newer.id));
    // A cache holding the first photo revalidates and gets the new one.
    const changed = await photoOf(doctor.accountId, { 'if-none-match': `"${first.id}"` });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers).toMatchObject({ 'content-type': 'image/jpeg', etag: `"${newer.id}"` });
    expect(changed.rawPayload.equals(newerFile.bytes)).toBe(true);

    expect((await call(doctor, 'DELETE', `/api/v1/doctors/me/documents/${newer.id}`)).statusCode).toBe(204);
    expect(await profilePhotoUrl(doctor.accountId)).toBe(urlOf(doctor.accountId, first.id));
    expect((await photoOf(doctor.accountId)).headers.etag).toBe(`"${first.id}"`);

    expect((await call(doctor, 'DELETE', `/api/v1/doctors/me/documents/${first.id}`)).statusCode).toBe(204);
    expect(await profilePhotoUrl(doctor.accountId)).toBeNull();
    await expectNoPhoto(doctor.accountId, { 'if-none-match': `"${first.id}"` });
  });
});

describe('what the photo route never serves', () => {
  it('a doctor without a photo: photoUrl null on profile and card, 404 even with pictures among the credentials', async () => {
    const tag = word();
    const doctor = await givenListedDoctor(tag);
    // Credentials that are pictures too (givenVerifiedDoctor's are PDFs).
    const id = await documents.uploaded(doctor, 'government_id', aJpeg());
    const licence = await documents.uploaded(doctor, 'medical_licence', aPng({ name: 'licence.png' }));

    expect(await profilePhotoUrl(doctor.accountId)).toBeNull();
    expect(await cardPhotoUrls(tag)).toEqual({ [doctor.accountId]: null });
    await expectNoPhoto(doctor.accountId);
    for (const document of [id, licence]) {
      await expectNoPhoto(doctor.accountId, { 'if-none-match': `"${document.id}"` });
      const named = await call(undefined, 'GET', urlOf(doctor.accountId, document.id));
      expect([named.statusCode, codeOf(named)]).toEqual([404, 'PHOTO_NOT_FOUND']);
    }
  });

  it('a credential uploaded after the photo, or named in the URL: the photo is what comes back', async () => {
    const tag = word();
    const doctor = await givenListedDoctor(tag);
    const photoFile = aPng();
    const photo = await documents.uploaded(doctor, 'photo', photoFile);
    const idFile = aJpeg();
    const id = await documents.uploaded(doctor, 'government_id', idFile);

    const response = await call(undefined, 'GET', urlOf(doctor.accountId, id.id));
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(`"${photo.id}"`);
    expect(response.rawPayload.equals(photoFile.bytes)).toBe(true);
    expect(response.body).not.toContain(idFile.marker);
    expect(await profilePhotoUrl(doctor.accountId)).toBe(urlOf(doctor.accountId, photo.id));
  });

  it('bytes that are not the PNG or JPEG their row says: 404, never served as something else', async () => {
    const doctor = await givenListedDoctor(word());
    const photo = await documents.uploaded(doctor, 'photo', aPng());
    const pool = platform.db.pool;
    await pool.query(`UPDATE doctor_documents SET content_type = 'image/jpeg' WHERE id = $1`, [photo.id]);
    await expectNoPhoto(doctor.accountId);

    // A PDF credential that a bad row calls a photo is refused by its content and type too.
    const licence = await documents.uploaded(doctor, 'medical_licence', aPdf());
    await pool.query(`UPDATE doctor_documents SET kind = 'photo' WHERE id = $1`, [licence.id]);
    await expectNoPhoto(doctor.accountId);
  });
});

describe('doctors who are not listed', () => {
  it('unverified: no photo, though one is on file', async () => {
    const doctor = await givenPractice(platform.app);
    await documents.uploaded(doctor, 'photo', aPng());
    await expectNoPhoto(doctor.accountId);
  });

  it('verification suspended: 404, even to a cache revalidating; back once reinstated', async () => {
    const doctor = await givenListedDoctor(word());
    const photo = await documents.uploaded(doctor, 'photo', aPng());
    expect((await photoOf(doctor.accountId)).statusCode).toBe(200);

    const decide = (decision: string, code: string) =>
      platform.app.inject({
        method: 'POST',
        url: `/api/v1/admin/doctor-applications/${doctor.accountId}/decision`,
        headers: admin.headers,
        payload: { decision, reason: { code } },
      });
    expect((await decide('suspend', 'complaint_under_investigation')).statusCode).toBe(200);
    await verificationReaches(platform.db.pool, doctor.accountId, 'suspended');
    await expectNoPhoto(doctor.accountId, { 'if-none-match': `"${photo.id}"` });

    expect((await decide('reinstate', 'issue_resolved')).statusCode).toBe(200);
    await eventually(
      async () => ((await photoOf(doctor.accountId)).statusCode === 200 ? true : undefined),
      20_000,
      'the reinstated doctor’s photo',
    );
  });

  it('account suspended: 404 at once (the account is read live); back once reinstated', async () => {
    const doctor = await givenListedDoctor(word());
    await documents.uploaded(doctor, 'photo', aPng());
    expect((await photoOf(doctor.accountId)).statusCode).toBe(200);

    expect((await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/suspend`)).statusCode).toBe(200);
    await expectNoPhoto(doctor.accountId);
    expect((await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/reinstate`)).statusCode).toBe(200);
    expect((await photoOf(doctor.accountId)).statusCode).toBe(200);
  });

  it('unknown doctor: 404', async () => {
    await expectNoPhoto(randomUUID());
  });
});
