/** Verification through the API: the doctor applies, admins work the queue, the doctor follows the timeline. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorVerificationStreamId } from '../../domain/doctor/index.js';
import { aJpeg, aPdf } from '../../tests/fixtures/files.js';
import { givenAccount } from '../../tests/support/accounts.js';
import { anActor, type TestActor } from '../../tests/support/auth.js';
import { givenPractice } from '../../tests/support/doctors.js';
import { documentsApi } from '../../tests/support/documents.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { auditStreamId } from '../audit.js';

let platform: TestPlatform;
let admin: TestActor;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await anActor(['admin']);
});
afterAll(async () => platform?.close());

const ALL_MISSING = ['profile', 'availability', 'methods', 'services', 'documents'];

const call = (actor: TestActor | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
  platform.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });
const decide = (doctorId: string, decision: string, reason: object = { code: 'other' }, actor = admin) =>
  call(actor, 'POST', `/api/v1/admin/doctor-applications/${doctorId}/decision`, { decision, reason });

type QueueItem = { doctorId: string; displayName: string; status: string; escalated: boolean };
async function queueEntry(doctorId: string, query = ''): Promise<QueueItem | undefined> {
  const response = await call(admin, 'GET', `/api/v1/admin/doctor-applications${query}`);
  return response.json<{ items: QueueItem[] }>().items.find((item) => item.doctorId === doctorId);
}

describe('doctor applications', () => {
  it('refuses an application before the practice is complete, saying what is missing', async () => {
    const doctor = await anActor(['doctor']);
    const response = await call(doctor, 'POST', '/api/v1/doctors/me/application');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      error: {
        code: 'PRACTICE_INCOMPLETE',
        details: ALL_MISSING.map((path) => ({ path })),
      },
    });
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/application')).json()).toEqual({
      status: 'none',
      escalated: false,
      missing: ALL_MISSING,
      timeline: [],
    });
    expect(await platform.eventStore.readStream(doctorVerificationStreamId(doctor.accountId))).toEqual([]);
  });

  it('refuses an application until both the government ID and the medical licence are uploaded', async () => {
    const doctor = await givenPractice(platform.app, {
      actor: await givenAccount(platform.db.pool, ['doctor']),
      credentials: false,
    });
    const documents = documentsApi(platform.app);
    const refusedFor = async (missing: string) => {
      const response = await call(doctor, 'POST', '/api/v1/doctors/me/application');
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: {
          code: 'PRACTICE_INCOMPLETE',
          details: [{ path: 'documents', message: `${missing} not uploaded yet` }],
        },
      });
    };

    await refusedFor('government_id and medical_licence');
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/application')).json()).toMatchObject({
      missing: ['documents'],
    });
    await documents.uploaded(doctor, 'medical_licence', aPdf());
    await documents.uploaded(doctor, 'photo', aJpeg({ name: 'photo.jpg' })); // no stand-in for the ID
    await refusedFor('government_id');
    expect(await platform.eventStore.readStream(doctorVerificationStreamId(doctor.accountId))).toEqual([]);

    await documents.uploaded(doctor, 'government_id', aJpeg());
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/application')).json()).toMatchObject({ missing: [] });
    const submitted = await call(doctor, 'POST', '/api/v1/doctors/me/application');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
  });

  it('takes an application through the queue, with a note the doctor reads in the timeline', async () => {
    const doctor = await givenPractice(platform.app, { profile: { displayName: 'Dr. Queue Test' } });
    const submitted = await call(doctor, 'POST', '/api/v1/doctors/me/application');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ doctorId: doctor.accountId, status: 'submitted', escalated: false });

    const waiting = await eventually(() => queueEntry(doctor.accountId), 15_000, 'the application in the queue');
    expect(waiting).toMatchObject({ displayName: 'Dr. Queue Test', status: 'submitted', escalated: false });

    expect((await decide(doctor.accountId, 'start_review')).json()).toMatchObject({ status: 'in_review' });
    const note = 'Please upload the back of your licence card.';
    const asked = await decide(doctor.accountId, 'request_information', { code: 'documents_missing', note });
    expect(asked.json()).toMatchObject({ status: 'more_information_requested', waitingSince: null });

    const application = (await call(doctor, 'GET', '/api/v1/doctors/me/application')).json<{
      status: string;
      timeline: Array<Record<string, unknown>>;
    }>();
    expect(application.status).toBe('more_information_requested');
    expect(application.timeline.map((e) => [e.type, e.reasonCode, e.note])).toEqual([
      ['ApplicationSubmitted', null, null],
      ['ReviewStarted', 'other', null],
      ['InformationRequested', 'documents_missing', note],
    ]);
    expect(JSON.stringify(application)).not.toContain(admin.accountId); // who decided stays with the staff

    // Waiting on the doctor, it leaves the default (waiting) view of the queue and stays in the full one.
    await eventually(
      async () => ((await queueEntry(doctor.accountId)) ? undefined : true),
      15_000,
      'the queue to drop it',
    );
    expect(await queueEntry(doctor.accountId, '?waiting=false')).toMatchObject({
      status: 'more_information_requested',
    });

    expect((await call(doctor, 'POST', '/api/v1/doctors/me/application')).json()).toMatchObject({
      status: 'resubmitted',
    });
    await decide(doctor.accountId, 'start_review');
    expect((await decide(doctor.accountId, 'verify', { code: 'licence_confirmed' })).json()).toMatchObject({
      status: 'verified',
    });
  });

  it('answers 409 to out-of-order decisions and submissions, 404 for doctors who never applied', async () => {
    const doctor = await givenPractice(platform.app);
    await call(doctor, 'POST', '/api/v1/doctors/me/application');
    const early = await decide(doctor.accountId, 'verify');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'INVALID_STATE' } });
    expect((await call(doctor, 'POST', '/api/v1/doctors/me/application')).statusCode).toBe(409);
    const unknown = await decide(randomUUID(), 'start_review');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'APPLICATION_NOT_FOUND' } });
    const badReason = await decide(doctor.accountId, 'start_review', { code: 'vibes' });
    expect(badReason.statusCode).toBe(400);
  });

  it('shows an admin one application: the profile, the documents and the timeline, audited', async () => {
    const doctor = await givenPractice(platform.app, { profile: { displayName: 'Dr. Detail Test' } });
    await call(doctor, 'POST', '/api/v1/doctors/me/application');
    const note = 'The licence scan is cut off at the bottom.';
    await decide(doctor.accountId, 'start_review');
    await decide(doctor.accountId, 'request_information', { code: 'documents_missing', note });

    const response = await call(admin, 'GET', `/api/v1/admin/doctor-applications/${doctor.accountId}`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<{
      documents: Array<{ kind: string; contentType: string }>;
      timeline: Array<Record<string, unknown>>;
    }>();
    expect(detail).toMatchObject({
      doctorId: doctor.accountId,
      status: 'more_information_requested',
      escalated: false,
      missing: [],
      profile: { displayName: 'Dr. Detail Test', licence: { number: expect.any(String) } },
    });
    expect(detail.documents.map((d) => [d.kind, d.contentType]).sort()).toEqual([
      ['government_id', 'application/pdf'],
      ['medical_licence', 'application/pdf'],
    ]);
    expect(detail.timeline.map((e) => [e.type, e.status, e.reasonCode, e.note])).toEqual([
      ['ApplicationSubmitted', 'submitted', null, null],
      ['ReviewStarted', 'in_review', 'other', null],
      ['InformationRequested', 'more_information_requested', 'documents_missing', note],
    ]);
    // Nothing the API keeps to itself: no storage keys, digests or wrapped keys.
    expect(JSON.stringify(detail)).not.toMatch(/storageKey|sha256|wrappedKey/);

    const trail = await platform.eventStore.readStream(auditStreamId(doctor.accountId));
    expect(trail.map((event) => ({ type: event.type, ...event.data }))).toEqual([
      expect.objectContaining({
        type: 'StaffReadDoctorDocument',
        actorId: admin.accountId,
        resource: 'doctor-application',
      }),
    ]);
  });

  it('shows one application to admins only, and answers 404 for a doctor who never applied', async () => {
    const doctor = await givenPractice(platform.app);
    await call(doctor, 'POST', '/api/v1/doctors/me/application');
    const url = `/api/v1/admin/doctor-applications/${doctor.accountId}`;
    for (const other of [doctor, await anActor(['doctor']), await anActor(['patient']), await anActor(['finance'])]) {
      const refused = await call(other, 'GET', url);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'ROLE_REQUIRED' } });
    }
    expect((await call(await anActor(['admin'], { mfa: false }), 'GET', url)).json()).toMatchObject({
      error: { code: 'MFA_REQUIRED' },
    });
    expect((await call(undefined, 'GET', url)).statusCode).toBe(401);
    expect(await platform.eventStore.readStream(auditStreamId(doctor.accountId))).toEqual([]);

    const never = await givenPractice(platform.app);
    const unknown = await call(admin, 'GET', `/api/v1/admin/doctor-applications/${never.accountId}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'APPLICATION_NOT_FOUND' } });
    expect((await call(admin, 'GET', '/api/v1/admin/doctor-applications/not-a-uuid')).statusCode).toBe(400);
  });

  it('lets only admins (with a second factor) see the queue and decide', async () => {
    const doctor = await anActor(['doctor']);
    expect((await call(doctor, 'GET', '/api/v1/admin/doctor-applications')).statusCode).toBe(403);
    expect((await decide(doctor.accountId, 'verify', { code: 'other' }, doctor)).statusCode).toBe(403);
    const noMfa = await anActor(['admin'], { mfa: false });
    expect((await call(noMfa, 'GET', '/api/v1/admin/doctor-applications')).json()).toMatchObject({
      error: { code: 'MFA_REQUIRED' },
    });
    expect((await call(undefined, 'GET', '/api/v1/admin/doctor-applications')).statusCode).toBe(401);
    expect((await call(await anActor(['patient']), 'POST', '/api/v1/doctors/me/application')).statusCode).toBe(403);
  });
});
