/**
 * `npm run bench`: benchmarks on a throwaway embedded PostgreSQL (or DATABASE_URL), each against a
 * baseline measured in the same run. Figures are machine-dependent; read the ratios.
 * `npm run bench -- booking` runs only the sections named (eventstore, search, booking).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../scripts/lib/config.js';
import { freePort } from '../scripts/lib/free-port.js';
import { migrate } from '../scripts/lib/migrate.js';
import { dropDatabase, ensureDatabase, startPostgres } from '../scripts/lib/postgres-server.js';
import { benchBooking } from './booking.js';
import { startBookingPlatform } from './booking-platform.js';
import { benchDoctorSearch } from './doctor-search.js';
import { benchEventStoreAppend } from './eventstore-append.js';
import type { Measurement } from './measure.js';

const config = loadConfig();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = (section: string) => wanted.length === 0 || wanted.includes(section);
const scratch = mkdtempSync(join(tmpdir(), 'consulta-bench-'));
chmodSync(scratch, 0o755);
const postgres = await startPostgres({
  databaseUrl: config.DATABASE_URL,
  dataDir: join(scratch, 'pg'),
  port: await freePort(),
  persistent: false,
});
const database = `bench_${Date.now()}`;
await ensureDatabase(postgres.adminUrl, database);
await migrate(postgres.urlFor(database));
const pool = new pg.Pool({ connectionString: postgres.urlFor(database), max: 20 });

try {
  if (selected('eventstore')) {
    const appends = Number(process.env.BENCH_APPENDS ?? 3000);
    console.log(`Event store appends: ${appends} operations, 8 concurrent writers`);
    print(await benchEventStoreAppend(pool, { appends, concurrency: 8 }));
  }
  if (selected('search')) {
    const doctors = Number(process.env.BENCH_DOCTORS ?? 10_000);
    const requests = Number(process.env.BENCH_SEARCH_REQUESTS ?? 2000);
    const clients = Number(process.env.BENCH_SEARCH_CLIENTS ?? 50);
    console.log(`\nDoctor search: ${doctors} verified doctors, ${requests} requests, ${clients} concurrent clients`);
    print(await benchDoctorSearch(pool, { doctors, requests, concurrency: clients, log: console.log }));
  }
  const bookings = Number(process.env.BENCH_BOOKINGS ?? 200);
  if (selected('booking') && bookings > 0) {
    const freeBookings = Number(process.env.BENCH_FREE_BOOKINGS ?? 100);
    const roundTrips = Number(process.env.BENCH_ROUNDTRIPS ?? bookings);
    const clients = 20;
    console.log(
      `\nBooking: ${bookings} paid + ${freeBookings} free bookings, ${clients} concurrent clients, ` +
        `POST /api/v1/appointments → read model confirmed; baseline ${roundTrips} Temporal round trips`,
    );
    // A database of its own: the appends above would otherwise be in the projector's way.
    await ensureDatabase(postgres.adminUrl, `${database}_booking`);
    await migrate(postgres.urlFor(`${database}_booking`));
    // Setting the platform up takes longer than measuring it: say when each step ends.
    const since = performance.now();
    const log = (line: string) => console.log(`${line} [${((performance.now() - since) / 1000).toFixed(1)} s]`);
    const platform = await startBookingPlatform({ config, databaseUrl: postgres.urlFor(`${database}_booking`), log });
    try {
      print(await benchBooking(platform, { bookings, freeBookings, roundTrips, concurrency: clients, log }));
    } finally {
      await platform.stop();
    }
  }
} finally {
  await pool.end();
  await dropDatabase(postgres.adminUrl, database).catch(() => {});
  await dropDatabase(postgres.adminUrl, `${database}_booking`).catch(() => {});
  await postgres.stop();
  rmSync(scratch, { recursive: true, force: true });
}

function print(results: Measurement[]): void {
  const [baseline] = results;
  if (!baseline) return;
  console.log(
    '  ' +
      [
        'operation'.padEnd(50),
        'ops/s'.padStart(8),
        'p50 ms'.padStart(8),
        'p95 ms'.padStart(8),
        'vs baseline'.padStart(12),
        'p50 vs base'.padStart(12),
      ].join(' '),
  );
  for (const r of results) {
    const ratio = r === baseline ? '1.00x' : `${(r.perSecond / baseline.perSecond).toFixed(2)}x`;
    const latency = r === baseline ? '1.00x' : `${(r.p50Ms / baseline.p50Ms).toFixed(2)}x`;
    console.log(
      '  ' +
        [
          r.name.padEnd(50),
          r.perSecond.toFixed(0).padStart(8),
          r.p50Ms.toFixed(2).padStart(8),
          r.p95Ms.toFixed(2).padStart(8),
          ratio.padStart(12),
          latency.padStart(12),
        ].join(' '),
    );
  }
}
