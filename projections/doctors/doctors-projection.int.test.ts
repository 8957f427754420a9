/** The doctors read models: a rebuild from zero gives the same rows as the live projector. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenPractice, givenVerifiedDoctor } from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { readCheckpoint } from '../checkpoints.js';
import { rebuildProjection } from '../runner.js';
import { doctorsProjection } from './doctors-projection.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function snapshot() {
  const query = async (sql: string) => (await platform.db.pool.query(sql)).rows;
  return {
    search: await query('SELECT * FROM doctor_search ORDER BY doctor_id'),
    fees: await query('SELECT * FROM doctor_fees ORDER BY doctor_id, method'),
    applications: await query('SELECT * FROM doctor_applications ORDER BY doctor_id'),
  };
}

const caughtUp = () =>
  eventually(
    async () =>
      (await readCheckpoint(platform.db.pool, 'doctors')) === (await platform.eventStore.headPosition())
        ? true
        : undefined,
    20_000,
    'the doctors projection to reach the head of the log',
  );

describe('doctors projection', () => {
  it('folds practice and verification streams, and a rebuild from zero gives the same rows', async () => {
    const verified = await givenVerifiedDoctor(platform.app, { profile: { displayName: 'Dr. Rebuild Macuácua' } });
    const pending = await givenPractice(platform.app, { online: false });
    await caughtUp();
    const live = await snapshot();
    expect(live.search).toHaveLength(2);
    const row = live.search.find((r) => r.doctor_id === verified.accountId);
    expect(row).toMatchObject({
      verification_status: 'verified',
      online: true,
      language_keys: ['pt-mz', 'pt', 'en'],
      methods: ['video', 'chat'],
    });
    expect(row?.search_text).toContain('dr. rebuild macuacua'); // accents stripped for matching
    expect(row?.search_text).toContain('general practice');
    expect(live.search.find((r) => r.doctor_id === pending.accountId)).toMatchObject({ verification_status: 'none' });
    expect(live.fees).toHaveLength(4);
    expect(live.applications).toEqual([expect.objectContaining({ doctor_id: verified.accountId, status: 'verified' })]);

    const result = await rebuildProjection(doctorsProjection, { ...platform, pool: platform.db.pool, batchSize: 3 });
    expect(result.events).toBeGreaterThan(10);
    expect(await snapshot()).toEqual(live);
  });
});
