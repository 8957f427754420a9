/**
 * Each test file gets a database of its own, migrated from zero, so tests never share rows.
 * The server comes from tests/support/global-setup.ts.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../scripts/lib/postgres-server.js';
import { migrate } from '../../scripts/lib/migrate.js';
import { eventually } from './temporal.js';

export interface TestDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
  /** Ends the pool and drops the database. */
  close(): Promise<void>;
}

export function pgAdminUrl(): string {
  const url = inject('pgAdminUrl');
  if (!url)
    throw new Error('No PostgreSQL for tests: tests/support/global-setup.ts did not run (use the int or e2e project).');
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = pgAdminUrl();
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const pool = new pg.Pool({ connectionString: url.toString(), max: 20 });
  // An idle client whose server connection goes away (a database dropped or terminated under it)
  // is discarded by the pool, which then emits 'error'; unheard, that is an unhandled error that
  // fails the whole run although no test used the client. A query on a live client still throws.
  pool.on('error', () => {});
  return {
    url: url.toString(),
    pool,
    close: async () => {
      await pool.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Waits until exactly `count` sessions of this database wait on a lock (a second attempt queued behind a first). */
export async function lockWaitersReach(pool: pg.Pool, count: number, what: string): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await pool.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return rows[0]?.waiting === count ? true : undefined;
    },
    10_000,
    what,
  );
}
