/**
 * Doctor search at 10,000 verified doctors and 50 concurrent HTTP clients, against the bare
 * minimum the same stack can answer: a Fastify route doing `SELECT 1` on the same pool. The ratio
 * shows what search costs (trigram matching, filters, live next-slot computation for each hit),
 * including the live-slot searches (sort=next_available, availableOn) over every doctor at once.
 *
 * Rows are written with the projection's own writer, from practices the demo seed would create,
 * so the search runs over exactly what the projector produces; each doctor gets an account with the
 * doctor role, which search checks live. The app holds the search routes
 * only: the full app's per-client rate limit would throttle a benchmark from one address.
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { insertAccount, insertRole } from '../api/auth/accounts.js';
import type { ApiDeps } from '../api/deps.js';
import { doctorSearchRoutes } from '../api/rest/doctor-search.js';
import {
  decideDoctorPractice,
  evolveDoctorPractice,
  initialDoctorPractice,
  type DoctorCommand,
} from '../domain/doctor/index.js';
import { writeSearchRow } from '../projections/doctors/doctors-projection.js';
import { emptySearchRow } from '../projections/doctors/doctor-rows.js';
import { demoPracticeCommands } from '../scripts/lib/seed-doctors.js';
import { measure, type Measurement } from './measure.js';

const NAMESPACE = '9d1c4e27-6a3b-4f05-8e92-1b7c3d5a6f40';
const FIRST = [
  'Ana',
  'Priya',
  'João',
  'Emily',
  'Amina',
  'Lucas',
  'Tendai',
  'Arjun',
  'Inês',
  'Marcus',
  'Wanjiru',
  'Beatriz',
  'Celso',
  'Kavya',
  'Rui',
  'Sofia',
  'Otieno',
  'Camila',
  'Nádia',
  'Rohan',
  'Marta',
  'Daniel',
  'Zawadi',
  'Gabriel',
  'Helena',
  'Ananya',
  'Tiago',
  'Rachel',
  'Baraka',
  'Larissa',
  'Eduardo',
  'Meera',
];
const LAST = [
  'Macuácua',
  'Raman',
  'Ferreira',
  'Carter',
  'Njoroge',
  'Oliveira',
  'Sitoe',
  'Mehta',
  'Carvalho',
  'Bell',
  'Kamau',
  'Santos',
  'Mondlane',
  'Iyer',
  'Almeida',
  'Ramirez',
  'Ochieng',
  'Rocha',
  'Chissano',
  'Das',
  'Sousa',
  'Kim',
  'Mwangi',
  'Lima',
  'Cossa',
  'Bose',
  'Mendes',
  'Green',
  'Otieno',
  'Costa',
  'Tembe',
  'Pillai',
  'Nkosi',
  'Patel',
];
const QUERIES = [
  'cardiology',
  'cardiolgy',
  'paediatrics',
  'dermatolgy maputo',
  'ana',
  'silva',
  'psychiatry lisboa',
  'general practice',
  'kamau',
  'neurology kolkata',
  'nutrition',
  'mehta',
];

export async function loadDoctors(pool: pg.Pool, count: number, log: (line: string) => void): Promise<void> {
  const now = new Date().toISOString();
  const client = await pool.connect();
  try {
    for (let start = 0; start < count; start += 500) {
      await client.query('BEGIN');
      for (let index = start; index < Math.min(count, start + 500); index += 1) {
        const doctorId = uuidv5(`bench-doctor-${index}`, NAMESPACE);
        const commands = demoPracticeCommands(index % 32 || 32, now).map((command) => rename(command, doctorId, index));
        const practice = commands.reduce(
          (state, command) => decideDoctorPractice(command, state).reduce(evolveDoctorPractice, state),
          initialDoctorPractice,
        );
        await writeSearchRow(client, {
          ...emptySearchRow(doctorId, now),
          practice,
          verificationStatus: 'verified',
          verifiedAt: now,
          practiceRevision: commands.length - 1,
          verificationRevision: 2,
        });
        const at = new Date(now);
        if (await insertAccount(client, { id: doctorId, email: `bench-doctor-${index}@example.test`, createdAt: at }))
          await insertRole(client, { accountId: doctorId, role: 'doctor', grantedBy: null, at });
      }
      await client.query('COMMIT');
      log(`  loaded ${Math.min(count, start + 500)}/${count} doctors`);
    }
    await client.query('ANALYZE doctor_search; ANALYZE doctor_fees; ANALYZE accounts; ANALYZE account_roles');
  } finally {
    client.release();
  }
}

/** A demo practice under another id and name, so 10,000 doctors do not share 32 names. */
function rename(command: DoctorCommand, doctorId: string, index: number): DoctorCommand {
  if (command.type === 'UpdateProfile') {
    const displayName = `Dr. ${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}`;
    return { ...command, doctorId, profile: { ...command.profile, displayName } };
  }
  if (command.type === 'AddService')
    return { ...command, doctorId, serviceId: uuidv5(`${doctorId}/${command.serviceId}`, NAMESPACE) };
  return { ...command, doctorId };
}

export async function benchDoctorSearch(
  pool: pg.Pool,
  options: { doctors: number; requests: number; concurrency: number; log: (line: string) => void },
): Promise<Measurement[]> {
  await loadDoctors(pool, options.doctors, options.log);
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get('/bench/select1', async () => {
    await pool.query('SELECT 1');
    return { ok: true };
  });
  await app.register(doctorSearchRoutes({ pool } as unknown as ApiDeps));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const get = async (path: string) => {
      const response = await fetch(`${url}${path}`);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const run = { appends: options.requests, concurrency: options.concurrency };
    let i = 0;
    const baseline = await measure('baseline: Fastify route, SELECT 1', run, () => get('/bench/select1'));
    const search = await measure(`GET /api/v1/doctors?q=… (${options.doctors} doctors)`, run, () =>
      get(`/api/v1/doctors?q=${encodeURIComponent(QUERIES[(i += 1) % QUERIES.length]!)}`),
    );
    const filtered = await measure('… &language=en&currency=USD&maxFee=20000', run, () =>
      get(
        `/api/v1/doctors?q=${encodeURIComponent(QUERIES[(i += 1) % QUERIES.length]!)}&language=en&currency=USD&maxFee=20000`,
      ),
    );
    // Live-slot work: every verified doctor matches these (no free text), the worst case for the cap.
    const soonest = await measure('GET /api/v1/doctors?sort=next_available', run, () =>
      get('/api/v1/doctors?sort=next_available'),
    );
    const soonestText = await measure('… ?q=…&sort=next_available', run, () =>
      get(`/api/v1/doctors?q=${encodeURIComponent(QUERIES[(i += 1) % QUERIES.length]!)}&sort=next_available`),
    );
    // A working day most doctors have slots on, and a Sunday few do (the sparse-page path).
    const results = [baseline, search, filtered, soonest, soonestText];
    for (const weekday of [2, 0]) {
      const date = nextDate(weekday);
      const zone = 'America/New_York';
      results.push(
        await measure(`… ?availableOn=${date}&timeZone=${zone}`, run, () =>
          get(`/api/v1/doctors?availableOn=${date}&timeZone=${encodeURIComponent(zone)}`),
        ),
      );
    }
    return results;
  } finally {
    await app.close();
  }
}

/** The next calendar date (UTC, at least two days ahead) falling on `weekday` (0 = Sunday). */
function nextDate(weekday: number): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  while (day.getUTCDay() !== weekday) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
