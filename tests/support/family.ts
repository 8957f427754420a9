/**
 * The cast of the appointment read tests: a verified doctor; Maria Silva, a patient, with her
 * child Rui Silva in her care; a stranger with no part in either; and an admin. Returned only once
 * the read models know them, so the first request of a test is not a race with the projector.
 */
import { givenAccount } from './accounts.js';
import type { TestActor } from './auth.js';
import { givenVerifiedDoctor } from './doctors.js';
import type { TestPlatform } from './platform.js';
import { eventually } from './temporal.js';

export interface Family {
  readonly doctor: TestActor;
  readonly maria: TestActor;
  /** Rui's patient id: a dependant has no account. */
  readonly rui: string;
  readonly stranger: TestActor;
  readonly admin: TestActor;
}

export async function givenDoctorAndFamily(
  platform: TestPlatform,
  /** YYYY-MM-DD; without them, neither has a date of birth on record. */
  datesOfBirth: { maria?: string; rui?: string } = {},
): Promise<Family> {
  const { pool } = platform.db;
  const send = (actor: TestActor, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    platform.app.inject({ method, url, headers: actor.headers, ...(payload ? { payload } : {}) });

  const doctor = await givenAccount(pool, ['doctor']);
  await givenVerifiedDoctor(platform.app, { actor: doctor });
  const maria = await givenAccount(pool, ['patient']);
  const stranger = await givenAccount(pool, ['patient']);
  const admin = await givenAccount(pool, ['admin']);
  const born = (date: string | undefined) => (date ? { dateOfBirth: date } : {});
  await send(maria, 'PATCH', '/api/v1/me', { name: 'Maria Silva', ...born(datesOfBirth.maria) });
  const added = await send(maria, 'POST', '/api/v1/me/dependants', {
    name: 'Rui Silva',
    relationship: 'child',
    ...born(datesOfBirth.rui),
  });
  const rui = added.json<{ dependantId: string }>().dependantId;
  // The doctor acts as a doctor once verified, the guardian for Rui once the patients read model has him.
  await eventually(
    async () => ((await send(doctor, 'GET', '/api/v1/me/dashboard')).statusCode === 200 ? true : undefined),
    20_000,
    'the doctor to be verified',
  );
  await eventually(
    async () =>
      (await send(maria, 'GET', '/api/v1/me/dependants')).json<{ items: unknown[] }>().items.length === 1
        ? true
        : undefined,
    20_000,
    'the dependant in the patients read model',
  );
  return { doctor, maria, rui, stranger, admin };
}
