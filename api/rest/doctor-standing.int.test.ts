/**
 * Who is listed and bookable, end to end through the REST API: a doctor is public (search, profile,
 * slots, reviews) and bookable only while verified AND their account may practise (active, with the
 * doctor role). Suspending the account or revoking the role at /admin/accounts hides them at once
 * (no projector in between); rejected or suspended verification hides them too. Undoing it brings
 * them back. Appointments booked before a suspension stay as they are.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aService } from '../../tests/fixtures/doctors.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import {
  givenPractice,
  givenVerifiedDoctor,
  verificationReaches,
  type TestDoctor,
} from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

let platform: TestPlatform;
let admin: TestActor;
let patient: TestActor;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await givenAccount(platform.db.pool, ['admin']);
  patient = await givenAccount(platform.db.pool, ['patient']);
});
afterAll(async () => platform?.close());

type Method = 'GET' | 'POST' | 'DELETE';
const call = (actor: TestActor | undefined, method: Method, url: string, payload?: object) =>
  platform.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });
const codeOf = (response: { json: <T>() => T }) => response.json<{ error?: { code: string } }>().error?.code;
const word = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

const decide = (doctor: TestDoctor, decision: string, code: string) =>
  call(admin, 'POST', `/api/v1/admin/doctor-applications/${doctor.accountId}/decision`, {
    decision,
    reason: { code },
  });
async function admitted(response: Awaited<ReturnType<typeof call>>): Promise<void> {
  expect(response.statusCode, response.body).toBe(200);
}

async function searched(tag: string): Promise<string[]> {
  const response = await call(undefined, 'GET', `/api/v1/doctors?q=${tag}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Array<{ id: string }> }>().items.map((item) => item.id);
}
const slotsOf = (doctor: TestDoctor) => call(undefined, 'GET', `/api/v1/doctors/${doctor.accountId}/slots`);
const book = (doctor: TestDoctor, startsAt: string) =>
  call(patient, 'POST', '/api/v1/appointments', {
    patientId: patient.accountId,
    doctorId: doctor.accountId,
    serviceId: doctor.serviceIds[0],
    method: 'video',
    startsAt,
  });

/** A verified doctor whose practice name carries `tag`, and the free slots the public API offers. */
async function givenListedDoctor(tag: string, setup: { free?: boolean } = {}) {
  const doctor = await givenVerifiedDoctor(platform.app, {
    profile: { practiceName: `Clinic ${tag}` },
    ...(setup.free ? { services: [aService({ feeOverride: { amountMinor: 0, currency: 'MZN' } })] } : {}),
  });
  const slots = await eventually(
    async () => {
      const response = await slotsOf(doctor);
      if (response.statusCode !== 200) return undefined;
      const starts = response.json<{ slots: Array<{ startsAt: string }> }>().slots.map((slot) => slot.startsAt);
      return starts.length >= 4 ? starts : undefined;
    },
    20_000,
    'the verified doctor’s slots',
  );
  return { doctor, slots };
}

/** Everything a patient reaches of a doctor who is not public: as if there were no such doctor. */
async function expectHidden(tag: string, doctor: TestDoctor, slot: string): Promise<void> {
  expect(await searched(tag)).not.toContain(doctor.accountId);
  for (const url of ['', '/slots', '/reviews']) {
    const response = await call(undefined, 'GET', `/api/v1/doctors/${doctor.accountId}${url}`);
    expect([url, response.statusCode, codeOf(response)]).toEqual([url, 404, 'DOCTOR_NOT_FOUND']);
  }
  const booking = await book(doctor, slot);
  expect([booking.statusCode, codeOf(booking)]).toEqual([422, 'DOCTOR_NOT_BOOKABLE']);
}

async function expectListedAndBookable(tag: string, doctor: TestDoctor, slot: string): Promise<void> {
  expect(await searched(tag)).toContain(doctor.accountId);
  expect((await call(undefined, 'GET', `/api/v1/doctors/${doctor.accountId}`)).statusCode).toBe(200);
  const booking = await book(doctor, slot);
  expect(booking.statusCode, booking.body).toBe(201);
}

/** Waits until search agrees with `listed` for the doctor (verification reaches search through the projector). */
const searchSettles = (tag: string, doctor: TestDoctor, listed: boolean) =>
  eventually(
    async () => ((await searched(tag)).includes(doctor.accountId) === listed ? true : undefined),
    20_000,
    `the doctor to be ${listed ? 'listed' : 'unlisted'}`,
  );

const accountCases: Array<[string, (doctor: TestDoctor) => Promise<void>, (doctor: TestDoctor) => Promise<void>]> = [
  [
    'account suspended',
    async (doctor) => admitted(await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/suspend`)),
    async (doctor) => admitted(await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/reinstate`)),
  ],
  [
    'doctor role revoked',
    async (doctor) => admitted(await call(admin, 'DELETE', `/api/v1/admin/accounts/${doctor.accountId}/roles/doctor`)),
    async (doctor) =>
      admitted(await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/roles`, { role: 'doctor' })),
  ],
];

describe('a doctor whose account may not practise', () => {
  it.each(accountCases)(
    '%s: gone from search, profile, slots and booking at once; back once undone',
    async (_name, act, undo) => {
      const tag = word();
      const { doctor, slots } = await givenListedDoctor(tag);
      const bystander = await givenListedDoctor(tag);
      await searchSettles(tag, doctor, true);

      await act(doctor);
      // No eventually: the account is read live, there is no read model to catch up with.
      await expectHidden(tag, doctor, slots[0]!);
      expect(await searched(tag)).toEqual([bystander.doctor.accountId]);

      await undo(doctor);
      await expectListedAndBookable(tag, doctor, slots[1]!);
    },
  );
});

describe('a doctor whose verification does not stand', () => {
  it('suspended verification: gone from search, profile, slots and booking; back once reinstated', async () => {
    const tag = word();
    const { doctor, slots } = await givenListedDoctor(tag);
    await searchSettles(tag, doctor, true);

    await admitted(await decide(doctor, 'suspend', 'complaint_under_investigation'));
    await searchSettles(tag, doctor, false);
    await expectHidden(tag, doctor, slots[0]!);

    await admitted(await decide(doctor, 'reinstate', 'issue_resolved'));
    await searchSettles(tag, doctor, true);
    await expectListedAndBookable(tag, doctor, slots[1]!);
  });

  it('rejected application: never listed, never bookable', async () => {
    const tag = word();
    const { doctor: listed, slots } = await givenListedDoctor(tag);
    const rejected = await givenPractice(platform.app, { profile: { practiceName: `Clinic ${tag}` } });
    await admitted(await call(rejected, 'POST', '/api/v1/doctors/me/application'));
    await admitted(await decide(rejected, 'start_review', 'documents_complete'));
    await admitted(await decide(rejected, 'reject', 'licence_unverifiable'));
    await verificationReaches(platform.db.pool, rejected.accountId, 'rejected');
    await searchSettles(tag, listed, true);
    // Same default practice and hours as the listed doctor: the same start would be a slot of theirs.
    await expectHidden(tag, rejected, slots[0]!);
    expect(await searched(tag)).toEqual([listed.accountId]);
  });
});

describe('appointments booked before the doctor’s account was suspended', () => {
  it('stay booked and cancellable, but cannot be moved to another slot of that doctor', async () => {
    const { doctor, slots } = await givenListedDoctor(word(), { free: true });
    const booked = await book(doctor, slots[0]!);
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json<{ id: string }>().id;
    const read = () => call(patient, 'GET', `/api/v1/appointments/${id}`);
    await eventually(
      async () => ((await read()).json<{ status?: string }>().status === 'confirmed' ? true : undefined),
      20_000,
      'the free booking to be confirmed',
    );

    await admitted(await call(admin, 'POST', `/api/v1/admin/accounts/${doctor.accountId}/suspend`));

    // Nothing cancels it behind the patient's back: it is still there, confirmed, at its time.
    expect((await read()).json()).toMatchObject({ status: 'confirmed', startsAt: slots[0], cancelledAt: null });
    const moved = await call(patient, 'POST', `/api/v1/appointments/${id}/reschedule`, { startsAt: slots[1] });
    expect([moved.statusCode, codeOf(moved)]).toEqual([422, 'DOCTOR_NOT_BOOKABLE']);
    expect((await read()).json()).toMatchObject({ status: 'confirmed', startsAt: slots[0] });

    const cancelled = await call(patient, 'POST', `/api/v1/appointments/${id}/cancel`, { reason: 'patient_request' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });
});
