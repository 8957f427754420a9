/**
 * Doctors' credential documents end to end: uploads judged by content and size, stored encrypted,
 * visible to the doctor and to admins (audited) only, downloadable through short-lived signed
 * links, and gone when deleted.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStore } from '../../activities/adapters/local-file-store.js';
import { doctorDocumentsStreamId } from '../../domain/doctor-document/index.js';
import { doctorStreamId } from '../../domain/doctor/index.js';
import { aGif, aJpeg, anExecutable, aPdf, aPng, type TestFile } from '../../tests/fixtures/files.js';
import { documentsApi, type DocumentJson } from '../../tests/support/documents.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenPractice, verificationReaches, verify } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { buildApp } from '../app.js';
import { auditStreamId } from '../audit.js';

let platform: TestPlatform;
let app: FastifyInstance;
let root: string;
/** The API's clock: real time unless a test pins it. */
let pinned: Date | undefined;
let api: ReturnType<typeof documentsApi>;

beforeAll(async () => {
  platform = await startTestPlatform();
  root = await mkdtemp(join(tmpdir(), 'consulta-documents-'));
  app = await buildApp({
    ...platform.deps,
    fileStore: createLocalFileStore({ root }),
    now: () => pinned ?? new Date(),
  });
  await app.ready();
  api = documentsApi(app);
});
afterAll(async () => {
  await app?.close();
  await platform?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

type ErrorJson = { error: { code: string; message: string } };

const account = (roles: Parameters<typeof givenAccount>[1], options?: Parameters<typeof givenAccount>[2]) =>
  givenAccount(platform.db.pool, roles, options);

const storedRow = async (documentId: string) =>
  (
    await platform.db.pool.query<{
      storage_key: string;
      wrapped_key: Buffer | null;
      sha256: string;
      deleted_at: Date | null;
    }>('SELECT storage_key, wrapped_key, sha256, deleted_at FROM doctor_documents WHERE id = $1', [documentId])
  ).rows[0];

const storedBytes = async (storageKey: string) => readFile(join(root, ...storageKey.split('/')));

describe('uploading credential documents', () => {
  // The doctors here are unverified, as during onboarding: uploads are how they get verified.
  it('takes a PDF licence, a JPEG ID and a PNG photo, lists them, and records each upload on its own stream', async () => {
    const doctor = await account(['doctor']);
    const files = { medical_licence: aPdf(), government_id: aJpeg(), photo: aPng() };
    const views = [];
    for (const [kind, file] of Object.entries(files)) {
      const view = await api.uploaded(doctor, kind, file);
      expect(view).toEqual({
        id: expect.any(String),
        kind,
        contentType: file.type,
        sizeBytes: file.bytes.length,
        uploadedAt: expect.any(String),
      });
      views.push(view);
    }
    const listed = (await api.list(doctor)).json<{ items: DocumentJson[] }>().items;
    expect(listed.map((item) => item.id).sort()).toEqual(views.map((view) => view.id).sort());

    const events = await platform.eventStore.readStream(doctorDocumentsStreamId(doctor.accountId));
    expect(events.map((event) => [event.type, event.data.kind, event.data.contentType])).toEqual([
      ['DoctorDocumentUploaded', 'medical_licence', 'application/pdf'],
      ['DoctorDocumentUploaded', 'government_id', 'image/jpeg'],
      ['DoctorDocumentUploaded', 'photo', 'image/png'],
    ]);
    expect(events[0]?.data).toMatchObject({
      doctorId: doctor.accountId,
      documentId: views[0]?.id,
      sizeBytes: files.medical_licence.bytes.length,
      sha256: (await storedRow(views[0]?.id ?? ''))?.sha256,
    });
    expect(await platform.eventStore.readStream(doctorStreamId(doctor.accountId))).toEqual([]);
  });

  it('stores ciphertext only: the bytes in the store are not the file, yet the link serves the file', async () => {
    const doctor = await account(['doctor']);
    const pdf = aPdf();
    const { id } = await api.uploaded(doctor, 'medical_licence', pdf);
    const row = await storedRow(id);
    expect(row?.wrapped_key?.length).toBeGreaterThan(32);
    const stored = await storedBytes(row?.storage_key ?? '');
    expect(stored.includes(Buffer.from(pdf.marker))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(stored.equals(pdf.bytes)).toBe(false);
    const served = await api.download(await api.linkUrl(doctor, doctor.accountId, id));
    expect(served.rawPayload).toEqual(pdf.bytes);
  });

  it('refuses a forged extension with 415: an executable renamed .pdf, a PDF declared image/png or named .png', async () => {
    const doctor = await account(['doctor']);
    for (const [kind, file, says] of [
      ['medical_licence', anExecutable(), 'a Windows executable'],
      ['government_id', aPdf({ type: 'image/png', name: 'id' }), 'declared as image/png but its content is a PDF'],
      ['government_id', aPdf({ name: 'id.png' }), 'does not match its content, which is a PDF'],
    ] as const) {
      const response = await api.upload(doctor, kind, file);
      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorJson>().error).toEqual({
        code: 'UNSUPPORTED_FILE_TYPE',
        message: expect.stringContaining(says),
      });
    }
    expect((await api.list(doctor)).json()).toEqual({ items: [] });
  });

  it('refuses a type that is not allowed with 415: a GIF, and a PDF as a photo', async () => {
    const doctor = await account(['doctor']);
    for (const [kind, file] of [
      ['government_id', aGif()],
      ['photo', aPdf()],
    ] as const) {
      const response = await api.upload(doctor, kind, file);
      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorJson>().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    }
  });

  it('refuses a file over 10 MiB with 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
    const doctor = await account(['doctor']);
    const big = aPdf();
    const oversized = { ...big, bytes: Buffer.concat([big.bytes, Buffer.alloc(10 * 1024 * 1024)]) };
    const response = await api.upload(doctor, 'medical_licence', oversized);
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorJson>().error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('10 MiB'),
    });
    expect((await api.list(doctor)).json()).toEqual({ items: [] });
    await expect(readdir(join(root, 'doctor-documents', doctor.accountId))).rejects.toThrow('ENOENT');
  });

  it('answers a malformed upload in the error format, and keeps multipart away from the JSON routes', async () => {
    const doctor = await account(['doctor']);
    const missing = await api.postForm(doctor, {}, { file: aPdf() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorJson>().error.code).toBe('VALIDATION_FAILED');
    expect((await api.upload(doctor, 'selfie', aPng())).statusCode).toBe(400);
    for (const [files, code] of [
      [{ document: aPdf() }, 'VALIDATION_FAILED'],
      [{ file: aPdf(), other: aPng() }, 'TOO_MANY_PARTS'],
    ] as const) {
      const response = await api.postForm(doctor, { kind: 'medical_licence' }, files);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorJson>().error.code).toBe(code);
    }
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/doctors/me/documents',
      payload: { kind: 'photo' },
      headers: doctor.headers,
    });
    expect(json.statusCode).toBe(415);
    expect(json.json<ErrorJson>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const patient = await account(['patient']);
    const elsewhere = await api.postForm(
      patient,
      { name: 'Duarte Dias', relationship: 'child' },
      {},
      '/api/v1/me/dependants',
    );
    expect(elsewhere.statusCode).toBe(415);
    expect(elsewhere.json<ErrorJson>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('is for doctors only', async () => {
    const patient = await account(['patient']);
    const refused = await api.upload(patient, 'medical_licence', aPdf());
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorJson>().error.code).toBe('ROLE_REQUIRED');
    expect((await api.upload(undefined, 'medical_licence', aPdf())).statusCode).toBe(401);
    expect((await api.list(patient)).statusCode).toBe(403);
  });
});

describe('who may read a doctor’s credential files', () => {
  let doctor: TestActor;
  let licence: DocumentJson;
  let pdf: TestFile;
  beforeAll(async () => {
    doctor = await account(['doctor']);
    pdf = aPdf();
    licence = await api.uploaded(doctor, 'medical_licence', pdf);
  });

  it('answers a patient, another doctor (verified or not) and finance with 404, as if the file did not exist', async () => {
    const verifiedDoctor = await givenPractice(app, { actor: await account(['doctor']), credentials: false });
    await api.uploaded(verifiedDoctor, 'government_id', aJpeg());
    await api.uploaded(verifiedDoctor, 'medical_licence', aPdf());
    await verify(app, verifiedDoctor, await account(['admin']));
    await verificationReaches(platform.db.pool, verifiedDoctor.accountId, 'verified');
    for (const other of [
      await account(['patient']),
      await account(['doctor']),
      verifiedDoctor,
      await account(['finance']),
    ]) {
      const response = await api.linkFor(other, doctor.accountId, licence.id);
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorJson>().error.code).toBe('DOCUMENT_NOT_FOUND');
    }
    const otherDoctor = await account(['doctor']);
    expect((await api.list(otherDoctor, `/api/v1/admin/doctors/${doctor.accountId}/documents`)).statusCode).toBe(403);
    // Naming the document under the wrong doctor does not find it either.
    expect((await api.linkFor(otherDoctor, otherDoctor.accountId, licence.id)).statusCode).toBe(404);
  });

  it('lets the doctor download their own file through a link', async () => {
    const response = await api.download(await api.linkUrl(doctor, doctor.accountId, licence.id));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(pdf.bytes);
  });

  it('lets an admin list the documents and download one through a signed link, both audited', async () => {
    const admin = await account(['admin']);
    const listed = await api.list(admin, `/api/v1/admin/doctors/${doctor.accountId}/documents`);
    expect(listed.json<{ items: DocumentJson[] }>().items).toEqual([licence]);
    pinned = new Date(Math.floor(Date.now() / 1000) * 1000);
    const link = await api.linkFor(admin, doctor.accountId, licence.id);
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json<{ url: string; expiresAt: string }>();
    expect(new URL(url).pathname).toMatch(/^\/api\/v1\/files\/[\w-]+\.[\w-]+$/);
    expect(expiresAt).toBe(new Date(pinned.getTime() + 5 * 60_000).toISOString());
    pinned = undefined;

    const file = await api.download(url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload).toEqual(pdf.bytes);
    expect(file.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="medical_licence.pdf"',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });

    const trail = await platform.eventStore.readStream(auditStreamId(doctor.accountId));
    expect(trail.map((event) => ({ type: event.type, ...event.data }))).toEqual([
      expect.objectContaining({
        type: 'StaffReadDoctorDocument',
        actorId: admin.accountId,
        resource: 'doctor-documents-list',
        resourceId: null,
      }),
      expect.objectContaining({
        type: 'StaffReadDoctorDocument',
        actorId: admin.accountId,
        resource: 'doctor-document',
        resourceId: licence.id,
      }),
    ]);
  });

  it('refuses an admin without a second factor', async () => {
    const admin = await account(['admin'], { mfa: false });
    const response = await api.linkFor(admin, doctor.accountId, licence.id);
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorJson>().error.code).toBe('MFA_REQUIRED');
  });

  it('answers an expired or tampered link with 404', async () => {
    pinned = new Date();
    try {
      const url = await api.linkUrl(doctor, doctor.accountId, licence.id);
      pinned = new Date(pinned.getTime() + 5 * 60_000 + 1_000);
      const expired = await api.download(url);
      expect(expired.statusCode).toBe(404);
      expect(expired.json<ErrorJson>().error.code).toBe('FILE_NOT_FOUND');

      pinned = undefined;
      const fresh = new URL(await api.linkUrl(doctor, doctor.accountId, licence.id)).pathname;
      const [payload, signature] = fresh.slice('/api/v1/files/'.length).split('.') as [string, string];
      const claims = Buffer.from(payload, 'base64url');
      claims.writeUInt32BE(claims.readUInt32BE(17) + 86_400, 17);
      const longer = claims.toString('base64url');
      for (const tampered of [
        `${longer}.${signature}`,
        `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
        'nonsense',
      ]) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/files/${tampered}` });
        expect(response.statusCode, tampered).toBe(404);
        expect(response.json<ErrorJson>().error.code).toBe('FILE_NOT_FOUND');
      }
      expect((await app.inject({ method: 'GET', url: fresh })).statusCode).toBe(200);
    } finally {
      pinned = undefined;
    }
  });
});

describe('deleting a credential document', () => {
  it('hides it: gone from the lists, its links dead, its bytes and key gone', async () => {
    const [doctor, admin, otherDoctor] = [
      await account(['doctor']),
      await account(['admin']),
      await account(['doctor']),
    ];
    const [kept, removed] = [
      await api.uploaded(doctor, 'photo', aJpeg()),
      await api.uploaded(doctor, 'medical_licence', aPdf()),
    ];
    const oldLink = await api.linkUrl(doctor, doctor.accountId, removed.id);
    const { storage_key: storageKey } = (await storedRow(removed.id)) ?? { storage_key: '' };

    const del = (actor: TestActor) =>
      app.inject({ method: 'DELETE', url: `/api/v1/doctors/me/documents/${removed.id}`, headers: actor.headers });
    expect((await del(otherDoctor)).statusCode).toBe(404);
    expect((await del(doctor)).statusCode).toBe(204);
    expect((await del(doctor)).json<ErrorJson>().error.code).toBe('DOCUMENT_NOT_FOUND');

    expect((await api.list(doctor)).json<{ items: DocumentJson[] }>().items).toEqual([kept]);
    const adminList = await api.list(admin, `/api/v1/admin/doctors/${doctor.accountId}/documents`);
    expect(adminList.json<{ items: DocumentJson[] }>().items).toEqual([kept]);
    expect((await api.download(oldLink)).statusCode).toBe(404);
    expect((await api.linkFor(doctor, doctor.accountId, removed.id)).statusCode).toBe(404);
    expect((await api.linkFor(admin, doctor.accountId, removed.id)).statusCode).toBe(404);
    await expect(storedBytes(storageKey)).rejects.toThrow('ENOENT');
    expect(await storedRow(removed.id)).toMatchObject({ wrapped_key: null, deleted_at: expect.any(Date) });

    const events = await platform.eventStore.readStream(doctorDocumentsStreamId(doctor.accountId));
    expect(events.at(-1)).toMatchObject({
      type: 'DoctorDocumentDeleted',
      data: { doctorId: doctor.accountId, documentId: removed.id },
    });
  });
});
