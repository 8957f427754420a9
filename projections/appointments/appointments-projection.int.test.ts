/**
 * The appointments read model: the live projector and a rebuild from zero give the same rows,
 * even when the rebuild runs while appointments keep arriving.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { givenAccount } from '../../tests/support/accounts.js';
import { TEST_MASTER_KEY, type TestActor } from '../../tests/support/auth.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { rebuildProjection } from '../runner.js';
import { readCheckpoint } from '../checkpoints.js';
import { appointmentsProjection } from './appointments-projection.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let platform: TestPlatform;
let patient: TestActor;
let doctor: BookableDoctor;
beforeAll(async () => {
  platform = await startTestPlatform();
  patient = await givenAccount(platform.db.pool, ['patient']);
  doctor = await givenBookableDoctor(platform.app);
});
afterAll(async () => platform?.close());

async function book(count: number, cancelEvery = 3): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: doctor.nextRequest(patient.accountId),
      headers: patient.headers,
    });
    const { id } = response.json<{ id: string }>();
    ids.push(id);
    if (i % cancelEvery === 0) {
      await platform.app.inject({
        method: 'POST',
        url: `/api/v1/appointments/${id}/cancel`,
        payload: { reason: 'other' },
        headers: patient.headers,
      });
    }
  }
  return ids;
}

async function rows(): Promise<unknown[]> {
  const { rows } = await platform.db.pool.query('SELECT * FROM appointments ORDER BY id');
  return rows;
}

async function caughtUp(): Promise<void> {
  await eventually(
    async () => {
      const [checkpoint, head] = [
        await readCheckpoint(platform.db.pool, 'appointments'),
        await platform.eventStore.headPosition(),
      ];
      return checkpoint === head ? true : undefined;
    },
    20_000,
    'the projector to reach the head of the log',
  );
}

describe('appointments projection', () => {
  it('gives the same rows after a rebuild from zero as the live projector did', async () => {
    const ids = await book(9);
    await caughtUp();
    const live = await rows();
    expect(live).toHaveLength(9);
    expect(live.filter((row) => (row as { status: string }).status === 'cancelled')).toHaveLength(3);
    expect((live as Array<{ id: string }>).map((row) => row.id).sort()).toEqual([...ids].sort());

    const progress: bigint[] = [];
    const result = await rebuildProjection(appointmentsProjection, {
      ...platform,
      pool: platform.db.pool,
      batchSize: 4,
      onProgress: (p) => progress.push(p.position),
    });
    // The whole log is replayed: 9 requests and 3 cancellations, besides the doctor's own events.
    const { rows: counts } = await platform.db.pool.query<{ total: string; appointments: string }>(
      "SELECT count(*) AS total, count(*) FILTER (WHERE stream_id LIKE 'appointment-%') AS appointments FROM events",
    );
    expect(Number(counts[0]?.appointments)).toBe(12);
    expect(result.events).toBe(Number(counts[0]?.total));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => (a < b ? -1 : 1)));
    expect(await rows()).toEqual(live);
    expect(await readCheckpoint(platform.db.pool, 'appointments')).toBe(await platform.eventStore.headPosition());
  });

  it('rebuilds while the live projector runs and appointments keep arriving, losing and doubling nothing', async () => {
    const traffic = book(8, 2);
    const rebuild = rebuildProjection(appointmentsProjection, { ...platform, pool: platform.db.pool, batchSize: 2 });
    await Promise.all([traffic, rebuild]);
    await caughtUp();
    const live = await rows();
    await rebuildProjection(appointmentsProjection, { ...platform, pool: platform.db.pool });
    expect(await rows()).toEqual(live);
    const { rows: counts } = await platform.db.pool.query<{ n: string }>(
      "SELECT count(DISTINCT stream_id) AS n FROM events WHERE type = 'AppointmentRequested'",
    );
    expect(live).toHaveLength(Number(counts[0]?.n));
  });

  it('is rebuilt by `npm run projections:rebuild`, which shows its progress', async () => {
    await caughtUp();
    const before = await rows();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/projections-rebuild.ts', 'appointments'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: platform.db.url,
          EVENT_STORE: 'postgres',
          CONSULTA_MASTER_KEY: TEST_MASTER_KEY.toString('base64'),
        },
      },
    );
    expect(stdout).toMatch(/appointments \[#+\] 100%/);
    expect(stdout).toMatch(/appointments: \d+ events replayed/);
    expect(await rows()).toEqual(before);
  });
});
