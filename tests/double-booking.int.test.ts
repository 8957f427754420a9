/**
 * Issue 5, user pain 1: a slot is reserved atomically. Fifty patients at once on one slot (or on
 * overlapping slots of one doctor) get exactly the slot's seats and 409 SLOT_UNAVAILABLE for the
 * rest; the read models then agree; cancelling, the payment timeout and Idempotency-Key retries
 * give seats back or never take a second one.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentRequest } from '../domain/index.js';
import { givenAccount } from './support/accounts.js';
import type { TestActor } from './support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from './support/bookable.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { eventually } from './support/temporal.js';

const CONTENDERS = 50;
const MINUTE = 60_000;

interface Attempt {
  readonly patient: TestActor;
  readonly request: AppointmentRequest;
  readonly response: LightMyRequestResponse;
}

function book(platform: TestPlatform, patient: TestActor, request: AppointmentRequest, headers = {}) {
  return platform.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: { ...request, patientId: patient.accountId },
    headers: { ...patient.headers, ...headers },
  });
}

const slotRequest = (doctor: BookableDoctor, patient: TestActor, startsAt: string): AppointmentRequest => ({
  patientId: patient.accountId,
  doctorId: doctor.doctor.accountId,
  serviceId: doctor.serviceId,
  method: 'video',
  startsAt,
});

const patients = (platform: TestPlatform, n: number) =>
  Promise.all(Array.from({ length: n }, () => givenAccount(platform.db.pool, ['patient'])));

/** Every patient asks for `startsAtOf(i)` at the same moment. */
async function rush(
  platform: TestPlatform,
  doctor: BookableDoctor,
  startsAtOf: (i: number) => string,
): Promise<{ accepted: Attempt[]; refused: Attempt[] }> {
  const crowd = await patients(platform, CONTENDERS);
  const attempts = await Promise.all(
    crowd.map(async (patient, i) => {
      const request = slotRequest(doctor, patient, startsAtOf(i));
      return { patient, request, response: await book(platform, patient, request) };
    }),
  );
  return {
    accepted: attempts.filter((a) => a.response.statusCode === 201),
    refused: attempts.filter((a) => a.response.statusCode !== 201),
  };
}

function expectRefusedAsTaken(refused: readonly Attempt[]): void {
  expect(
    refused.map((a) => [a.response.statusCode, a.response.json<{ error: { code: string } }>().error.code]),
  ).toEqual(refused.map(() => [409, 'SLOT_UNAVAILABLE']));
}

async function offeredStarts(platform: TestPlatform, doctor: BookableDoctor, from: string): Promise<string[]> {
  const to = new Date(Date.parse(from) + 6 * 60 * MINUTE).toISOString();
  const response = await platform.app.inject({
    method: 'GET',
    url: `/api/v1/doctors/${doctor.doctor.accountId}/slots?serviceId=${doctor.serviceId}&method=video&from=${from}&to=${to}`,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ slots: Array<{ startsAt: string }> }>().slots.map((slot) => slot.startsAt);
}

/** The appointments read model once the projector has caught up with every accepted booking. */
async function projectedLiveIds(platform: TestPlatform, doctorId: string, expected: number): Promise<string[]> {
  return eventually(
    async () => {
      const { rows } = await platform.db.pool.query<{ id: string }>(
        `SELECT id FROM appointments WHERE doctor_id = $1 AND cancelled_at IS NULL ORDER BY id`,
        [doctorId],
      );
      return rows.length === expected ? rows.map((row) => row.id) : undefined;
    },
    20_000,
    `${expected} projected appointments`,
  );
}

async function heldReservations(platform: TestPlatform, doctorId: string): Promise<number> {
  const { rows } = await platform.db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM slot_reservations WHERE doctor_id = $1 AND status = 'held'`,
    [doctorId],
  );
  return Number(rows[0]?.n);
}

const idOf = (attempt: Attempt) => attempt.response.json<{ id: string }>().id;
const sortedIds = (attempts: readonly Attempt[]) => attempts.map(idOf).sort();

describe('concurrent bookings', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => platform?.close());

  it.each([1, 3])('gives exactly %i seat(s) of one slot to 50 simultaneous patients', async (seats) => {
    const doctor = await givenBookableDoctor(platform.app, { service: { seats }, slotsNeeded: 4 });
    const slot = doctor.slots[1]!;
    const { accepted, refused } = await rush(platform, doctor, () => slot);

    expect(accepted).toHaveLength(seats);
    expect(refused).toHaveLength(CONTENDERS - seats);
    expectRefusedAsTaken(refused);
    expect(await heldReservations(platform, doctor.doctor.accountId)).toBe(seats);
    // The read models agree: exactly the accepted bookings, and the slot is no longer offered.
    expect(await projectedLiveIds(platform, doctor.doctor.accountId, seats)).toEqual(sortedIds(accepted));
    expect(await offeredStarts(platform, doctor, doctor.slots[0]!)).not.toContain(slot);
  });

  it('never accepts two overlapping bookings of one doctor (30-minute service, starts 15 minutes apart)', async () => {
    const doctor = await givenBookableDoctor(platform.app, {
      service: { durationMinutes: 30 },
      availability: { slotLengthMinutes: 15 },
      slotsNeeded: 8,
    });
    // Four starts, each overlapping its neighbours: 09:00, 09:15, 09:30, 09:45 of some day.
    const starts = doctor.slots.slice(2, 6);
    const { accepted, refused } = await rush(platform, doctor, (i) => starts[i % starts.length]!);

    const ranges = accepted.map((a) => ({
      start: Date.parse(a.request.startsAt),
      end: Date.parse(a.request.startsAt) + 30 * MINUTE,
    }));
    for (const [i, a] of ranges.entries()) {
      for (const b of ranges.slice(i + 1))
        expect(a.start < b.end && b.start < a.end, 'two accepted bookings overlap').toBe(false);
    }
    // Every start is tried many times, so what is accepted is a maximal set of non-overlapping
    // starts: with four starts 15 minutes apart and 30-minute bookings, that is always two.
    expect(accepted).toHaveLength(2);
    expect(accepted.length + refused.length).toBe(CONTENDERS);
    expectRefusedAsTaken(refused);
    expect(await projectedLiveIds(platform, doctor.doctor.accountId, accepted.length)).toEqual(sortedIds(accepted));
    const offered = await offeredStarts(platform, doctor, doctor.slots[0]!);
    for (const start of starts) {
      const range = { start: Date.parse(start), end: Date.parse(start) + 30 * MINUTE };
      const collides = ranges.some((r) => r.start < range.end && range.start < r.end);
      expect(offered.includes(start), `${start} offered`).toBe(!collides);
    }
  });

  it('gives a cancelled booking’s seat to another patient at once', async () => {
    const doctor = await givenBookableDoctor(platform.app, { slotsNeeded: 2 });
    const [first, second] = await patients(platform, 2);
    const request = doctor.nextRequest(first!.accountId);
    const booked = await book(platform, first!, request);
    expect(booked.statusCode).toBe(201);
    expect((await book(platform, second!, request)).statusCode).toBe(409);

    const cancel = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.json<{ id: string }>().id}/cancel`,
      payload: { reason: 'patient_request' },
      headers: first!.headers,
    });
    expect(cancel.statusCode).toBe(200);
    expect(await offeredStarts(platform, doctor, doctor.slots[0]!)).toContain(request.startsAt);
    expect((await book(platform, second!, request)).statusCode).toBe(201);
  });

  it('does not take a second seat for retries with the same Idempotency-Key', async () => {
    const doctor = await givenBookableDoctor(platform.app, { service: { seats: 2 }, slotsNeeded: 2 });
    const [patient, other, late] = await patients(platform, 3);
    const request = doctor.nextRequest(patient!.accountId);
    const key = { 'idempotency-key': `double-click-${randomUUID()}` };
    const retries = await Promise.all(Array.from({ length: 5 }, () => book(platform, patient!, request, key)));
    const again = await book(platform, patient!, request, key);

    const ids = new Set([...retries, again].map((r) => r.json<{ id: string }>().id));
    expect([...retries, again].every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await heldReservations(platform, doctor.doctor.accountId)).toBe(1);
    // The second seat is still there for someone else, and only one.
    expect((await book(platform, other!, request)).statusCode).toBe(201);
    expect((await book(platform, late!, request)).statusCode).toBe(409);
  });
});

describe('unpaid bookings', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ timings: { paymentTimeoutMs: 1_500 } });
  });
  afterAll(async () => platform?.close());

  it('release their slot when the payment timeout cancels them', async () => {
    const doctor = await givenBookableDoctor(platform.app, { slotsNeeded: 2 });
    const [unpaid, next] = await patients(platform, 2);
    const request = doctor.nextRequest(unpaid!.accountId);
    const booked = await book(platform, unpaid!, request);
    expect(booked.statusCode).toBe(201);
    expect(await offeredStarts(platform, doctor, doctor.slots[0]!)).not.toContain(request.startsAt);

    await eventually(
      async () => ((await heldReservations(platform, doctor.doctor.accountId)) === 0 ? true : undefined),
      20_000,
      'the payment timeout to release the slot',
    );
    const { rows } = await platform.db.pool.query<{ status: string }>(
      'SELECT status FROM slot_reservations WHERE id = $1',
      [booked.json<{ id: string }>().id],
    );
    expect(rows).toEqual([{ status: 'released' }]);
    expect(await offeredStarts(platform, doctor, doctor.slots[0]!)).toContain(request.startsAt);
    expect((await book(platform, next!, request)).statusCode).toBe(201);
  });
});
