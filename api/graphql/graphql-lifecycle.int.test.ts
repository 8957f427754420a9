/**
 * The booking lifecycle over GraphQL: every read goes through the access policy per object, and
 * appointmentStatusChanged pushes committed changes over a real WebSocket (graphql-transport-ws)
 * from the projector, through PostgreSQL LISTEN/NOTIFY, to the subscriber; strangers are refused.
 * Histories are appended straight to the event store: the workflow is not involved.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentEvent } from '../../domain/index.js';
import { relayStatusChanges } from '../../web/src/lib/server/status-relay.js';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from '../auth/tokens.js';
import { anAppointment, eventsOf, type AppointmentFacts } from '../../tests/fixtures/appointment-events.js';
import { givenAccount } from '../../tests/support/accounts.js';
import {
  appendAppointmentEvents,
  LIFECYCLE_PROJECTIONS,
  projectionsCaughtUp,
  sealFor,
} from '../../tests/support/appointment-history.js';
import { TEST_MASTER_KEY, type TestActor } from '../../tests/support/auth.js';
import { givenVerifiedDoctor } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

/**
 * The `ws` client, which the API's own GraphQL server (mercurius, through @fastify/websocket)
 * depends on; Node 20 has no WebSocket of its own. Typed here for the little the tests use.
 */
interface Socket {
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  send(data: string): void;
  close(): void;
}
type SocketClass = new (url: string, protocol: string, options?: { headers?: Record<string, string> }) => Socket;
const WebSocket = createRequire(import.meta.url)('ws') as SocketClass;

let platform: TestPlatform;
let url: string;
let doctor: TestActor;
let patient: TestActor;
let stranger: TestActor;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  url = `ws://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}/graphql`;
  doctor = await givenAccount(platform.db.pool, ['doctor']);
  await givenVerifiedDoctor(platform.app, { actor: doctor });
  patient = await givenAccount(platform.db.pool, ['patient']);
  stranger = await givenAccount(platform.db.pool, ['patient']);
  await eventually(
    async () => ((await query(doctor, '{ myDashboard { __typename } }')).data ? true : undefined),
    20_000,
    'the doctor to be verified',
  );
});
afterAll(async () => platform?.close());

interface Answer<T = Record<string, unknown>> {
  data: T | null;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

async function query<T = Record<string, unknown>>(
  actor: TestActor | null,
  document: string,
  variables: Record<string, unknown> = {},
): Promise<Answer<T>> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: actor?.headers ?? {},
    payload: { query: document, variables },
  });
  return response.json<Answer<T>>();
}

const caughtUp = () => projectionsCaughtUp(platform.db.pool, platform.eventStore, LIFECYCLE_PROJECTIONS);

async function given(
  owner: TestActor,
  history: (e: ReturnType<typeof eventsOf>) => AppointmentEvent[],
  startsAt?: string,
): Promise<AppointmentFacts> {
  const facts = anAppointment({
    patientId: owner.accountId,
    doctorId: doctor.accountId,
    ...(startsAt ? { startsAt } : {}),
  });
  const e = eventsOf(facts);
  await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [e.requested(), ...history(e)]);
  return facts;
}

describe('GraphQL reads', () => {
  it('answers an appointment to its patient and doctor, null to anyone else, and refuses the anonymous', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested()]);
    await caughtUp();
    const document =
      'query($id: ID!) { appointment(id: $id) { id status revision serviceName fee { amountMinor currency } checkoutUrl cursor } }';
    const mine = await query<{ appointment: Record<string, unknown> }>(patient, document, { id: facts.appointmentId });
    expect(mine.data?.appointment).toMatchObject({
      id: facts.appointmentId,
      status: 'pending_payment',
      revision: 1,
      serviceName: 'General consultation (30 min)',
      fee: { amountMinor: 150_000, currency: 'MZN' },
      checkoutUrl: expect.stringContaining('/checkout/'),
    });
    expect((await query(doctor, document, { id: facts.appointmentId })).data?.appointment).toMatchObject({
      id: facts.appointmentId,
    });
    expect(await query(stranger, document, { id: facts.appointmentId })).toEqual({ data: { appointment: null } });
    const anonymous = await query(null, document, { id: facts.appointmentId });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it('pages through appointments with cursors and filters them, within what the caller may see', async () => {
    const owner = await givenAccount(platform.db.pool, ['patient']);
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1)
      made.push((await given(owner, (e) => (i === 1 ? [e.cancelled('system', null)] : []))).appointmentId);
    await caughtUp();
    const page = (after?: string) =>
      query<{ appointments: Array<{ id: string; cursor: string }> }>(
        owner,
        'query($after: String) { appointments(first: 2, after: $after) { id cursor } }',
        after ? { after } : {},
      );
    const first = (await page()).data!.appointments;
    const second = (await page(first.at(-1)!.cursor)).data!.appointments;
    expect([...first, ...second].map((a) => a.id).sort()).toEqual([...made].sort());
    expect(second).toHaveLength(1);
    const cancelled = await query<{ appointments: Array<{ id: string }> }>(
      owner,
      '{ appointments(filter: { status: "cancelled" }) { id } }',
    );
    expect(cancelled.data?.appointments.map((a) => a.id)).toEqual([made[1]]);
    const theirs = await query<{ appointments: unknown[] }>(
      stranger,
      `{ appointments(filter: { patientId: "${owner.accountId}" }) { id } }`,
    );
    expect(theirs.data?.appointments).toEqual([]);
  });

  it('tells an appointment’s history as a labelled timeline, and the prescription to its doctor only', async () => {
    const sealed = await sealFor(platform.db.pool, patient.accountId, {
      medicines: [
        {
          medicine: 'Ibuprofen 400 mg tablet',
          dose: '1 tablet',
          route: 'oral',
          frequency: 'every 8 hours',
          duration: '5 days',
        },
      ],
    });
    const facts = await given(patient, (e) => [
      e.paymentRequested(),
      e.paymentReceived(),
      e.confirmed(),
      e.checkedIn(),
      e.consultationStarted(),
      e.consultationEnded(),
      e.prescriptionIssued(sealed, 1),
    ]);
    await caughtUp();
    const events = await query<{ appointmentEvents: Array<{ type: string; label: string; actor: string }> }>(
      patient,
      'query($id: ID!) { appointmentEvents(id: $id) { type label actor at } }',
      { id: facts.appointmentId },
    );
    expect(events.data?.appointmentEvents.at(-1)).toMatchObject({
      type: 'PrescriptionIssued',
      label: 'Prescription issued (1 medicine)',
      actor: 'doctor',
    });
    expect(
      (await query(stranger, 'query($id: ID!) { appointmentEvents(id: $id) { type } }', { id: facts.appointmentId }))
        .data,
    ).toEqual({ appointmentEvents: null });

    const document =
      'query($id: ID!) { prescription(appointmentId: $id) { medicineCount erased medicines { medicine route } } }';
    expect((await query(doctor, document, { id: facts.appointmentId })).data).toEqual({
      prescription: {
        medicineCount: 1,
        erased: false,
        medicines: [{ medicine: 'Ibuprofen 400 mg tablet', route: 'oral' }],
      },
    });
    expect((await query(stranger, document, { id: facts.appointmentId })).data).toEqual({ prescription: null });
  });

  it('gives each account its own dashboard, and anyone a verified doctor’s reviews', async () => {
    const document = `{ myDashboard {
      __typename
      ... on PatientDashboard { upcoming { id } past { id } }
      ... on DoctorDashboard { timeZone upcoming { id } }
    } }`;
    expect((await query<{ myDashboard: { __typename: string } }>(patient, document)).data?.myDashboard.__typename).toBe(
      'PatientDashboard',
    );
    expect((await query<{ myDashboard: Record<string, unknown> }>(doctor, document)).data?.myDashboard).toMatchObject({
      __typename: 'DoctorDashboard',
      timeZone: 'Africa/Maputo',
    });
    const staff = await query(await givenAccount(platform.db.pool, ['finance']), document);
    expect(staff.errors?.[0]?.extensions.code).toBe('NO_DASHBOARD');

    const reviews = 'query($id: ID!) { doctorReviews(doctorId: $id) { rating reviewCount items { author rating } } }';
    expect((await query(null, reviews, { id: doctor.accountId })).data).toMatchObject({
      doctorReviews: { reviewCount: expect.any(Number), items: expect.any(Array) },
    });
    expect((await query(null, reviews, { id: randomUUID() })).data).toEqual({ doctorReviews: null });
  });
});

/** A graphql-transport-ws client for one subscription, keeping every message it receives. */
function connect(options: { initPayload?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
  const socket = new WebSocket(url, 'graphql-transport-ws', { headers: options.headers ?? {} });
  const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
  const state: { closed: number | null; error: Error | null } = { closed: null, error: null };
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  socket.on('close', (code) => {
    state.closed = code;
  });
  socket.on('error', (error) => {
    state.error = error;
  });
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: options.initPayload ?? {} })));
  const next = (predicate: (message: (typeof messages)[number]) => boolean, what: string) =>
    eventually(async () => messages.find(predicate), 15_000, what);
  return {
    messages,
    state,
    next,
    subscribe(variables: Record<string, unknown>) {
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: {
            query:
              'subscription($id: ID!, $after: Int) { appointmentStatusChanged(id: $id, afterRevision: $after) { id status revision updatedAt } }',
            variables,
          },
        }),
      );
    },
    close: () => socket.close(),
  };
}

const bearer = (actor: TestActor) => actor.headers.authorization;

/** An access token of the actor's with five seconds left of its fifteen minutes. */
async function expiringSoon(actor: TestActor): Promise<string> {
  const issuedAt = new Date(Date.now() - (ACCESS_TOKEN_TTL_SECONDS - 5) * 1000);
  const session = { kind: 'account', accountId: actor.accountId, roles: actor.roles, mfa: true } as const;
  return (await issueAccessToken(TEST_MASTER_KEY, { ...session, sessionId: randomUUID() }, issuedAt)).token;
}
const changes = (client: ReturnType<typeof connect>) =>
  client.messages
    .filter((m) => m.type === 'next')
    .map(
      (m) =>
        (m.payload as { data: { appointmentStatusChanged: { status: string; revision: number } } }).data
          .appointmentStatusChanged,
    )
    .map(({ status, revision }) => ({ status, revision }));

describe('appointmentStatusChanged', () => {
  it('pushes each committed change of the appointment to its patient, over a real WebSocket', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested()]);
    await caughtUp();
    const e = eventsOf(facts);
    const client = connect({ initPayload: { authorization: bearer(patient) } });
    try {
      await client.next((m) => m.type === 'connection_ack', 'the connection to be acknowledged');
      client.subscribe({ id: facts.appointmentId, after: 1 });
      // Paid while the page was opening: the change after the page's revision is pushed at once…
      await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [e.paymentReceived(), e.confirmed()]);
      await client.next(
        (m) => m.type === 'next' && JSON.stringify(m.payload).includes('"revision":3'),
        'the confirmation to be pushed',
      );
      // …and later ones as the projector commits them.
      await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [e.reminderSent()]);
      await client.next(
        (m) => m.type === 'next' && JSON.stringify(m.payload).includes('"status":"reminded"'),
        'the reminder to be pushed',
      );
      const pushed = changes(client);
      expect(pushed.at(-1)).toEqual({ status: 'reminded', revision: 4 });
      expect(pushed).toContainEqual({ status: 'confirmed', revision: 3 });
      // Never backwards, never twice.
      expect(pushed.map((p) => p.revision)).toEqual([...new Set(pushed.map((p) => p.revision))].sort());
      expect(client.messages.find((m) => m.type === 'error')).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it('accepts the token on the upgrade request too (the doctor’s page)', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested(), e.paymentReceived(), e.confirmed()]);
    await caughtUp();
    const client = connect({ headers: { authorization: bearer(doctor) } });
    try {
      await client.next((m) => m.type === 'connection_ack', 'the connection to be acknowledged');
      client.subscribe({ id: facts.appointmentId, after: 0 });
      await client.next((m) => m.type === 'next', 'the current state to be pushed');
      expect(changes(client)).toEqual([{ status: 'confirmed', revision: 3 }]);
    } finally {
      client.close();
    }
  });

  it('refuses a stranger’s subscription as if the appointment did not exist, and an anonymous one', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested()]);
    const intruder = connect({ initPayload: { authorization: bearer(stranger) } });
    const anonymous = connect();
    try {
      for (const [client, code] of [
        [intruder, 'APPOINTMENT_NOT_FOUND'],
        [anonymous, 'AUTHENTICATION_REQUIRED'],
      ] as const) {
        await client.next((m) => m.type === 'connection_ack', 'the connection to be acknowledged');
        client.subscribe({ id: facts.appointmentId });
        const refusal = await client.next((m) => m.type === 'error', 'the refusal');
        expect(refusal.payload).toEqual([expect.objectContaining({ extensions: { code } })]);
      }
      await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [eventsOf(facts).paymentFailed()]);
      await caughtUp();
      expect(intruder.messages.filter((m) => m.type === 'next')).toEqual([]);
    } finally {
      intruder.close();
      anonymous.close();
    }
  });

  it('ends a subscription when the access token it was opened with expires, and takes a fresh token', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested()]);
    await caughtUp();
    const token = await expiringSoon(patient);
    const expiring = connect({ initPayload: { authorization: `Bearer ${token}` } });
    try {
      await expiring.next((m) => m.type === 'connection_ack', 'the connection to be acknowledged');
      expiring.subscribe({ id: facts.appointmentId, after: 0 });
      const ended = await expiring.next((m) => m.type === 'error', 'the subscription to end at expiry');
      expect(ended.payload).toEqual([expect.objectContaining({ extensions: { code: 'SESSION_EXPIRED' } })]);
      // Nothing reaches the expired subscription afterwards.
      await appendAppointmentEvents(platform.eventStore, facts.appointmentId, [eventsOf(facts).paymentFailed()]);
      await caughtUp();
      expect(changes(expiring).map((c) => c.revision)).not.toContain(2);
    } finally {
      expiring.close();
    }
    // Subscribing again with a fresh token follows the appointment as before.
    const renewed = connect({ initPayload: { authorization: bearer(patient) } });
    try {
      await renewed.next((m) => m.type === 'connection_ack', 'the connection to be acknowledged');
      renewed.subscribe({ id: facts.appointmentId, after: 0 });
      await renewed.next((m) => m.type === 'next', 'the current state to be pushed');
      expect(renewed.messages.find((m) => m.type === 'error')).toBeUndefined();
    } finally {
      renewed.close();
    }
  });

  it('lets the web app’s relay tell an expired token (subscribe again) from a refusal (give up)', async () => {
    const facts = await given(patient, (e) => [e.paymentRequested()]);
    await caughtUp();
    const token = await expiringSoon(patient);
    const follow = (accessToken: string) =>
      new Promise<{ reason: string; renewable: boolean }>((resolve) => {
        void relayStatusChanges({
          apiBaseUrl: url.replace(/^ws/, 'http').replace(/\/graphql$/, ''),
          accessToken,
          appointmentId: facts.appointmentId,
          afterRevision: null,
          onChange: () => {},
          onReady: () => {},
          onEnd: (reason, renewable) => resolve({ reason, renewable }),
        });
      });
    const strangerToken = bearer(stranger).slice('Bearer '.length);
    const [expired, refused] = await Promise.all([follow(token), follow(strangerToken)]);
    expect(expired).toEqual({ reason: 'the access token expired', renewable: true });
    expect(refused).toEqual({ reason: 'the API refused the subscription', renewable: false });
  });

  it('closes a connection whose token does not verify, and refuses sockets from other web origins', async () => {
    const forged = connect({ initPayload: { authorization: 'Bearer not-a-token' } });
    await eventually(async () => (forged.state.closed !== null ? true : undefined), 15_000, 'the socket to close');
    expect(forged.messages.map((m) => m.type)).not.toContain('connection_ack');

    const foreign = connect({ headers: { origin: 'https://evil.example', authorization: bearer(patient) } });
    await eventually(async () => (foreign.state.error ? true : undefined), 15_000, 'the upgrade to be refused');
    expect(foreign.state.error?.message).toMatch(/403/);
  });
});
