/**
 * Booking end to end at 20 concurrent clients: from POST /api/v1/appointments to the appointments
 * read model showing the booking confirmed, through the whole platform (slot reservation under
 * the doctor's lock, update-with-start of the appointment workflow, the checkout the worker opens,
 * payment at the local test checkout, its signed webhook, the signal, the events, the projector).
 * Against the bare Temporal round trip (update-with-start running one activity), measured on the
 * same server in the same run: the ratio is what Consulta adds to Temporal's own floor.
 *
 * Slots are read from the public API before the clock starts and spread round-robin over the
 * demo doctors, none overlapping another, so no booking loses a race: a 409 here is a bug.
 */
import { randomUUID } from 'node:crypto';
import { issueAccessToken } from '../api/auth/tokens.js';
import { DEMO_DOCTOR_COUNT, demoDoctorId } from '../scripts/lib/seed-doctors.js';
import {
  approveCheckout,
  call,
  freeSlotsOf,
  interleave,
  signUpPatient,
  waitForDoctor,
  type Caller,
  type PublicDoctor,
  type Slot,
} from './booking-clients.js';
import type { BookingPlatform } from './booking-platform.js';
import { watchConfirmations, type Confirmations } from './confirmations.js';
import { measure, type Measurement } from './measure.js';
import { benchTemporalRoundTrip, startRoundTripWorker } from './temporal-roundtrip.js';

const DAY_MS = 86_400_000;
const FREE_SERVICE = 'Free follow-up (30 min)';
/** The API's one address for set-up requests; each booking client has its own. */
const SETUP: Caller = { address: '10.255.0.1' };

/** A doctor's service and method, to be booked at some slot. */
type SlotOf = Omit<Slot, 'startsAt'>;

interface Booked {
  readonly id: string;
  readonly next: 'pay' | 'confirmed' | null;
  readonly checkoutUrl: string | null;
}

export async function benchBooking(
  platform: BookingPlatform,
  options: {
    bookings: number;
    freeBookings: number;
    roundTrips: number;
    concurrency: number;
    log: (line: string) => void;
  },
): Promise<Measurement[]> {
  const { apiUrl } = platform;
  const { log, concurrency } = options;
  const doctors = await Promise.all(
    Array.from({ length: DEMO_DOCTOR_COUNT }, (_, index) => waitForDoctor(apiUrl, SETUP, demoDoctorId(index))),
  );
  log(`  ${doctors.length} demo doctors published; each adds a free service`);
  const paid = doctors.map(paidService);
  const free = await Promise.all(doctors.map((doctor) => addFreeService(platform, doctor)));
  await Promise.all(
    free.map(({ doctorId, serviceId }) =>
      waitForDoctor(apiUrl, SETUP, doctorId, (doctor) => doctor.services.some((s) => s.id === serviceId)),
    ),
  );
  const patients = await Promise.all(
    Array.from({ length: concurrency }, (_, client) =>
      signUpPatient(apiUrl, `10.0.${Math.floor(client / 250)}.${(client % 250) + 1}`),
    ),
  );
  log(`  ${patients.length} patients signed up`);

  const baselineWorker = await startRoundTripWorker(platform.temporal);
  const confirmations = await watchConfirmations(platform.databaseUrl, platform.pool);
  try {
    log(`  baseline: ${options.roundTrips} Temporal round trips`);
    const baseline = await benchTemporalRoundTrip(platform.temporal.client, baselineWorker.taskQueue, {
      count: options.roundTrips,
      concurrency,
    });
    const results = [baseline];
    const run = async (name: string, count: number, services: readonly SlotOf[]) => {
      // One booking per client first (not measured), then the measured ones.
      const slots = await slotsFor(apiUrl, services, count + concurrency);
      log(`  ${name}: ${count} bookings over ${new Set(slots.map((s) => s.doctorId)).size} doctors`);
      let phases: Phases[] = [];
      const book = async (client: number) => {
        phases.push(await bookAndWait(apiUrl, patients[client]!, slots.shift()!, confirmations));
      };
      await measure('warm-up', { appends: concurrency, concurrency }, book);
      phases = [];
      results.push(await measure(name, { appends: count, concurrency }, book));
      log(`    where the time goes (p50): ${describePhases(phases)}`);
    };
    await run('booking: POST → test checkout paid → confirmed', options.bookings, paid);
    if (options.freeBookings > 0) await run('booking: free service, POST → confirmed', options.freeBookings, free);
    return results;
  } finally {
    await confirmations.stop();
    await baselineWorker.stop();
  }
}

/** Milliseconds of each step of one booking. */
interface Phases {
  readonly post: number;
  readonly pay: number;
  readonly readModel: number;
}

/** One booking as a patient makes it: book, pay at the checkout it answered with, see it confirmed. */
async function bookAndWait(apiUrl: string, patient: Caller, slot: Slot, confirmations: Confirmations): Promise<Phases> {
  const t0 = performance.now();
  const { body: booked } = await call<Booked>(`${apiUrl}/api/v1/appointments`, patient, {
    method: 'POST',
    body: { doctorId: slot.doctorId, serviceId: slot.serviceId, method: slot.method, startsAt: slot.startsAt },
    expect: [201],
  });
  const t1 = performance.now();
  if (booked.next === 'pay') {
    if (!booked.checkoutUrl) throw new Error(`booking ${booked.id} asks for payment without a checkoutUrl`);
    await approveCheckout(booked.checkoutUrl, patient);
  } else if (booked.next !== 'confirmed') {
    throw new Error(`booking ${booked.id} answered next: ${booked.next}`);
  }
  const t2 = performance.now();
  await confirmations.confirmed(booked.id);
  return { post: t1 - t0, pay: t2 - t1, readModel: performance.now() - t2 };
}

function describePhases(phases: readonly Phases[]): string {
  const p50 = (key: keyof Phases) => {
    const sorted = phases.map((p) => p[key]).sort((a, b) => a - b);
    return `${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms`;
  };
  const paid = phases.some((p) => p.pay > 0) ? `, checkout page + Approve ${p50('pay')}` : '';
  return `POST ${p50('post')}${paid}, then read model ${p50('readModel')}`;
}

/** The doctor adds a service with no fee, through the API as they would from their practice page. */
async function addFreeService(platform: BookingPlatform, doctor: PublicDoctor): Promise<SlotOf> {
  const { token } = await issueAccessToken(platform.masterKey, {
    kind: 'account',
    accountId: doctor.id,
    roles: ['doctor'],
    mfa: true,
    sessionId: randomUUID(),
  });
  const [first] = doctor.methods;
  if (!first) throw new Error(`demo doctor ${doctor.id} offers no consultation method`);
  const { body } = await call<{ service: { id: string } }>(
    `${platform.apiUrl}/api/v1/doctors/me/services`,
    { ...SETUP, token },
    {
      method: 'POST',
      body: {
        name: FREE_SERVICE,
        durationMinutes: 30,
        methods: [first.method],
        feeOverride: { amountMinor: 0, currency: first.fee.currency },
      },
      expect: [201],
    },
  );
  return { doctorId: doctor.id, serviceId: body.service.id, method: first.method };
}

/** The demo practice's first service (30 minutes), priced by its method. */
function paidService(doctor: PublicDoctor): SlotOf {
  const service = doctor.services.find((s) => s.name !== FREE_SERVICE && s.feeOverride?.amountMinor !== 0);
  if (!service?.methods[0]) throw new Error(`demo doctor ${doctor.id} has no paid service`);
  return { doctorId: doctor.id, serviceId: service.id, method: service.methods[0] };
}

/**
 * Free, non-overlapping slots of each doctor's service from two days ahead (no reminder is due
 * during the run), waiting for a service the projector has not published yet.
 */
async function slotsFor(apiUrl: string, services: readonly SlotOf[], needed: number): Promise<Slot[]> {
  const from = new Date(Date.now() + 2 * DAY_MS);
  const to = new Date(from.getTime() + 28 * DAY_MS);
  const lists = await Promise.all(services.map((service) => freeSlotsOf(apiUrl, SETUP, service, { from, to })));
  const slots = interleave(lists);
  if (slots.length < needed) throw new Error(`only ${slots.length} free slots for ${needed} bookings`);
  return slots.slice(0, needed);
}
