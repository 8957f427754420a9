/** Verification through the API: the doctor applies, admins work the queue, the doctor follows the timeline. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorVerificationStreamId } from '../../domain/doctor/index.js';
import { anActor, type TestActor } from '../../tests/support/auth.js';
import { givenPractice } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

let platform: TestPlatform;
let admin: TestActor;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await anActor(['admin']);
});
afterAll(async () => platform?.close());

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
        details: ['profile', 'availability', 'methods', 'services'].map((path) => ({ path })),
      },
    });
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/application')).json()).toEqual({
      status: 'none',
      escalated: false,
      missing: ['profile', 'availability', 'methods', 'services'],
      timeline: [],
    });
    expect(await platform.eventStore.readStream(doctorVerificationStreamId(doctor.accountId))).toEqual([]);
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
