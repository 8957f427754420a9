/**
 * The access policy end to end, through REST and GraphQL alike: what an actor may not see does
 * not exist for them (404 or null, never 403 and never data), staff reads are audited, and a
 * doctor sees a patient's records only while they have a booking together.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { auditStreamId } from '../audit.js';

let platform: TestPlatform;
/** A verified doctor for bookings whose doctor does not matter to the test. */
let anyDoctor: BookableDoctor;
const bookables = new Map<string, BookableDoctor>();
beforeAll(async () => {
  platform = await startTestPlatform();
  anyDoctor = await givenBookableDoctor(platform.app);
});
afterAll(async () => platform?.close());

type Json = Record<string, unknown>;
const account = (roles: Parameters<typeof givenAccount>[1], options?: Parameters<typeof givenAccount>[2]) =>
  givenAccount(platform.db.pool, roles, options);
const get = (actor: TestActor | undefined, url: string) =>
  platform.app.inject({ method: 'GET', url, headers: actor?.headers ?? {} });
const post = (actor: TestActor | undefined, url: string, payload: object) =>
  platform.app.inject({ method: 'POST', url, payload, headers: actor?.headers ?? {} });
const patch = (actor: TestActor, url: string, payload: object) =>
  platform.app.inject({ method: 'PATCH', url, payload, headers: actor.headers });

async function graphql(actor: TestActor, query: string, variables: Json = {}) {
  const response = await post(actor, '/graphql', { query, variables });
  return response.json<{ data: Json | null; errors?: Array<{ extensions: { code: string } }> }>();
}

/** A real slot with this doctor account (its practice is set up and verified on first use). */
async function slotWith(doctor: TestActor | 'any', patientId: string) {
  if (doctor === 'any') return anyDoctor.nextRequest(patientId);
  let bookable = bookables.get(doctor.accountId);
  if (!bookable) {
    bookable = await givenBookableDoctor(platform.app, { actor: doctor, slotsNeeded: 5 });
    bookables.set(doctor.accountId, bookable);
  }
  return bookable.nextRequest(patientId);
}

/** The patient books (for themselves, or for `patientId`) with this doctor; waits for the read model. */
async function givenBooking(patient: TestActor, doctor: TestActor | 'any', patientId?: string): Promise<string> {
  const response = await post(patient, '/api/v1/appointments', await slotWith(doctor, patientId ?? patient.accountId));
  expect(response.statusCode).toBe(201);
  const { id } = response.json<{ id: string }>();
  await eventually(async () =>
    (await get(patient, `/api/v1/appointments/${id}`)).statusCode === 200 ? true : undefined,
  );
  return id;
}

async function givenProfile(patient: TestActor, name: string): Promise<void> {
  expect((await patch(patient, '/api/v1/me', { name })).statusCode).toBe(200);
  await eventually(async () =>
    (await get(patient, '/api/v1/me')).json<{ profile: unknown }>().profile ? true : undefined,
  );
}

async function auditTrail(subjectId: string): Promise<Json[]> {
  const events = await platform.eventStore.readStream(auditStreamId(subjectId));
  return events.map((event) => ({ type: event.type, ...event.data }));
}

const APPOINTMENT = 'query($id: ID!) { appointment(id: $id) { id patientId } }';
const PATIENT = 'query($id: ID!) { patient(id: $id) { patientId name } }';

describe('patients see only their own', () => {
  let alice: TestActor;
  let bob: TestActor;
  let appointmentId: string;
  beforeAll(async () => {
    [alice, bob] = [await account(['patient']), await account(['patient'])];
    appointmentId = await givenBooking(alice, 'any');
    await givenProfile(alice, 'Alice Andrade');
  });

  it('answers another patient’s appointment with 404 in REST, for reads and commands alike', async () => {
    for (const response of [
      await get(bob, `/api/v1/appointments/${appointmentId}`),
      await get(bob, `/api/v1/appointments/${appointmentId}/events`),
      await post(bob, `/api/v1/appointments/${appointmentId}/cancel`, { reason: 'other' }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: expect.objectContaining({ code: 'APPOINTMENT_NOT_FOUND' }) });
    }
    const list = (await get(bob, '/api/v1/appointments')).json<{ items: Json[] }>();
    expect(list.items).toEqual([]);
    expect((await get(alice, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);
  });

  it('answers another patient’s profile with 404 in REST', async () => {
    const response = await get(bob, `/api/v1/patients/${alice.accountId}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: expect.objectContaining({ code: 'PATIENT_NOT_FOUND' }) });
    expect((await get(alice, `/api/v1/patients/${alice.accountId}`)).json()).toMatchObject({ name: 'Alice Andrade' });
  });

  it('answers both with null in GraphQL, as if they did not exist', async () => {
    expect(await graphql(bob, APPOINTMENT, { id: appointmentId })).toEqual({ data: { appointment: null } });
    expect(await graphql(bob, PATIENT, { id: alice.accountId })).toEqual({ data: { patient: null } });
    expect(await graphql(bob, '{ appointments { id } }')).toEqual({ data: { appointments: [] } });
    expect((await graphql(alice, APPOINTMENT, { id: appointmentId })).data).toEqual({
      appointment: { id: appointmentId, patientId: alice.accountId },
    });
  });

  it('does not let a patient book for someone else, nor a non-patient book at all', async () => {
    const forAlice = await post(bob, '/api/v1/appointments', anyDoctor.nextRequest(alice.accountId));
    expect(forAlice.statusCode).toBe(404);
    expect(forAlice.json<{ error: { code: string } }>().error.code).toBe('PATIENT_NOT_FOUND');
    const doctor = await account(['doctor']);
    const { patientId: _ignored, ...slot } = anyDoctor.nextRequest(doctor.accountId);
    const byDoctor = await post(doctor, '/api/v1/appointments', slot);
    expect(byDoctor.statusCode).toBe(403);
    expect(byDoctor.json<{ error: { code: string } }>().error.code).toBe('PATIENT_ROLE_REQUIRED');
  });
});

describe('a doctor and a patient’s records', () => {
  it('reads the profile only while a booking exists, not before and not after it is cancelled', async () => {
    const [patient, doctor] = [await account(['patient']), await account(['doctor'])];
    await givenProfile(patient, 'Paula Pires');
    const profileUrl = `/api/v1/patients/${patient.accountId}`;
    expect((await get(doctor, profileUrl)).statusCode).toBe(404);
    expect(await graphql(doctor, PATIENT, { id: patient.accountId })).toEqual({ data: { patient: null } });

    const appointmentId = await givenBooking(patient, doctor);
    expect((await get(doctor, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);
    const read = await get(doctor, profileUrl);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ patientId: patient.accountId, name: 'Paula Pires' });
    expect((await graphql(doctor, PATIENT, { id: patient.accountId })).data).toEqual({
      patient: { patientId: patient.accountId, name: 'Paula Pires' },
    });
    // A doctor's profile read is a read of someone else's health data: audited, twice (REST and GraphQL).
    const audited = (await auditTrail(patient.accountId)).filter((e) => e.type === 'StaffReadHealthData');
    expect(audited).toEqual([
      expect.objectContaining({ actorId: doctor.accountId, subjectId: patient.accountId, resource: 'patient-profile' }),
      expect.objectContaining({ actorId: doctor.accountId, resource: 'patient-profile' }),
    ]);

    const cancelled = await post(doctor, `/api/v1/appointments/${appointmentId}/cancel`, {
      reason: 'doctor_unavailable',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    await eventually(async () => ((await get(doctor, profileUrl)).statusCode === 404 ? true : undefined));
    expect(await graphql(doctor, PATIENT, { id: patient.accountId })).toEqual({ data: { patient: null } });
    // The doctor still sees the (cancelled) appointment itself, cancelled by 'doctor', derived from the caller.
    expect((await get(doctor, `/api/v1/appointments/${appointmentId}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'doctor',
    });
  });

  it('stops a doctor acting as a doctor once suspended: their patients’ data is gone for them', async () => {
    const [patient, doctor, admin] = [await account(['patient']), await account(['doctor']), await account(['admin'])];
    await givenProfile(patient, 'Sara Sitoe');
    const appointmentId = await givenBooking(patient, doctor);
    expect((await get(doctor, `/api/v1/patients/${patient.accountId}`)).statusCode).toBe(200);
    for (const decision of ['suspend']) {
      const response = await post(admin, `/api/v1/admin/doctor-applications/${doctor.accountId}/decision`, {
        decision,
        reason: { code: 'licence_expired' },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    await eventually(async () =>
      (await get(doctor, `/api/v1/appointments/${appointmentId}`)).statusCode === 404 ? true : undefined,
    );
    expect((await get(doctor, `/api/v1/patients/${patient.accountId}`)).statusCode).toBe(404);
    expect((await get(patient, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);
  });

  it('does not show a doctor appointments booked with another doctor', async () => {
    const [patient, doctor] = [await account(['patient']), await account(['doctor'])];
    const appointmentId = await givenBooking(patient, 'any');
    expect((await get(doctor, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(404);
    expect((await get(doctor, '/api/v1/appointments')).json()).toMatchObject({
      items: [],
      pageInfo: { hasNextPage: false },
    });
  });
});

describe('staff', () => {
  let patient: TestActor;
  let appointmentId: string;
  beforeAll(async () => {
    patient = await account(['patient']);
    await givenProfile(patient, 'Sara Sousa');
    appointmentId = await givenBooking(patient, 'any');
  });

  it('records a StaffReadHealthData event for every read of a patient’s data by an admin', async () => {
    const admin = await account(['admin']);
    expect((await get(admin, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/v1/appointments/${appointmentId}/events`)).statusCode).toBe(200);
    expect((await get(admin, `/api/v1/patients/${patient.accountId}`)).json()).toMatchObject({ name: 'Sara Sousa' });
    expect((await graphql(admin, APPOINTMENT, { id: appointmentId })).data).toMatchObject({
      appointment: { id: appointmentId },
    });

    const mine = (await auditTrail(patient.accountId)).filter((e) => e.actorId === admin.accountId);
    expect(mine.map((e) => [e.type, e.subjectId, e.resource, e.resourceId])).toEqual([
      ['StaffReadHealthData', patient.accountId, 'appointment', appointmentId],
      ['StaffReadHealthData', patient.accountId, 'appointment-events', appointmentId],
      ['StaffReadHealthData', patient.accountId, 'patient-profile', patient.accountId],
      ['StaffReadHealthData', patient.accountId, 'appointment', appointmentId],
    ]);
  });

  it('audits a staff listing once, naming the patients it showed', async () => {
    const finance = await account(['finance']);
    const listed = (await get(finance, '/api/v1/appointments?first=200')).json<{ items: Array<{ id: string }> }>();
    expect(listed.items.map((item) => item.id)).toContain(appointmentId);
    await graphql(finance, '{ appointments(first: 200) { id } }');
    const trail = await auditTrail(finance.accountId);
    expect(trail).toEqual([
      expect.objectContaining({ type: 'StaffReadHealthData', resource: 'appointments-list', resourceId: null }),
      expect.objectContaining({ type: 'StaffReadHealthData', resource: 'appointments-list' }),
    ]);
    expect(trail[0]?.patientIds).toContain(patient.accountId);
  });

  it('lets finance read appointments (audited) but never a patient’s profile', async () => {
    const finance = await account(['finance']);
    expect((await get(finance, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);
    const profile = await get(finance, `/api/v1/patients/${patient.accountId}`);
    expect(profile.statusCode).toBe(404);
    expect(profile.json<{ error: { code: string } }>().error.code).toBe('PATIENT_NOT_FOUND');
    expect(await graphql(finance, PATIENT, { id: patient.accountId })).toEqual({ data: { patient: null } });
    const cancel = await post(finance, `/api/v1/appointments/${appointmentId}/cancel`, { reason: 'other' });
    expect(cancel.statusCode).toBe(403);
    const reads = (await auditTrail(patient.accountId)).filter((e) => e.actorId === finance.accountId);
    expect(reads.map((e) => e.resource)).toEqual(['appointment']);
  });

  it('refuses admin and finance sessions without a second factor, everywhere, with MFA_REQUIRED', async () => {
    for (const role of ['admin', 'finance'] as const) {
      const staff = await account([role], { mfa: false });
      for (const response of [
        await get(staff, `/api/v1/appointments/${appointmentId}`),
        await get(staff, '/api/v1/appointments'),
        await get(staff, `/api/v1/patients/${patient.accountId}`),
        await get(staff, '/api/v1/me'),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('MFA_REQUIRED');
      }
      expect((await graphql(staff, '{ appointments { id } }')).errors?.[0]?.extensions.code).toBe('MFA_REQUIRED');
    }
  });

  it('lets an admin cancel, recorded as cancelled by admin', async () => {
    const [admin, other] = [await account(['admin']), await account(['patient'])];
    const id = await givenBooking(other, 'any');
    expect((await post(admin, `/api/v1/appointments/${id}/cancel`, { reason: 'other' })).json()).toMatchObject({
      status: 'cancelled',
    });
    const events = (await get(other, `/api/v1/appointments/${id}/events`)).json<{
      items: Array<{ type: string; data: Json }>;
    }>();
    const cancelled = events.items.find((event) => event.type === 'AppointmentCancelled');
    expect(cancelled?.data).toMatchObject({ cancelledBy: 'admin', reason: 'other' });
  });

  it('refuses a body that tries to say who cancels', async () => {
    const response = await post(patient, `/api/v1/appointments/${appointmentId}/cancel`, {
      by: 'admin',
      reason: 'other',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('guardians and dependants', () => {
  it('lets a guardian book for a dependant and see it, and nobody else', async () => {
    const [guardian, stranger] = [await account(['patient']), await account(['patient'])];
    const registered = await post(guardian, '/api/v1/me/dependants', { name: 'Duarte Dias', relationship: 'child' });
    expect(registered.statusCode).toBe(201);
    const { dependantId } = registered.json<{ dependantId: string }>();

    // Booked at once, before the read model knows the dependant: the guardianship is checked on its stream.
    const appointmentId = await givenBooking(guardian, 'any', dependantId);
    const seen = await get(guardian, `/api/v1/appointments/${appointmentId}`);
    expect(seen.json()).toMatchObject({ patientId: dependantId });
    await eventually(async () => {
      const list = (await get(guardian, '/api/v1/appointments')).json<{ items: Array<{ id: string }> }>();
      return list.items.some((item) => item.id === appointmentId) ? true : undefined;
    });
    expect((await get(guardian, `/api/v1/patients/${dependantId}`)).json()).toMatchObject({
      patientId: dependantId,
      guardianId: guardian.accountId,
      name: 'Duarte Dias',
    });

    expect((await get(stranger, `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(404);
    expect((await get(stranger, `/api/v1/patients/${dependantId}`)).statusCode).toBe(404);
    expect(await graphql(stranger, APPOINTMENT, { id: appointmentId })).toEqual({ data: { appointment: null } });
    const forDependant = await post(stranger, '/api/v1/appointments', anyDoctor.nextRequest(dependantId));
    expect(forDependant.statusCode).toBe(404);
    expect(forDependant.json<{ error: { code: string } }>().error.code).toBe('PATIENT_NOT_FOUND');
    // The guardian cancels for the dependant, as the patient's side.
    const cancelled = await post(guardian, `/api/v1/appointments/${appointmentId}/cancel`, {
      reason: 'patient_request',
    });
    expect(cancelled.statusCode).toBe(200);
  });
});

describe('who may call at all', () => {
  it('answers 401 AUTHENTICATION_REQUIRED without a token, and for a suspended or unknown account', async () => {
    const suspended = await account(['patient'], { status: 'suspended' });
    const unknown = await givenAccount(platform.db.pool, ['patient']).then(async (actor) => {
      await platform.db.pool.query('DELETE FROM account_roles WHERE account_id = $1', [actor.accountId]);
      await platform.db.pool.query('DELETE FROM accounts WHERE id = $1', [actor.accountId]);
      return actor;
    });
    for (const actor of [undefined, suspended, unknown]) {
      for (const response of [
        await get(actor, '/api/v1/appointments'),
        await get(actor, `/api/v1/appointments/${randomUUID()}`),
        await post(actor, '/api/v1/appointments', anyDoctor.nextRequest(randomUUID())),
        await get(actor, '/api/v1/me'),
        await get(actor, `/api/v1/patients/${randomUUID()}`),
      ]) {
        expect(response.statusCode).toBe(401);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('AUTHENTICATION_REQUIRED');
      }
    }
    expect((await get(undefined, '/healthz')).statusCode).toBe(200);
  });

  it('answers anonymous GraphQL only what is not sensitive', async () => {
    const query = (body: object) => platform.app.inject({ method: 'POST', url: '/graphql', payload: body });
    expect((await query({ query: '{ __typename }' })).json()).toEqual({ data: { __typename: 'Query' } });
    for (const document of [
      '{ appointments { id } }',
      '{ me { account { id } } }',
      '{ __schema { types { name } } }',
    ]) {
      const answer = (await query({ query: document })).json<{ errors: Array<{ extensions: { code: string } }> }>();
      expect(answer.errors[0]?.extensions.code, document).toBe('AUTHENTICATION_REQUIRED');
    }
  });
});
