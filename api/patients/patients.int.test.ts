/**
 * Patient profiles and dependants (event-sourced, written by the API), their personal data sealed
 * in the event store, and erasure by destroying the person's key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientStreamId } from '../../domain/index.js';
import type { JsonObject } from '../../eventstore/event-store.js';
import { createPersonalDataCipher } from '../../eventstore/pii/index.js';
import { createProjections, rebuildProjection } from '../../projections/index.js';
import { givenAccount } from '../../tests/support/accounts.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { TEST_MASTER_KEY, type TestActor } from '../../tests/support/auth.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { auditStreamId } from '../audit.js';
import { deriveKey } from '../auth/keys.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

type Json = Record<string, unknown>;
const KEY_WRAP = deriveKey(TEST_MASTER_KEY, 'person-key-wrap');
const account = (roles: Parameters<typeof givenAccount>[1] = ['patient']) => givenAccount(platform.db.pool, roles);
const send = (
  actor: TestActor,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers = {},
) => platform.app.inject({ method, url, headers: { ...actor.headers, ...headers }, ...(payload ? { payload } : {}) });
const code = (response: { json: <T>() => T }) => response.json<{ error: { code: string } }>().error.code;

const FULL_PROFILE = {
  name: 'Erin Esteves',
  dateOfBirth: '1990-05-17',
  sex: 'female',
  phone: '+351912345678',
  email: 'Erin@Example.test',
  preferredLanguage: 'pt-pt',
  timeZone: 'Europe/Lisbon',
  emergencyContact: { name: 'Eva Esteves', phone: '+351912345679', relationship: 'sister' },
};

async function profileInReadModel(actor: TestActor, patientId: string, check: (profile: Json) => boolean) {
  return eventually(
    async () => {
      const response = await send(actor, 'GET', `/api/v1/patients/${patientId}`);
      const body = response.json<Json>();
      return response.statusCode === 200 && check(body) ? body : undefined;
    },
    15_000,
    `the profile of ${patientId} in the read model`,
  );
}

describe('your own profile', () => {
  it('starts empty, takes a partial change, and shows it (canonicalised) from the read model', async () => {
    const erin = await account();
    const before = await send(erin, 'GET', '/api/v1/me');
    expect(before.json()).toEqual({
      account: {
        id: erin.accountId,
        email: `${erin.accountId}@example.test`,
        phone: null,
        roles: ['patient'],
        emailVerified: false,
        totpEnabled: false,
      },
      profile: null,
    });

    const changed = await send(erin, 'PATCH', '/api/v1/me', FULL_PROFILE);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      patientId: erin.accountId,
      guardianId: null,
      email: 'erin@example.test',
      preferredLanguage: 'pt-PT',
      revision: 0,
    });
    await eventually(async () => {
      const me = (await send(erin, 'GET', '/api/v1/me')).json<{ profile: Json | null }>();
      return me.profile?.name === 'Erin Esteves' ? true : undefined;
    });
    const cleared = await send(erin, 'PATCH', '/api/v1/me', { phone: null });
    expect(cleared.json()).toMatchObject({ name: 'Erin Esteves', phone: null, revision: 1 });
  });

  it('refuses unknown fields, malformed values and an empty change, and records nothing', async () => {
    const erin = await account();
    for (const payload of [
      { nickname: 'E' },
      { timeZone: 'Mars/Olympus_Mons' },
      { phone: '912345678' },
      { dateOfBirth: '1990-02-30' },
      { sex: 'other' },
      {},
    ]) {
      const response = await send(erin, 'PATCH', '/api/v1/me', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(code(response)).toBe('VALIDATION_FAILED');
    }
    expect(await platform.eventStore.readStream(patientStreamId(erin.accountId))).toEqual([]);
  });

  it('refuses a change made against a stale revision with 409 (optimistic concurrency)', async () => {
    const erin = await account();
    await send(erin, 'PATCH', '/api/v1/me', { name: 'Erin' });
    const first = await send(erin, 'PATCH', '/api/v1/me', { name: 'Erin E.' }, { 'if-match': '"0"' });
    expect(first.json()).toMatchObject({ name: 'Erin E.', revision: 1 });
    const stale = await send(erin, 'PATCH', '/api/v1/me', { name: 'Erin X.' }, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('CONCURRENT_MODIFICATION');
    const racing = await Promise.all(
      ['A', 'B', 'C'].map((suffix) =>
        send(erin, 'PATCH', '/api/v1/me', { name: `Erin ${suffix}` }, { 'if-match': '1' }),
      ),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });
});

describe('dependants', () => {
  it('registers dependants (retries with an Idempotency-Key give the same one) and lists them', async () => {
    const guardian = await account();
    const first = await send(guardian, 'POST', '/api/v1/me/dependants', {
      name: 'Dora Dias',
      relationship: 'child',
      dateOfBirth: '2018-03-04',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ guardianId: guardian.accountId, relationship: 'child', name: 'Dora Dias' });
    const keyed = { name: 'Dan Dias', relationship: 'parent' };
    const headers = { 'idempotency-key': 'register-dan-1' };
    const again = [
      await send(guardian, 'POST', '/api/v1/me/dependants', keyed, headers),
      await send(guardian, 'POST', '/api/v1/me/dependants', keyed, headers),
    ];
    expect(again.map((r) => r.statusCode)).toEqual([201, 200]);
    expect(again[1]!.json<Json>().dependantId).toBe(again[0]!.json<Json>().dependantId);

    const listed = await eventually(async () => {
      const items = (await send(guardian, 'GET', '/api/v1/me/dependants')).json<{ items: Json[] }>().items;
      return items.length === 2 ? items : undefined;
    });
    expect(listed.map((d) => d.name).sort()).toEqual(['Dan Dias', 'Dora Dias']);

    const viaGraphql = await send(guardian, 'POST', '/graphql', {
      query: '{ me { account { id roles } profile { name } dependants { dependantId relationship name } } }',
    });
    expect(viaGraphql.json<{ data: { me: Json } }>().data.me).toMatchObject({
      account: { id: guardian.accountId, roles: ['patient'] },
      profile: null,
      dependants: expect.arrayContaining([expect.objectContaining({ name: 'Dora Dias', relationship: 'child' })]),
    });
  });

  it('keeps dependants to patients and refuses a dependant without a name', async () => {
    const doctor = await account(['doctor']);
    const byDoctor = await send(doctor, 'POST', '/api/v1/me/dependants', { name: 'X', relationship: 'child' });
    expect([byDoctor.statusCode, code(byDoctor)]).toEqual([403, 'PATIENT_ROLE_REQUIRED']);
    expect((await send(doctor, 'GET', '/api/v1/me/dependants')).json()).toEqual({ items: [] });
    const guardian = await account();
    const nameless = await send(guardian, 'POST', '/api/v1/me/dependants', { relationship: 'child' });
    expect(nameless.statusCode).toBe(400);
  });
});

describe('managing a dependant', () => {
  let anyDoctor: BookableDoctor;
  beforeAll(async () => {
    anyDoctor = await givenBookableDoctor(platform.app, { slotsNeeded: 5 });
  });

  async function givenDependant(guardian: TestActor, name = 'Dora Dias'): Promise<string> {
    const registered = await send(guardian, 'POST', '/api/v1/me/dependants', {
      name,
      relationship: 'child',
      dateOfBirth: '2018-03-04',
    });
    expect(registered.statusCode).toBe(201);
    return registered.json<{ dependantId: string }>().dependantId;
  }
  const listed = async (guardian: TestActor) =>
    (await send(guardian, 'GET', '/api/v1/me/dependants')).json<{ items: Json[] }>().items;
  const book = (guardian: TestActor, patientId: string) =>
    send(guardian, 'POST', '/api/v1/appointments', anyDoctor.nextRequest(patientId));

  it('changes only the fields sent, validated as when registering, and shows the change in the list', async () => {
    const guardian = await account();
    const dependantId = await givenDependant(guardian);
    const url = `/api/v1/me/dependants/${dependantId}`;
    const changed = await send(guardian, 'PATCH', url, {
      relationship: 'parent',
      timeZone: 'europe/lisbon',
      sex: 'female',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      dependantId,
      guardianId: guardian.accountId,
      relationship: 'parent',
      name: 'Dora Dias',
      dateOfBirth: '2018-03-04',
      timeZone: 'Europe/Lisbon',
      sex: 'female',
      revision: 2,
    });
    const shown = await eventually(async () => {
      const [item] = await listed(guardian);
      return item?.relationship === 'parent' && item.sex === 'female' ? item : undefined;
    });
    expect(shown).toMatchObject({ dependantId, name: 'Dora Dias', timeZone: 'Europe/Lisbon', revision: 2 });

    for (const [payload, status, errorCode] of [
      [{ name: null }, 400, 'VALIDATION_FAILED'],
      [{ relationship: 'cousin' }, 400, 'VALIDATION_FAILED'],
      [{ phone: '912345678' }, 400, 'VALIDATION_FAILED'],
      [{ nickname: 'D' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      [{ dateOfBirth: '2999-01-01' }, 422, 'DATE_OF_BIRTH_IN_FUTURE'],
    ] as const) {
      const refused = await send(guardian, 'PATCH', url, payload);
      expect([refused.statusCode, code(refused)], JSON.stringify(payload)).toEqual([status, errorCode]);
    }
    const stale = await send(guardian, 'PATCH', url, { name: 'Dora D.' }, { 'if-match': '"1"' });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'CONCURRENT_MODIFICATION']);
    const current = await send(guardian, 'PATCH', url, { name: 'Dora D.' }, { 'if-match': '"2"' });
    expect(current.json()).toMatchObject({ name: 'Dora D.', relationship: 'parent', revision: 3 });
    // Unchanged values record nothing.
    const same = await send(guardian, 'PATCH', url, { name: 'Dora D.', relationship: 'parent' });
    expect(same.json()).toMatchObject({ revision: 3 });
    expect(await platform.eventStore.readStream(patientStreamId(dependantId))).toHaveLength(4);
  });

  it('answers anyone but the guardian 404 for both, and changes nothing', async () => {
    const [guardian, stranger, doctor] = [await account(), await account(), await account(['doctor'])];
    const dependantId = await givenDependant(guardian);
    const url = `/api/v1/me/dependants/${dependantId}`;
    for (const response of [
      await send(stranger, 'PATCH', url, { name: 'Taken' }),
      // Not even a revision to compare: a stranger never gets a 409 that tells the dependant exists.
      await send(stranger, 'PATCH', url, { name: 'Taken' }, { 'if-match': '"0"' }),
      await send(stranger, 'PATCH', url, { name: 'Taken' }, { 'if-match': '"7"' }),
      await send(stranger, 'DELETE', url),
      await send(guardian, 'PATCH', `/api/v1/me/dependants/${stranger.accountId}`, { name: 'Not mine' }),
      await send(guardian, 'DELETE', `/api/v1/me/dependants/${guardian.accountId}`),
    ]) {
      expect([response.statusCode, code(response)]).toEqual([404, 'DEPENDANT_NOT_FOUND']);
    }
    const byDoctor = await send(doctor, 'DELETE', url);
    expect([byDoctor.statusCode, code(byDoctor)]).toEqual([403, 'PATIENT_ROLE_REQUIRED']);
    const events = await platform.eventStore.readStream(patientStreamId(dependantId));
    expect(events.map((event) => event.type)).toEqual(['DependantRegistered']);
    expect(await platform.eventStore.readStream(patientStreamId(stranger.accountId))).toEqual([]);
    const item = await eventually(async () => (await listed(guardian))[0]);
    expect(item).toMatchObject({ dependantId, name: 'Dora Dias' });
  });

  it('refuses a removal while appointments are ahead, naming them, and removes once they are cancelled', async () => {
    const guardian = await account();
    const dependantId = await givenDependant(guardian, 'Duarte Dias');
    const booked = await book(guardian, dependantId);
    expect(booked.statusCode).toBe(201);
    const appointmentId = booked.json<{ id: string }>().id;
    const url = `/api/v1/me/dependants/${dependantId}`;

    // At once after booking: the removal waits for the appointments read model to have it.
    const refused = await send(guardian, 'DELETE', url);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'DEPENDANT_HAS_UPCOMING_APPOINTMENTS',
        message: expect.any(String),
        details: [{ path: `appointments.${appointmentId}`, message: expect.stringMatching(/^starts \d{4}-/) }],
      },
    });
    expect((await platform.eventStore.readStream(patientStreamId(dependantId))).map((e) => e.type)).toEqual([
      'DependantRegistered',
    ]);

    const cancelled = await send(guardian, 'POST', `/api/v1/appointments/${appointmentId}/cancel`, {
      reason: 'patient_request',
    });
    expect(cancelled.statusCode).toBe(200);
    const removed = await send(guardian, 'DELETE', url);
    expect(removed.statusCode).toBe(204);
    expect((await platform.eventStore.readStream(patientStreamId(dependantId))).map((e) => e.type)).toEqual([
      'DependantRegistered',
      'DependantRemoved',
    ]);
    expect((await send(guardian, 'DELETE', url)).statusCode).toBe(404);
  });

  it('takes away the former guardian’s sight and booking at once, even where a context still lists them', async () => {
    const [guardian, admin] = [await account(), await account(['admin'])];
    const dependantId = await givenDependant(guardian, 'Rita Reis');
    const booked = await book(guardian, dependantId);
    const appointmentId = booked.json<{ id: string }>().id;
    await send(guardian, 'POST', `/api/v1/appointments/${appointmentId}/cancel`, { reason: 'patient_request' });
    await eventually(async () => ((await listed(guardian)).length === 1 ? true : undefined));
    expect((await send(guardian, 'GET', `/api/v1/appointments/${appointmentId}`)).statusCode).toBe(200);

    expect((await send(guardian, 'DELETE', `/api/v1/me/dependants/${dependantId}`)).statusCode).toBe(204);
    const formerGuardianIsRefused = async () => {
      const appointment = await send(guardian, 'GET', `/api/v1/appointments/${appointmentId}`);
      expect([appointment.statusCode, code(appointment)]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
      expect((await send(guardian, 'GET', `/api/v1/appointments/${appointmentId}/events`)).statusCode).toBe(404);
      const profile = await send(guardian, 'GET', `/api/v1/patients/${dependantId}`);
      expect([profile.statusCode, code(profile)]).toEqual([404, 'PATIENT_NOT_FOUND']);
      const again = await book(guardian, dependantId);
      expect([again.statusCode, code(again)]).toEqual([404, 'PATIENT_NOT_FOUND']);
      const edit = await send(guardian, 'PATCH', `/api/v1/me/dependants/${dependantId}`, { name: 'Rita' });
      expect([edit.statusCode, code(edit)]).toEqual([404, 'DEPENDANT_NOT_FOUND']);
      const viaGraphql = await send(guardian, 'POST', '/graphql', {
        query: 'query($id: ID!) { appointment(id: $id) { id } patient(id: $id) { patientId } }',
        variables: { id: appointmentId },
      });
      expect(viaGraphql.json()).toEqual({ data: { appointment: null, patient: null } });
    };
    // At once: the list (REST and GraphQL) and the single reads, with no wait for the projector.
    expect(await listed(guardian)).toEqual([]);
    const me = await send(guardian, 'POST', '/graphql', { query: '{ me { dependants { dependantId } } }' });
    expect(me.json()).toEqual({ data: { me: { dependants: [] } } });
    const appointments = (await send(guardian, 'GET', '/api/v1/appointments')).json<{ items: Json[] }>();
    expect(appointments.items).toEqual([]);
    await formerGuardianIsRefused();

    // A read model that still names the guardian (a lagging projector, or a context resolved
    // before the removal) grants nothing: the dependant's stream decides.
    await eventually(async () => {
      const { rows } = await platform.db.pool.query(
        'SELECT stream_revision FROM patient_profiles WHERE patient_id = $1',
        [dependantId],
      );
      return Number(rows[0]?.stream_revision) === 1 ? true : undefined;
    });
    await platform.db.pool.query(
      `UPDATE patient_profiles SET guardian_id = $2, relationship = 'child' WHERE patient_id = $1`,
      [dependantId, guardian.accountId],
    );
    await formerGuardianIsRefused();

    // The history stays the dependant's: an admin still reads the appointment and the patient.
    expect((await send(admin, 'GET', `/api/v1/appointments/${appointmentId}`)).json()).toMatchObject({
      patientId: dependantId,
      status: 'cancelled',
    });
  });
});

describe('reading your own writes', () => {
  it('lists a dependant and shows an edit as soon as the command answers, for the page that reloads', async () => {
    const guardian = await account();
    const added = await send(guardian, 'POST', '/api/v1/me/dependants', { name: 'Ines Ilha', relationship: 'child' });
    expect(added.statusCode).toBe(201);
    const id = added.json<{ dependantId: string }>().dependantId;
    // No waiting here: the answer came once the read model had it.
    const listed = (await send(guardian, 'GET', '/api/v1/me/dependants')).json<{ items: Json[] }>().items;
    expect(listed).toEqual([expect.objectContaining({ dependantId: id, name: 'Ines Ilha' })]);

    expect((await send(guardian, 'PATCH', `/api/v1/me/dependants/${id}`, { name: 'Ines Ilha Costa' })).statusCode).toBe(
      200,
    );
    const renamed = (await send(guardian, 'GET', '/api/v1/me/dependants')).json<{ items: Json[] }>().items;
    expect(renamed).toEqual([expect.objectContaining({ dependantId: id, name: 'Ines Ilha Costa' })]);

    expect((await send(guardian, 'PATCH', '/api/v1/me', { name: 'Gil Guerra' })).statusCode).toBe(200);
    expect((await send(guardian, 'GET', `/api/v1/patients/${guardian.accountId}`)).json()).toMatchObject({
      name: 'Gil Guerra',
    });
  });
});

describe('personal data in events and its erasure', () => {
  const cipher = createPersonalDataCipher({ keyWrap: KEY_WRAP });
  const patientsProjection = createProjections({ keyWrap: KEY_WRAP }).find((p) => p.name === 'patients')!;

  it('stores profile values sealed, never in plain text', async () => {
    const erin = await account();
    await send(erin, 'PATCH', '/api/v1/me', FULL_PROFILE);
    const { rows } = await platform.db.pool.query<{ data: Json; text: string }>(
      'SELECT data, data::text AS text FROM events WHERE stream_id = $1',
      [patientStreamId(erin.accountId)],
    );
    expect(rows).toHaveLength(1);
    for (const secret of ['Erin', 'Esteves', '1990-05-17', '912345678', 'example.test', 'Lisbon', 'sister']) {
      expect(rows[0]!.text).not.toContain(secret);
    }
    const changes = rows[0]!.data.changes as JsonObject;
    expect(Object.values(changes).every((value) => typeof value === 'string' && value.startsWith('pii:v1:'))).toBe(
      true,
    );
    expect(await cipher.open(platform.db.pool, erin.accountId, changes)).toMatchObject({
      name: 'Erin Esteves',
      emergencyContact: FULL_PROFILE.emergencyContact,
    });
  });

  it('makes erased values unreadable in the event store while events, ids, types and times remain', async () => {
    const [guardian, admin, bystander] = [await account(), await account(['admin']), await account()];
    await send(guardian, 'PATCH', '/api/v1/me', { name: 'Gil Gomes', phone: '+351933333333' });
    await send(bystander, 'PATCH', '/api/v1/me', { name: 'Bea Brito' });
    const child = (
      await send(guardian, 'POST', '/api/v1/me/dependants', { name: 'Gui Gomes', relationship: 'child' })
    ).json<{ dependantId: string }>().dependantId;
    await profileInReadModel(admin, child, (profile) => profile.name === 'Gui Gomes');
    await profileInReadModel(admin, guardian.accountId, (profile) => profile.name === 'Gil Gomes');
    await profileInReadModel(admin, bystander.accountId, (profile) => profile.name === 'Bea Brito');

    const streams = [patientStreamId(guardian.accountId), patientStreamId(child)];
    const eventsBefore = await platform.db.pool.query(
      'SELECT event_id, stream_id, revision, type, recorded_at, position FROM events WHERE stream_id = ANY($1) ORDER BY position',
      [streams],
    );

    for (const patientId of [guardian.accountId, child]) {
      const erased = await send(admin, 'POST', `/api/v1/admin/patients/${patientId}/erasure`);
      expect(erased.statusCode).toBe(200);
      expect(erased.json()).toEqual({ patientId, erasedAt: expect.any(String) });
      const audit = await platform.eventStore.readStream(auditStreamId(patientId));
      expect(audit.map((e) => [e.type, e.data.actorId])).toContainEqual(['PersonalDataErased', admin.accountId]);
    }

    // The events are all still there, unchanged in everything but readability.
    const eventsAfter = await platform.db.pool.query(
      'SELECT event_id, stream_id, revision, type, recorded_at, position FROM events WHERE stream_id = ANY($1) ORDER BY position',
      [streams],
    );
    expect(eventsAfter.rows).toEqual(eventsBefore.rows);
    const [registered] = await platform.eventStore.readStream(patientStreamId(child));
    expect(registered).toMatchObject({
      type: 'DependantRegistered',
      data: {
        patientId: child,
        guardianId: guardian.accountId,
        relationship: 'child',
        registeredAt: expect.any(String),
      },
    });
    const sealed = registered!.data.profile as JsonObject;
    expect(sealed.name).toMatch(/^pii:v1:/);
    expect(await cipher.open(platform.db.pool, child, sealed)).toMatchObject({ name: null, dateOfBirth: null });
    const { rows: keys } = await platform.db.pool.query(
      'SELECT wrapped_key, destroyed_at FROM person_keys WHERE person_id = ANY($1)',
      [[guardian.accountId, child]],
    );
    expect(keys).toEqual([
      { wrapped_key: null, destroyed_at: expect.any(Date) },
      { wrapped_key: null, destroyed_at: expect.any(Date) },
    ]);

    // The read model dropped them at once, and a rebuild from the log drops them again.
    const dropped = { name: null, phone: null, dateOfBirth: null, email: null, emergencyContact: null };
    expect((await send(admin, 'GET', `/api/v1/patients/${child}`)).json()).toMatchObject({
      patientId: child,
      guardianId: guardian.accountId,
      relationship: 'child',
      ...dropped,
    });
    await rebuildProjection(patientsProjection, { pool: platform.db.pool, eventStore: platform.eventStore });
    expect((await send(admin, 'GET', `/api/v1/patients/${child}`)).json()).toMatchObject({
      guardianId: guardian.accountId,
      relationship: 'child',
      ...dropped,
    });
    expect((await send(admin, 'GET', `/api/v1/patients/${guardian.accountId}`)).json()).toMatchObject(dropped);
    expect((await send(admin, 'GET', `/api/v1/patients/${bystander.accountId}`)).json()).toMatchObject({
      name: 'Bea Brito',
    });

    // Nothing personal can be recorded for an erased person any more.
    const after = await send(guardian, 'PATCH', '/api/v1/me', { name: 'Gil again' });
    expect([after.statusCode, code(after)]).toEqual([409, 'PERSONAL_DATA_ERASED']);
  });

  it('is for admins only: 403 for someone who may see the patient, 404 for anyone else', async () => {
    const [patient, stranger, finance] = [await account(), await account(), await account(['finance'])];
    await send(patient, 'PATCH', '/api/v1/me', { name: 'Pia' });
    const url = `/api/v1/admin/patients/${patient.accountId}/erasure`;
    const own = await send(patient, 'POST', url);
    expect([own.statusCode, code(own)]).toEqual([403, 'ADMIN_ONLY']);
    for (const actor of [stranger, finance]) {
      const response = await send(actor, 'POST', url);
      expect([response.statusCode, code(response)]).toEqual([404, 'PATIENT_NOT_FOUND']);
    }
    const admin = await account(['admin']);
    const unknown = await send(admin, 'POST', `/api/v1/admin/patients/${stranger.accountId}/erasure`);
    expect([unknown.statusCode, code(unknown)]).toEqual([404, 'PATIENT_NOT_FOUND']);
    const { rows } = await platform.db.pool.query(
      'SELECT 1 FROM person_keys WHERE destroyed_at IS NOT NULL AND person_id = $1',
      [patient.accountId],
    );
    expect(rows).toEqual([]);
  });
});
