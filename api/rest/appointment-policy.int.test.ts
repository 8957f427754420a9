/**
 * The cancellation and reschedule policy as the API applies it (the policy pinned at booking):
 * what a cancellation refunds by who cancels and how late, what the quote promises beforehand,
 * how often a patient may move a booking, and that a move into a taken slot changes nothing.
 * Payments go through the local adapter's test checkout.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId, type AppointmentRequest } from '../../domain/index.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { payFor } from '../../tests/support/payments.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

const HOUR = 3_600_000;
const FEE = { amountMinor: 150_000, currency: 'MZN' };

let platform: TestPlatform;
let doctorActor: TestActor;
let paid: BookableDoctor;
let free: BookableDoctor;

beforeAll(async () => {
  platform = await startTestPlatform();
  doctorActor = await givenAccount(platform.db.pool, ['doctor']);
  paid = await givenBookableDoctor(platform.app, { actor: doctorActor, slotsNeeded: 10 });
  free = await givenBookableDoctor(platform.app, {
    actor: await givenAccount(platform.db.pool, ['doctor']),
    service: { feeOverride: { amountMinor: 0, currency: 'MZN' } },
    slotsNeeded: 20,
  });
});
afterAll(async () => platform?.close());

const patient = () => givenAccount(platform.db.pool, ['patient']);

async function book(actor: TestActor, request: AppointmentRequest): Promise<string> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: request,
    headers: actor.headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

const send = (actor: TestActor, id: string, command: string, payload: object = {}) =>
  platform.app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${id}/${command}`,
    payload,
    headers: actor.headers,
  });
const quote = async (actor: TestActor, id: string) => {
  const response = await platform.app.inject({
    method: 'GET',
    url: `/api/v1/appointments/${id}/cancellation-quote`,
    headers: actor.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Record<string, unknown>>();
};
const refusal = (response: LightMyRequestResponse) => [
  response.statusCode,
  response.json<{ error: { code: string } }>().error.code,
];

async function eventsOf(id: string) {
  return platform.eventStore.readStream(appointmentStreamId(id));
}
async function dataOf(id: string, type: string) {
  return (await eventsOf(id)).find((event) => event.type === type)?.data;
}

/** The doctor's free slots starting within the next 24 hours (the doctor is open round the clock). */
async function slotsWithinADay(doctor: BookableDoctor): Promise<string[]> {
  const from = new Date(Date.now() + HOUR).toISOString();
  const response = await platform.app.inject({
    method: 'GET',
    url: `/api/v1/doctors/${doctor.doctor.accountId}/slots?serviceId=${doctor.serviceId}&method=video&from=${from}`,
  });
  const starts = response.json<{ slots: Array<{ startsAt: string }> }>().slots.map((slot) => slot.startsAt);
  return starts.filter((start) => Date.parse(start) < Date.now() + 20 * HOUR);
}

/** A paid booking, paid through the test checkout, at `startsAt` or the doctor's next slot two days away. */
async function paidBooking(owner: TestActor, startsAt?: string): Promise<string> {
  const id = await book(owner, paid.nextRequest(owner.accountId, startsAt ? { startsAt } : {}));
  await payFor(platform, id);
  return id;
}

async function refundIssued(id: string) {
  return eventually(() => dataOf(id, 'RefundIssued'), 20_000, `the refund of ${id}`);
}

describe('cancelling a paid appointment', () => {
  it('gives a patient everything back 24 hours or more before the start, as quoted', async () => {
    const owner = await patient();
    const id = await paidBooking(owner);

    expect(await quote(owner, id)).toMatchObject({
      by: 'patient',
      cancellable: true,
      paid: FEE,
      refund: { tier: 'full', percent: 100, amount: FEE },
      reschedulesLeft: 2,
    });
    const cancelled = await send(owner, id, 'cancel', { reason: 'scheduling_conflict' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({ cancelledBy: 'patient', refundDue: FEE });
    expect(await refundIssued(id)).toMatchObject({ amount: FEE, reason: 'cancellation' });
  });

  it('gives a patient half back within 24 hours of the start, as quoted', async () => {
    const owner = await patient();
    const [soon] = await slotsWithinADay(paid);
    const id = await paidBooking(owner, soon);
    const half = { amountMinor: 75_000, currency: 'MZN' };

    expect(await quote(owner, id)).toMatchObject({ refund: { tier: 'partial', percent: 50, amount: half } });
    await send(owner, id, 'cancel', { reason: 'patient_request' });
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({ refundDue: half });
    expect(await refundIssued(id)).toMatchObject({ amount: half });
  });

  it('gives everything back when the doctor cancels, however late', async () => {
    const owner = await patient();
    const [, soon] = await slotsWithinADay(paid);
    const id = await paidBooking(owner, soon);

    expect(await quote(doctorActor, id)).toMatchObject({ by: 'doctor', refund: { tier: 'full', amount: FEE } });
    const cancelled = await send(doctorActor, id, 'cancel', { reason: 'doctor_unavailable' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({ cancelledBy: 'doctor', refundDue: FEE });
    expect(await refundIssued(id)).toMatchObject({ amount: FEE });
  });

  it('quotes nothing to refund before payment, and cancels an unpaid booking without a refund', async () => {
    const owner = await patient();
    const id = await book(owner, paid.nextRequest(owner.accountId));

    expect(await quote(owner, id)).toMatchObject({ cancellable: true, paid: null, refund: { amount: null } });
    await send(owner, id, 'cancel', { reason: 'patient_request' });
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({ refundDue: null });
  });
});

describe('moving an appointment', () => {
  it('lets a patient move a booking twice, then only the doctor', async () => {
    const owner = await patient();
    const request = free.nextRequest(owner.accountId);
    const [second, third, fourth] = [1, 2, 3].map(() => free.nextRequest(owner.accountId).startsAt);
    const id = await book(owner, request);

    const moved = await send(owner, id, 'reschedule', { startsAt: second });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'confirmed', startsAt: second });
    expect(await quote(owner, id)).toMatchObject({ reschedulesLeft: 1 });
    expect((await send(owner, id, 'reschedule', { startsAt: third })).json()).toMatchObject({ startsAt: third });
    expect(await quote(owner, id)).toMatchObject({ reschedulesLeft: 0 });

    expect(refusal(await send(owner, id, 'reschedule', { startsAt: fourth }))).toEqual([
      422,
      'RESCHEDULE_LIMIT_REACHED',
    ]);
    expect(await heldStart(id)).toBe(third);
    const byDoctor = await send(free.doctor, id, 'reschedule', { startsAt: fourth });
    expect(byDoctor.json()).toMatchObject({ startsAt: fourth });
    expect(await heldStart(id)).toBe(fourth);
    // The slots it left are free again for someone else.
    const other = await patient();
    await book(other, { ...request, patientId: other.accountId });
    await book(other, { ...request, patientId: other.accountId, startsAt: second! });
  });

  it('refuses a move into a taken slot with 409 and changes nothing', async () => {
    const [owner, neighbour] = [await patient(), await patient()];
    const mine = await book(owner, free.nextRequest(owner.accountId));
    const theirs = free.nextRequest(neighbour.accountId);
    await book(neighbour, theirs);
    const before = (await eventsOf(mine)).map((event) => event.type);
    const myStart = await heldStart(mine);

    expect(refusal(await send(owner, mine, 'reschedule', { startsAt: theirs.startsAt }))).toEqual([
      409,
      'SLOT_UNAVAILABLE',
    ]);
    expect((await eventsOf(mine)).map((event) => event.type)).toEqual(before);
    expect(await heldStart(mine)).toBe(myStart);
    expect(await quote(owner, mine)).toMatchObject({ reschedulesLeft: 2 });
  });

  it('refuses to move a booking that is not paid yet', async () => {
    const owner = await patient();
    const id = await book(owner, paid.nextRequest(owner.accountId));
    expect(
      refusal(await send(owner, id, 'reschedule', { startsAt: paid.nextRequest(owner.accountId).startsAt })),
    ).toEqual([409, 'INVALID_STATE']);
  });
});

describe('checking in', () => {
  it('opens only shortly before the start', async () => {
    const owner = await patient();
    const id = await book(owner, free.nextRequest(owner.accountId));
    expect(refusal(await send(owner, id, 'check-in'))).toEqual([422, 'TOO_EARLY']);
  });
});

/** Where the appointment's seat is held now (slot_reservations, written under the booking lock). */
async function heldStart(id: string): Promise<string | undefined> {
  const { rows } = await platform.db.pool.query<{ starts_at: Date }>(
    `SELECT starts_at FROM slot_reservations WHERE id = $1 AND status = 'held'`,
    [id],
  );
  return rows[0]?.starts_at.toISOString();
}
