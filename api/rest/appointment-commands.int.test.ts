/**
 * The booking lifecycle's REST commands against the real workflow, event store and Temporal:
 * what booking answers, who may do what to an appointment (404 for those who may not see it, 403
 * for those who may see but not act), bad input refused before anything is written, and one
 * consultation from check-in to review with its personal content sealed.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  STANDARD_POLICY,
  type AppointmentRequest,
} from '../../domain/index.js';
import { aPrescription } from '../../tests/fixtures/prescriptions.js';
import { givenAccount } from '../../tests/support/accounts.js';
import type { TestActor } from '../../tests/support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';

const DAY = 86_400_000;
const FEE = { amountMinor: 150_000, currency: 'MZN' };
const FREE = { amountMinor: 0, currency: 'MZN' };
const PRESCRIPTION = aPrescription({ notes: 'Take with food.' });

let platform: TestPlatform;
let doctorActor: TestActor;
/** Paid video consultations (150 000 MZN). */
let paid: BookableDoctor;
/** The same doctor's practice would do, but a free service needs its own: confirmed at once. */
let free: BookableDoctor;
let admin: TestActor;

beforeAll(async () => {
  // Check-in opens a week ahead, so a consultation can run now on a slot two days away.
  platform = await startTestPlatform({ timings: { joinWindowMs: 7 * DAY } });
  doctorActor = await givenAccount(platform.db.pool, ['doctor']);
  paid = await givenBookableDoctor(platform.app, { actor: doctorActor, slotsNeeded: 20 });
  const freeDoctor = await givenAccount(platform.db.pool, ['doctor']);
  free = await givenBookableDoctor(platform.app, {
    actor: freeDoctor,
    service: { feeOverride: FREE },
    slotsNeeded: 20,
  });
  admin = await givenAccount(platform.db.pool, ['admin']);
});
afterAll(async () => platform?.close());

const patient = () => givenAccount(platform.db.pool, ['patient']);

function book(actor: TestActor, request: AppointmentRequest, headers: Record<string, string> = {}) {
  return platform.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: request,
    headers: { ...actor.headers, ...headers },
  });
}

const send = (actor: TestActor, id: string, command: string, payload: object = {}) =>
  platform.app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${id}/${command}`,
    payload,
    headers: actor.headers,
  });
const read = (actor: TestActor, id: string, what: string) =>
  platform.app.inject({ method: 'GET', url: `/api/v1/appointments/${id}/${what}`, headers: actor.headers });

const refusal = (response: LightMyRequestResponse) => [
  response.statusCode,
  response.json<{ error: { code: string } }>().error.code,
];

async function booked(actor: TestActor, doctor: BookableDoctor): Promise<string> {
  const response = await book(actor, doctor.nextRequest(actor.accountId));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function events(id: string) {
  return platform.eventStore.readStream(appointmentStreamId(id));
}
const typesOf = async (id: string) => (await events(id)).map((event) => event.type);

describe('booking', () => {
  it('answers a paid booking with where to pay, pinning the service, its fee and the policy', async () => {
    const me = await patient();
    const request = paid.nextRequest(me.accountId);
    const response = await book(me, request);

    expect(response.statusCode).toBe(201);
    const body = response.json<Record<string, unknown> & { id: string; checkoutUrl: string }>();
    expect(body).toMatchObject({ status: 'pending_payment', next: 'pay', fee: FEE });
    expect(body.checkoutUrl).toMatch(/\/dev\/checkout\/lpay_[0-9a-f]{32}$/);
    expect(body.links).toMatchObject({ pay: body.checkoutUrl, cancel: `/api/v1/appointments/${body.id}/cancel` });
    const [requested] = await events(body.id);
    expect(requested?.data).toMatchObject({
      patientId: me.accountId,
      bookedBy: me.accountId,
      serviceName: 'General consultation (30 min)',
      startsAt: request.startsAt,
      endsAt: new Date(Date.parse(request.startsAt) + 30 * 60_000).toISOString(),
      fee: FEE,
      policy: STANDARD_POLICY,
    });
  });

  it('confirms a free service at once, with nothing to pay', async () => {
    const me = await patient();
    const response = await book(me, free.nextRequest(me.accountId));

    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; links: Record<string, string> }>();
    expect(body).toMatchObject({ status: 'confirmed', next: 'confirmed', checkoutUrl: null, fee: FREE });
    expect(body.links.pay).toBeUndefined();
    expect(await typesOf(body.id)).toEqual(['AppointmentRequested', 'AppointmentConfirmed']);
  });

  it('answers a retried Idempotency-Key with the same appointment and checkout, booked once', async () => {
    const me = await patient();
    const request = paid.nextRequest(me.accountId);
    const key = { 'idempotency-key': `retry-${randomUUID()}` };
    const first = await book(me, request, key);
    const second = await book(me, request, key);

    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    const [a, b] = [first.json<Record<string, unknown>>(), second.json<Record<string, unknown>>()];
    expect(b).toEqual(a);
    expect((await typesOf(String(a.id))).filter((type) => type === 'AppointmentRequested')).toHaveLength(1);
  });

  it('records the guardian as the one who booked for a dependant', async () => {
    const guardian = await patient();
    const registered = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/me/dependants',
      payload: { name: 'Duarte Dias', relationship: 'child' },
      headers: guardian.headers,
    });
    const { dependantId } = registered.json<{ dependantId: string }>();
    const response = await book(guardian, free.nextRequest(dependantId));

    expect(response.statusCode).toBe(201);
    const [requested] = await events(response.json<{ id: string }>().id);
    expect(requested?.data).toMatchObject({ patientId: dependantId, bookedBy: guardian.accountId });
  });
});

describe('who may act on an appointment', () => {
  it('hides it from strangers and other doctors, and lets each side do only its part', async () => {
    const owner = await patient();
    const id = await booked(owner, paid);
    const stranger = await patient();
    const otherDoctor = await givenAccount(platform.db.pool, ['doctor']);
    await givenBookableDoctor(platform.app, { actor: otherDoctor, slotsNeeded: 1 });
    const finance = await givenAccount(platform.db.pool, ['finance']);
    const before = await typesOf(id);

    const answers = {
      strangerCancels: refusal(await send(stranger, id, 'cancel', { reason: 'other' })),
      strangerQuotes: refusal(await read(stranger, id, 'cancellation-quote')),
      strangerChecksIn: refusal(await send(stranger, id, 'check-in')),
      strangerJoins: refusal(await read(stranger, id, 'room')),
      otherDoctorCancels: refusal(await send(otherDoctor, id, 'cancel', { reason: 'other' })),
      otherDoctorAdmits: refusal(await send(otherDoctor, id, 'admit')),
      unknownAppointment: refusal(await send(owner, randomUUID(), 'cancel', { reason: 'other' })),
      patientAdmits: refusal(await send(owner, id, 'admit')),
      patientEnds: refusal(await send(owner, id, 'end')),
      patientPrescribes: refusal(await send(owner, id, 'prescription', PRESCRIPTION)),
      doctorReviews: refusal(await send(doctorActor, id, 'review', { rating: 1 })),
      doctorChecksIn: refusal(await send(doctorActor, id, 'check-in')),
      financeCancels: refusal(await send(finance, id, 'cancel', { reason: 'other' })),
      adminJoins: refusal(await read(admin, id, 'room')),
    };
    expect(answers).toEqual({
      strangerCancels: [404, 'APPOINTMENT_NOT_FOUND'],
      strangerQuotes: [404, 'APPOINTMENT_NOT_FOUND'],
      strangerChecksIn: [404, 'APPOINTMENT_NOT_FOUND'],
      strangerJoins: [404, 'APPOINTMENT_NOT_FOUND'],
      otherDoctorCancels: [404, 'APPOINTMENT_NOT_FOUND'],
      otherDoctorAdmits: [404, 'APPOINTMENT_NOT_FOUND'],
      unknownAppointment: [404, 'APPOINTMENT_NOT_FOUND'],
      patientAdmits: [403, 'ADMIT_NOT_ALLOWED'],
      patientEnds: [403, 'END_NOT_ALLOWED'],
      patientPrescribes: [403, 'PRESCRIBE_NOT_ALLOWED'],
      doctorReviews: [403, 'REVIEW_NOT_ALLOWED'],
      doctorChecksIn: [403, 'CHECK_IN_NOT_ALLOWED'],
      financeCancels: [403, 'CANCEL_NOT_ALLOWED'],
      adminJoins: [403, 'ROOM_NOT_ALLOWED'],
    });
    expect(await typesOf(id)).toEqual(before);
  });

  it('lets an admin cancel, recorded as the admin’s cancellation', async () => {
    const owner = await patient();
    const id = await booked(owner, free);
    const response = await send(admin, id, 'cancel', { reason: 'doctor_unavailable' });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'cancelled', links: { self: `/api/v1/appointments/${id}` } });
    const cancelled = (await events(id)).find((event) => event.type === 'AppointmentCancelled');
    expect(cancelled?.data).toMatchObject({ cancelledBy: 'admin', reason: 'doctor_unavailable', refundDue: null });
  });
});

describe('bad input gets a 4xx in the one error format and writes nothing', () => {
  it.each([
    ['a body that says who cancels', 'patient', 'cancel', { reason: 'other', by: 'doctor' }],
    ['a reason only the system gives', 'patient', 'cancel', { reason: 'payment_timeout' }],
    ['a start that is not an instant', 'patient', 'reschedule', { startsAt: 'tomorrow' }],
    ['a field check-in does not take', 'patient', 'check-in', { note: 'running late' }],
    ['a prescription without medicines', 'doctor', 'prescription', { medicines: [] }],
    [
      'a medicine with a field it does not have',
      'doctor',
      'prescription',
      { medicines: [{ ...PRESCRIPTION.medicines[0], patientName: 'Maria' }] },
    ],
    ['a rating of six stars', 'patient', 'review', { rating: 6 }],
    ['a review with a name in it', 'patient', 'review', { rating: 4, authorName: 'Maria' }],
  ])('refuses %s', async (_case, side, command, payload) => {
    const owner = await patient();
    const id = await booked(owner, free);
    const before = await typesOf(id);
    const response = await send(side === 'doctor' ? free.doctor : owner, id, command, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.any(Array) },
    });
    expect(await typesOf(id)).toEqual(before);
  });

  it('refuses an appointment id that is not a UUID', async () => {
    const response = await send(await patient(), 'not-an-id', 'cancel', { reason: 'other' });
    expect(refusal(response)).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('one consultation, from check-in to review', () => {
  it('runs each step for its side, seals what people wrote, and refuses what no longer applies', async () => {
    const owner = await patient();
    const id = await booked(owner, free);

    expect(refusal(await read(owner, id, 'room'))).toEqual([409, 'ROOM_NOT_OPEN']);
    expect(refusal(await send(free.doctor, id, 'admit'))).toEqual([409, 'INVALID_STATE']);

    const checkedIn = await send(owner, id, 'check-in');
    expect(checkedIn.json()).toMatchObject({ status: 'waiting', links: { cancel: expect.any(String) } });
    // Checking in again (a reload) is harmless.
    expect((await send(owner, id, 'check-in')).json()).toMatchObject({ status: 'waiting' });

    const admitted = await send(free.doctor, id, 'admit');
    expect(admitted.statusCode, admitted.body).toBe(200);
    expect(admitted.json()).toMatchObject({
      status: 'in_consultation',
      links: { room: `/api/v1/appointments/${id}/room`, end: expect.any(String), prescription: expect.any(String) },
    });

    const patientRoom = await read(owner, id, 'room');
    const doctorRoom = await read(free.doctor, id, 'room');
    expect(patientRoom.headers['cache-control']).toBe('no-store');
    expect(patientRoom.json()).toMatchObject({ provider: 'local', role: 'patient', token: expect.any(String) });
    expect(doctorRoom.json()).toMatchObject({ role: 'doctor', roomId: patientRoom.json<{ roomId: string }>().roomId });
    expect(patientRoom.json<{ url: string }>().url).toMatch(new RegExp(`/appointments/${id}/room$`));

    const prescribed = await send(free.doctor, id, 'prescription', PRESCRIPTION);
    expect(prescribed.statusCode, prescribed.body).toBe(200);
    const { prescriptionId } = prescribed.json<{ prescriptionId: string }>();
    // A retry (a double click, a lost answer) is the same prescription, not a second one.
    const retried = await send(free.doctor, id, 'prescription', PRESCRIPTION);
    expect(retried.json()).toMatchObject({ prescriptionId });

    expect((await send(free.doctor, id, 'end')).json()).toMatchObject({ status: 'prescribed' });
    const reviewed = await send(owner, id, 'review', { rating: 5, comment: 'Very kind and clear' });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed' });
    expect(refusal(await send(owner, id, 'review', { rating: 4 }))).toEqual([409, 'ALREADY_REVIEWED']);
    expect(refusal(await send(owner, id, 'cancel', { reason: 'other' }))).toEqual([409, 'INVALID_STATE']);

    const recorded = await events(id);
    expect(recorded.filter((event) => event.type === 'PrescriptionIssued')).toHaveLength(1);
    const issued = recorded.find((event) => event.type === 'PrescriptionIssued')?.data;
    const review = recorded.find((event) => event.type === 'ReviewSubmitted')?.data;
    expect(issued).toMatchObject({
      prescriptionId,
      medicineCount: 1,
      sealedPrescription: expect.stringMatching(/^pii:v1:/),
    });
    expect(review).toMatchObject({ rating: 5, sealedComment: expect.stringMatching(/^pii:v1:/) });
    // Neither the event store nor Temporal's history holds what the doctor or the patient wrote.
    const history = payloadTexts(
      await platform.temporal.client.workflow.getHandle(appointmentWorkflowId(id)).fetchHistory(),
    ).join('\n');
    expect(history).toContain(issued?.sealedPrescription); // the payloads were decoded: ciphertext is there
    for (const text of ['Amoxicillin', 'Take with food', 'Very kind']) {
      expect(JSON.stringify(recorded.map((event) => event.data))).not.toContain(text);
      expect(history).not.toContain(text);
    }
  });
});

/** Every payload of a Temporal history as text: they are JSON bytes inside the history's protobuf. */
function payloadTexts(value: unknown, texts: string[] = []): string[] {
  if (value instanceof Uint8Array) texts.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const item of value) payloadTexts(item, texts);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) payloadTexts(item, texts);
  return texts;
}
