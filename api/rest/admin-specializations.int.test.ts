/**
 * Admins rename, retire and restore specializations: who may, unique names, and what it does to
 * search, public profiles and profile editing. Each test adds specializations of its own, named
 * with words of its own, so renaming never touches what another test reads.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorsProjection } from '../../projections/doctors/doctors-projection.js';
import { rebuildProjection } from '../../projections/runner.js';
import { aPracticeProfile } from '../../tests/fixtures/doctors.js';
import { anActor, type TestActor } from '../../tests/support/auth.js';
import { givenPractice, givenVerifiedDoctor } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

let platform: TestPlatform;
let admin: TestActor;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await anActor(['admin']);
});
afterAll(async () => platform?.close());

const word = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const call = (actor: TestActor | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  platform.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

/** A new catalog entry whose name is `<word> medicine`, so free text can find it by that word. */
async function aSpecialization(): Promise<{ id: string; name: string; word: string }> {
  const w = word();
  const entry = { id: `s-${w}`, name: `${w} medicine` };
  const added = await call(admin, 'POST', '/api/v1/admin/specializations', entry);
  expect(added.statusCode, added.body).toBe(201);
  return { ...entry, word: w };
}

const patch = (id: string, body: object) => call(admin, 'PATCH', `/api/v1/admin/specializations/${id}`, body);

async function searchIds(query: Record<string, string>): Promise<string[]> {
  const response = await call(undefined, 'GET', `/api/v1/doctors?${new URLSearchParams(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Array<{ id: string }> }>().items.map((item) => item.id);
}

const publicCatalog = async () =>
  (await call(undefined, 'GET', '/api/v1/specializations')).json<{ items: Array<{ id: string; name: string }> }>()
    .items;

const publicProfileSpecializations = async (doctorId: string) =>
  (await call(undefined, 'GET', `/api/v1/doctors/${doctorId}`)).json<{ specializations: unknown[] }>().specializations;

async function auditOf(type: string, specializationId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await platform.db.pool.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM events WHERE stream_id = $1 AND type = $2 AND data->>'specializationId' = $3 ORDER BY revision`,
    [`audit-${admin.accountId}`, type, specializationId],
  );
  return rows.map((row) => row.data);
}

describe('who may change the specialization catalog', () => {
  it('only admins with a second factor: 401 anonymous, 403 others, 404 an unknown id, 400 a bad body', async () => {
    const entry = await aSpecialization();
    const cases: Array<[TestActor | undefined, number, string]> = [
      [undefined, 401, 'AUTHENTICATION_REQUIRED'],
      [await anActor(['doctor']), 403, 'ROLE_REQUIRED'],
      [await anActor(['finance']), 403, 'ROLE_REQUIRED'],
      [await anActor(['admin'], { mfa: false }), 403, 'MFA_REQUIRED'],
    ];
    for (const [actor, status, code] of cases) {
      for (const response of [
        await call(actor, 'PATCH', `/api/v1/admin/specializations/${entry.id}`, { name: `${word()} care` }),
        await call(actor, 'PATCH', `/api/v1/admin/specializations/${entry.id}`, { retired: true }),
        await call(actor, 'GET', '/api/v1/admin/specializations'),
      ]) {
        expect(response.statusCode).toBe(status);
        expect(response.json()).toMatchObject({ error: { code } });
      }
    }
    expect(await publicCatalog()).toContainEqual({ id: entry.id, name: entry.name });

    const unknown = await patch(`s-${word()}`, { retired: true });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'SPECIALIZATION_NOT_FOUND' } });
    for (const body of [{}, { name: 'x' }, { retired: 'yes' }, { name: 'Fine name', colour: 'red' }]) {
      expect((await patch(entry.id, body)).statusCode).toBe(400);
    }
    expect((await patch('NotAnId', { retired: true })).statusCode).toBe(400);
    expect(await auditOf('SpecializationRenamed', entry.id)).toEqual([]);
    expect(await auditOf('SpecializationRetired', entry.id)).toEqual([]);
  });
});

describe('specialization names', () => {
  it('are unique ignoring case, for additions and renames alike (409), retired entries included', async () => {
    const first = await aSpecialization();
    const second = await aSpecialization();
    const clash = await patch(second.id, { name: first.name.toUpperCase() });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ error: { code: 'SPECIALIZATION_NAME_TAKEN' } });
    const added = await call(admin, 'POST', '/api/v1/admin/specializations', {
      id: `s-${word()}`,
      name: ` ${first.name.toUpperCase()} `,
    });
    expect(added.statusCode).toBe(409);
    expect(added.json()).toMatchObject({ error: { code: 'SPECIALIZATION_EXISTS' } });

    expect((await patch(first.id, { retired: true })).statusCode).toBe(200);
    expect((await patch(second.id, { name: first.name })).statusCode).toBe(409);

    // An entry's own name in another case is no clash.
    const recased = await patch(first.id, { name: `${first.word.toUpperCase()} Medicine` });
    expect(recased.statusCode, recased.body).toBe(200);
    expect(recased.json()).toEqual({ id: first.id, name: `${first.word.toUpperCase()} Medicine`, retired: true });
  });

  it('a rename shows at once in free-text search and on profiles, and a rebuild keeps it', async () => {
    const entry = await aSpecialization();
    const tag = word();
    const doctor = await givenVerifiedDoctor(platform.app, {
      profile: { practiceName: `Clinic ${tag}`, specializationIds: [entry.id, 'cardiology'] },
    });
    await eventually(
      async () => ((await searchIds({ q: `${entry.word} ${tag}` })).includes(doctor.accountId) ? true : undefined),
      15_000,
      'the doctor to be found by the specialization’s name',
    );

    const renamed = `${word()} therapy`;
    const answer = await patch(entry.id, { name: renamed });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ id: entry.id, name: renamed, retired: false });

    // The rename rewrote the doctor's search text in its own transaction: no waiting for the projector.
    const newWord = renamed.split(' ')[0]!;
    expect(await searchIds({ q: `${newWord} ${tag}` })).toEqual([doctor.accountId]);
    expect(await searchIds({ q: `${newWord.slice(0, -1)}x ${tag}` })).toEqual([doctor.accountId]); // a typo
    expect(await searchIds({ q: `${entry.word} ${tag}` })).toEqual([]);
    expect(await publicProfileSpecializations(doctor.accountId)).toContainEqual({ id: entry.id, name: renamed });
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/profile')).json()).toMatchObject({
      specializations: [
        { id: entry.id, name: renamed, retired: false },
        { id: 'cardiology', name: 'Cardiology', retired: false },
      ],
    });
    expect(await auditOf('SpecializationRenamed', entry.id)).toEqual([
      expect.objectContaining({ actorId: admin.accountId, previousName: entry.name, name: renamed }),
    ]);

    await rebuildProjection(doctorsProjection, { pool: platform.db.pool, eventStore: platform.eventStore });
    await eventually(
      async () => ((await searchIds({ q: `${newWord} ${tag}` })).includes(doctor.accountId) ? true : undefined),
      15_000,
      'the rebuilt read model to find the new name',
    );
    expect(await searchIds({ q: `${entry.word} ${tag}` })).toEqual([]);
  });
});

describe('retiring a specialization', () => {
  it('keeps it on the profiles that have it, hides it from the catalog, refuses it to new profiles; restoring undoes it', async () => {
    const entry = await aSpecialization();
    const tag = word();
    const holder = await givenVerifiedDoctor(platform.app, {
      profile: { practiceName: `Clinic ${tag}`, specializationIds: [entry.id] },
    });
    await eventually(
      async () => ((await searchIds({ q: tag, specialization: entry.id })).length === 1 ? true : undefined),
      15_000,
      'the holder to be searchable',
    );

    const retired = await patch(entry.id, { retired: true });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toEqual({ id: entry.id, name: entry.name, retired: true });
    expect((await publicCatalog()).map((item) => item.id)).not.toContain(entry.id);
    const full = (await call(admin, 'GET', '/api/v1/admin/specializations')).json<{ items: unknown[] }>().items;
    expect(full).toContainEqual({ id: entry.id, name: entry.name, retired: true, doctorCount: 1 });

    // The holder keeps it: profile, search by it, and edits that keep it.
    expect(await publicProfileSpecializations(holder.accountId)).toEqual([{ id: entry.id, name: entry.name }]);
    expect(await searchIds({ q: `${entry.word} ${tag}`, specialization: entry.id })).toEqual([holder.accountId]);
    const kept = await call(
      holder,
      'PUT',
      '/api/v1/doctors/me/profile',
      aPracticeProfile({ practiceName: `Clinic ${tag}`, bio: 'Now with a bio.', specializationIds: [entry.id] }),
    );
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ specializations: [{ id: entry.id, name: entry.name, retired: true }] });

    // Nobody newly takes it: not another doctor, nor the holder once they dropped it.
    const newcomer = await givenPractice(platform.app, { profile: { specializationIds: ['cardiology'] } });
    const refused = await call(
      newcomer,
      'PUT',
      '/api/v1/doctors/me/profile',
      aPracticeProfile({ specializationIds: ['cardiology', entry.id] }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: { code: 'SPECIALIZATION_RETIRED', details: [{ path: 'specializationIds' }] },
    });
    const dropped = aPracticeProfile({ practiceName: `Clinic ${tag}`, specializationIds: ['cardiology'] });
    expect((await call(holder, 'PUT', '/api/v1/doctors/me/profile', dropped)).statusCode).toBe(200);
    const readded = aPracticeProfile({ practiceName: `Clinic ${tag}`, specializationIds: [entry.id] });
    expect((await call(holder, 'PUT', '/api/v1/doctors/me/profile', readded)).statusCode).toBe(422);

    const restored = await patch(entry.id, { retired: false });
    expect(restored.json()).toEqual({ id: entry.id, name: entry.name, retired: false });
    expect(await publicCatalog()).toContainEqual({ id: entry.id, name: entry.name });
    expect((await call(holder, 'PUT', '/api/v1/doctors/me/profile', readded)).statusCode).toBe(200);
    expect(await auditOf('SpecializationRetired', entry.id)).toHaveLength(1);
    expect(await auditOf('SpecializationRestored', entry.id)).toHaveLength(1);
    // Sending the state it is already in changes nothing and records nothing.
    expect((await patch(entry.id, { retired: false, name: entry.name })).statusCode).toBe(200);
    expect(await auditOf('SpecializationRestored', entry.id)).toHaveLength(1);
  });
});
