/** The API through fastify.inject, against the real workflow, event store and projection. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId } from '../domain/index.js';
import type { AppointmentRequest } from '../domain/index.js';
import { givenBookableDoctor, type BookableDoctor } from '../tests/support/bookable.js';
import { givenAccount } from '../tests/support/accounts.js';
import type { TestActor } from '../tests/support/auth.js';
import { startTestPlatform, type TestPlatform } from '../tests/support/platform.js';
import { eventually } from '../tests/support/temporal.js';
import { BODY_LIMIT_BYTES } from './app.js';

let platform: TestPlatform;
/** The caller of every request here: a patient booking for themselves. */
let patient: TestActor;
/** A verified doctor whose real slots the bookings here take, one each. */
let doctor: BookableDoctor;
beforeAll(async () => {
  platform = await startTestPlatform();
  patient = await givenAccount(platform.db.pool, ['patient']);
  doctor = await givenBookableDoctor(platform.app);
});
afterAll(async () => platform?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  platform.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...patient.headers, ...headers } });
const get = (url: string) => platform.app.inject({ method: 'GET', url, headers: patient.headers });
const myAppointment = (overrides: Partial<AppointmentRequest> = {}) => doctor.nextRequest(patient.accountId, overrides);

async function eventCount(): Promise<number> {
  const { rows } = await platform.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
  return Number(rows[0]?.n);
}

describe('POST /api/v1/appointments', () => {
  it('starts the workflow and answers after the request is recorded', async () => {
    const request = myAppointment();
    const response = await post('/api/v1/appointments', request);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; status: string; links: { self: string } }>();
    expect(body).toMatchObject({ status: 'pending_payment', links: { self: `/api/v1/appointments/${body.id}` } });
    const events = await platform.eventStore.readStream(appointmentStreamId(body.id));
    // Answered once the checkout exists: the patient is sent to pay next.
    expect(events.map((e) => e.type)).toEqual(['AppointmentRequested', 'PaymentRequested']);

    const read = await eventually(
      async () => {
        const got = await get(body.links.self);
        return got.statusCode === 200 ? got.json<Record<string, unknown>>() : undefined;
      },
      10_000,
      'the read model',
    );
    expect(read).toMatchObject({ ...request, id: body.id, status: 'pending_payment', cancelledAt: null });
  });

  it('makes retries with the same Idempotency-Key return the same appointment', async () => {
    const request = myAppointment();
    const key = `retry-${randomUUID()}`;
    const first = await post('/api/v1/appointments', request, { 'idempotency-key': key });
    const second = await post('/api/v1/appointments', request, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect([200, 201]).toContain(second.statusCode);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const recorded = await platform.eventStore.readStream(appointmentStreamId(first.json<{ id: string }>().id));
    expect(recorded.filter((e) => e.type === 'AppointmentRequested')).toHaveLength(1);
  });

  describe('bad input gets a 4xx in the one error format and writes nothing', () => {
    const valid = () => myAppointment();
    const cases: Array<[string, () => ReturnType<typeof post>, number, string]> = [
      [
        'malformed JSON',
        () =>
          platform.app.inject({
            method: 'POST',
            url: '/api/v1/appointments',
            payload: '{"doctorId": ',
            headers: { ...patient.headers, 'content-type': 'application/json' },
          }),
        400,
        'INVALID_JSON',
      ],
      [
        'an empty body',
        () =>
          platform.app.inject({
            method: 'POST',
            url: '/api/v1/appointments',
            payload: '',
            headers: { ...patient.headers, 'content-type': 'application/json' },
          }),
        400,
        'INVALID_JSON',
      ],
      [
        'wrong types',
        () => post('/api/v1/appointments', { ...valid(), method: 42, startsAt: 'tomorrow' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown field',
        () => post('/api/v1/appointments', { ...valid(), patientName: 'Maria' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a missing field',
        () => post('/api/v1/appointments', { ...valid(), doctorId: undefined }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an oversized body',
        () => post('/api/v1/appointments', { ...valid(), padding: 'x'.repeat(BODY_LIMIT_BYTES + 1) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'a form body',
        () =>
          platform.app.inject({
            method: 'POST',
            url: '/api/v1/appointments',
            payload: 'a=1',
            headers: { ...patient.headers, 'content-type': 'application/x-www-form-urlencoded' },
          }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a start in the past',
        () => post('/api/v1/appointments', { ...valid(), startsAt: '2020-01-01T00:00:00Z' }),
        422,
        'STARTS_IN_PAST',
      ],
      [
        'a doctor who is not verified',
        () => post('/api/v1/appointments', { ...valid(), doctorId: randomUUID() }),
        422,
        'DOCTOR_NOT_BOOKABLE',
      ],
      [
        'a time the doctor never offered (phantom availability)',
        () => {
          const slot = valid();
          return post('/api/v1/appointments', { ...slot, startsAt: new Date(Date.parse(slot.startsAt) + 7 * 60_000).toISOString() });
        },
        422,
        'SLOT_UNAVAILABLE',
      ],
    ];
    it.each(cases)('%s', async (_name, send, status, code) => {
      const eventsBefore = await eventCount();
      const response = await send();
      expect(response.statusCode).toBe(status);
      const error = response.json<{ error: { code: string; message: string } }>().error;
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(5);
      expect(await eventCount()).toBe(eventsBefore);
    });

    it('names the offending fields in details', async () => {
      const response = await post('/api/v1/appointments', { ...valid(), method: 'fax' });
      expect(response.json<{ error: { details: Array<{ path: string }> } }>().error.details.map((d) => d.path)).toEqual(
        ['body.method'],
      );
    });
  });
});

describe('appointment reads and cancel', () => {
  it('cancels, shows the event timeline, and refuses a second cancel with 409', async () => {
    const created = (await post('/api/v1/appointments', myAppointment())).json<{ id: string }>();
    const cancel = await post(`/api/v1/appointments/${created.id}/cancel`, { reason: 'patient_request' });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ id: created.id, status: 'cancelled' });

    const events = await get(`/api/v1/appointments/${created.id}/events`);
    expect(
      events.json<{ items: Array<{ type: string; revision: number }> }>().items.map((e) => [e.type, e.revision]),
    ).toEqual([
      ['AppointmentRequested', 0],
      ['PaymentRequested', 1],
      ['AppointmentCancelled', 2],
    ]);
    await eventually(async () => {
      const got = await get(`/api/v1/appointments/${created.id}`);
      return got.json<{ status: string }>().status === 'cancelled' ? true : undefined;
    });
    const again = await post(`/api/v1/appointments/${created.id}/cancel`, { reason: 'other' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('INVALID_STATE');
  });

  it('answers 404 for an appointment that does not exist, in REST and for cancel', async () => {
    const id = randomUUID();
    for (const response of [
      await get(`/api/v1/appointments/${id}`),
      await get(`/api/v1/appointments/${id}/events`),
      await post(`/api/v1/appointments/${id}/cancel`, { reason: 'other' }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('APPOINTMENT_NOT_FOUND');
    }
  });

  it('rejects a malformed id with 400, not 500', async () => {
    const response = await get('/api/v1/appointments/not-a-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GraphQL', () => {
  it('reads appointments from the projection and reports bad arguments with a code', async () => {
    const created = (await post('/api/v1/appointments', myAppointment({ method: 'chat' }))).json<{
      id: string;
    }>();
    const found = await eventually(async () => {
      const response = await post('/graphql', {
        query: 'query($id: ID!) { appointment(id: $id) { id method status } }',
        variables: { id: created.id },
      });
      return response.json<{ data: { appointment: unknown } }>().data.appointment ?? undefined;
    });
    expect(found).toEqual({ id: created.id, method: 'chat', status: 'pending_payment' });

    const list = await post('/graphql', { query: '{ appointments(first: 200) { id } }' });
    expect(list.json<{ data: { appointments: Array<{ id: string }> } }>().data.appointments.map((a) => a.id)).toContain(
      created.id,
    );

    const bad = await post('/graphql', { query: '{ appointments(first: 5000) { id } }' });
    expect(bad.json<{ errors: Array<{ extensions: { code: string } }> }>().errors[0]?.extensions.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('GraphQL limits', () => {
  const errorCodes = async (query: string) => {
    const response = await post('/graphql', { query });
    return {
      status: response.statusCode,
      codes: (response.json<{ errors?: Array<{ extensions: { code: string } }> }>().errors ?? []).map(
        (e) => e.extensions.code,
      ),
    };
  };

  it('refuses a document nested too deep with QUERY_TOO_DEEP, introspection included', async () => {
    // The schema has no cycle, so data cannot nest past 7 validly; the limit still reports it.
    const deep = await errorCodes('{ me { profile { emergencyContact { name { a { b { c { d } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.codes).toContain('QUERY_TOO_DEEP');
    const exploding = '{ __schema { types { fields { type { fields { type { name } } } } } } }';
    expect(await errorCodes(exploding)).toEqual({ status: 400, codes: ['QUERY_TOO_DEEP'] });
  });

  it('refuses a document that could cost too much with QUERY_TOO_COSTLY, and nothing runs', async () => {
    const fields =
      'id patientId doctorId serviceId method startsAt status requestedAt paymentDueAt cancelledAt cancelledBy ' +
      'cancelReason updatedAt';
    const costly = `{ a: appointments(first: 200) { ${fields} } b: appointments(first: 200) { ${fields} } }`;
    expect(await errorCodes(costly)).toEqual({ status: 400, codes: ['QUERY_TOO_COSTLY'] });
    // A variable `first` is counted as the most it may be.
    const viaVariables = await post('/graphql', {
      query: `query($n: Int) { a: appointments(first: $n) { ${fields} } b: appointments(first: $n) { ${fields} } }`,
      variables: { n: 1 },
    });
    expect(viaVariables.json<{ errors: Array<{ extensions: { code: string } }> }>().errors[0]?.extensions.code).toBe(
      'QUERY_TOO_COSTLY',
    );
    expect((await errorCodes(`{ a: appointments(first: 200) { ${fields} } }`)).codes).toEqual([]);
  });

  it('still serves the GraphiQL introspection query to a signed-in caller', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await post('/graphql', { query: getIntrospectionQuery() });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ errors?: unknown }>().errors).toBeUndefined();
  });
});

describe('operations', () => {
  it('reports health of PostgreSQL, Temporal and the event store', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, temporal: { status: 'ok' }, eventStore: { status: 'ok' } },
    });
  });

  it('publishes OpenAPI with the appointment routes', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/docs/json' });
    const spec = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/appointments', '/api/v1/appointments/{id}/cancel', '/healthz']),
    );
  });

  it('answers unknown routes in the error format', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
