/**
 * The booking lifecycle's read models (appointments, prescriptions, reviews, payments ledger) fed
 * from histories appended straight to the PostgreSQL event store: the live projector and a rebuild
 * from zero give the same rows, even when the rebuild runs while events keep arriving, and
 * changes are announced to listeners only once committed.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataCipher } from '../../api/patients/personal-data.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { createEventStore } from '../../eventstore/index.js';
import { startProjector, type Stoppable } from '../../scripts/lib/services.js';
import { anAppointment, eventsOf, type AppointmentFacts } from '../../tests/fixtures/appointment-events.js';
import { aMedicine, aPrescription } from '../../tests/fixtures/prescriptions.js';
import {
  appendAppointmentEvents,
  LIFECYCLE_PROJECTIONS,
  projectionsCaughtUp,
  sealFor,
} from '../../tests/support/appointment-history.js';
import { TEST_MASTER_KEY } from '../../tests/support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { eventually } from '../../tests/support/temporal.js';
import { readCheckpoint } from '../checkpoints.js';
import { rebuildProjection } from '../runner.js';
import { projectionsFor } from '../../scripts/lib/projections.js';
import { APPOINTMENT_CHANGED_CHANNEL, appointmentsProjection } from './appointments-projection.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TABLES = [
  'appointments',
  'prescriptions',
  'prescription_parties',
  'reviews',
  'review_parties',
  'doctor_ratings',
  'payments_ledger',
];
const PRESCRIPTION = aPrescription({
  medicines: [
    aMedicine(),
    aMedicine({
      medicine: 'Paracetamol 500 mg tablet',
      dose: '2 tablets',
      frequency: 'every 6 hours',
      duration: '3 days',
    }),
  ],
  notes: 'Drink plenty of water.',
});

let db: TestDatabase;
let eventStore: EventStore;
let projector: Stoppable;
beforeAll(async () => {
  db = await createTestDatabase();
  eventStore = createEventStore({ kind: 'postgres', pool: db.pool });
  projector = startProjector({ pool: db.pool, eventStore, masterKey: TEST_MASTER_KEY });
});
afterAll(async () => {
  await projector?.stop();
  await eventStore?.close();
  await db?.close();
});

async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const { rows } = await db.pool.query(`SELECT * FROM ${table} ORDER BY 1`);
    result[table] = rows;
  }
  const { rows } = await db.pool.query('SELECT doctor_id, rating, review_count FROM doctor_search ORDER BY 1');
  result.doctor_search = rows;
  return result;
}

const caughtUp = () => projectionsCaughtUp(db.pool, eventStore, LIFECYCLE_PROJECTIONS);

/** A consultation from booking to review, with a sealed prescription and review comment. */
async function consultation(facts: AppointmentFacts, rating: number, comment: string | null): Promise<void> {
  const e = eventsOf(facts);
  await appendAppointmentEvents(eventStore, facts.appointmentId, [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.reminderSent(),
    e.checkedIn(),
    e.consultationStarted(),
    e.prescriptionIssued(await sealFor(db.pool, facts.patientId, PRESCRIPTION), 2),
    e.consultationEnded(),
    e.reviewSubmitted(rating, comment === null ? null : await sealFor(db.pool, facts.patientId, comment)),
  ]);
}

/** Paid, then cancelled by the patient late enough to get half back, and refunded. */
async function cancelledAndRefunded(facts: AppointmentFacts): Promise<void> {
  const e = eventsOf(facts);
  const half = { amountMinor: facts.fee.amountMinor / 2, currency: facts.fee.currency };
  await appendAppointmentEvents(eventStore, facts.appointmentId, [
    e.requested(),
    e.paymentRequested(),
    e.paymentReceived(),
    e.confirmed(),
    e.cancelled('patient', half),
    e.refundIssued(half),
  ]);
}

describe('the booking lifecycle read models', () => {
  const doctorId = randomUUID();
  const reviewed = anAppointment({ doctorId });
  const refunded = anAppointment({ doctorId });

  it('fold a whole consultation and a refunded cancellation into every read model', async () => {
    await consultation(reviewed, 5, 'Very attentive, explained everything.');
    await cancelledAndRefunded(refunded);
    await caughtUp();

    const { rows: appointments } = await db.pool.query<Record<string, unknown>>(
      'SELECT id, status, final, booked_by, service_name, fee_amount_minor, paid_amount_minor, refunded_amount_minor, ' +
        'refund_owed_minor, reminders_sent, checked_in_at, room_id, prescription_id, medicine_count, review_rating, ' +
        'closed_at, stream_revision FROM appointments ORDER BY stream_revision DESC',
    );
    expect(appointments).toEqual([
      expect.objectContaining({
        id: reviewed.appointmentId,
        status: 'reviewed',
        final: true,
        booked_by: reviewed.patientId,
        service_name: 'General consultation (30 min)',
        fee_amount_minor: '150000',
        paid_amount_minor: '150000',
        refunded_amount_minor: '0',
        refund_owed_minor: null,
        reminders_sent: 1,
        checked_in_at: expect.any(Date),
        room_id: expect.stringMatching(/^room_/),
        prescription_id: expect.any(String),
        medicine_count: 2,
        review_rating: 5,
        closed_at: expect.any(Date),
        stream_revision: '9',
      }),
      expect.objectContaining({
        id: refunded.appointmentId,
        status: 'refunded',
        final: true,
        paid_amount_minor: '150000',
        refunded_amount_minor: '75000',
        refund_owed_minor: null,
        stream_revision: '5',
      }),
    ]);

    const { rows: prescriptions } = await db.pool.query('SELECT * FROM prescriptions');
    expect(prescriptions).toEqual([
      expect.objectContaining({
        appointment_id: reviewed.appointmentId,
        patient_id: reviewed.patientId,
        doctor_id: doctorId,
        medicine_count: 2,
        content: PRESCRIPTION,
      }),
    ]);

    const { rows: reviews } = await db.pool.query(
      'SELECT appointment_id, doctor_id, patient_id, rating, comment FROM reviews',
    );
    expect(reviews).toEqual([
      {
        appointment_id: reviewed.appointmentId,
        doctor_id: doctorId,
        patient_id: reviewed.patientId,
        rating: 5,
        comment: 'Very attentive, explained everything.',
      },
    ]);
    // No doctor events at all here: the rating waits in a bare search row for the practice to arrive.
    const { rows: search } = await db.pool.query(
      'SELECT rating, review_count, verification_status FROM doctor_search WHERE doctor_id = $1',
      [doctorId],
    );
    expect(search).toEqual([{ rating: '5.00', review_count: 1, verification_status: 'none' }]);

    const { rows: ledger } = await db.pool.query(
      'SELECT appointment_id, kind, amount_minor, currency, reason FROM payments_ledger ORDER BY position',
    );
    expect(ledger).toEqual([
      {
        appointment_id: reviewed.appointmentId,
        kind: 'payment',
        amount_minor: '150000',
        currency: 'MZN',
        reason: null,
      },
      {
        appointment_id: refunded.appointmentId,
        kind: 'payment',
        amount_minor: '150000',
        currency: 'MZN',
        reason: null,
      },
      {
        appointment_id: refunded.appointmentId,
        kind: 'refund',
        amount_minor: '-75000',
        currency: 'MZN',
        reason: 'cancellation',
      },
    ]);
  });

  it('averages the doctor’s rating over their reviews, and counts each appointment’s review once', async () => {
    const second = anAppointment({ doctorId });
    await consultation(second, 4, null);
    await caughtUp();
    const { rows } = await db.pool.query('SELECT rating, review_count FROM doctor_search WHERE doctor_id = $1', [
      doctorId,
    ]);
    expect(rows).toEqual([{ rating: '4.50', review_count: 2 }]);
    const { rows: reviews } = await db.pool.query('SELECT comment FROM reviews WHERE appointment_id = $1', [
      second.appointmentId,
    ]);
    expect(reviews).toEqual([{ comment: null }]);
  });

  it('gives the same rows after a rebuild from zero as the live projector did', async () => {
    await caughtUp();
    const live = await snapshot();
    const progress: bigint[] = [];
    for (const projection of projectionsFor(TEST_MASTER_KEY).filter((p) =>
      (LIFECYCLE_PROJECTIONS as readonly string[]).includes(p.name),
    )) {
      const result = await rebuildProjection(projection, {
        pool: db.pool,
        eventStore,
        batchSize: 4,
        onProgress: (p) => progress.push(p.position),
      });
      expect(result.position).toBe(await eventStore.headPosition());
    }
    expect(progress.length).toBeGreaterThan(4);
    expect(await snapshot()).toEqual(live);
  });

  it('rebuilds while the live projector runs and histories keep arriving, losing and doubling nothing', async () => {
    const traffic = (async () => {
      for (let i = 0; i < 6; i += 1) {
        const facts = anAppointment({ doctorId });
        if (i % 2 === 0) await cancelledAndRefunded(facts);
        else await consultation(facts, 3 + (i % 3), `Review ${i}`);
      }
    })();
    const rebuilds = Promise.all(
      projectionsFor(TEST_MASTER_KEY)
        .filter((p) => (LIFECYCLE_PROJECTIONS as readonly string[]).includes(p.name))
        .map((projection) => rebuildProjection(projection, { pool: db.pool, eventStore, batchSize: 3 })),
    );
    await Promise.all([traffic, rebuilds]);
    await caughtUp();
    const live = await snapshot();
    for (const projection of projectionsFor(TEST_MASTER_KEY)) {
      if ((LIFECYCLE_PROJECTIONS as readonly string[]).includes(projection.name))
        await rebuildProjection(projection, { pool: db.pool, eventStore });
    }
    expect(await snapshot()).toEqual(live);
    const { rows } = await db.pool.query<{ requested: string; payments: string; reviews: string }>(
      `SELECT count(*) FILTER (WHERE type = 'AppointmentRequested') AS requested,
              count(*) FILTER (WHERE type IN ('PaymentReceived', 'RefundIssued')) AS payments,
              count(*) FILTER (WHERE type = 'ReviewSubmitted') AS reviews FROM events`,
    );
    expect(live.appointments).toHaveLength(Number(rows[0]?.requested));
    expect(live.payments_ledger).toHaveLength(Number(rows[0]?.payments));
    expect(live.reviews).toHaveLength(Number(rows[0]?.reviews));
    const ratings = (live.reviews as Array<{ doctor_id: string; rating: number }>).filter(
      (r) => r.doctor_id === doctorId,
    );
    const average = ratings.reduce((sum, r) => sum + r.rating, 0) / ratings.length;
    expect(live.doctor_search).toContainEqual({
      doctor_id: doctorId,
      rating: average.toFixed(2),
      review_count: ratings.length,
    });
  });

  it('is rebuilt by `npm run projections:rebuild`, which shows its progress', async () => {
    await caughtUp();
    const before = await snapshot();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/projections-rebuild.ts', ...LIFECYCLE_PROJECTIONS],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          EVENT_STORE: 'postgres',
          CONSULTA_MASTER_KEY: TEST_MASTER_KEY.toString('base64'),
        },
      },
    );
    for (const name of LIFECYCLE_PROJECTIONS) {
      expect(stdout).toMatch(new RegExp(`${name} \\[#+\\] 100%`));
      expect(stdout).toMatch(new RegExp(`${name}: \\d+ events replayed`));
    }
    expect(await snapshot()).toEqual(before);
    expect(await readCheckpoint(db.pool, 'appointments')).toBe(await eventStore.headPosition());
  });

  it('reads an erased patient’s prescription and comment as null after a rebuild, keeping the rest', async () => {
    const erased = anAppointment({ doctorId });
    await consultation(erased, 2, 'Too short.');
    await caughtUp();
    await personalKeyDestroyed(erased.patientId);
    for (const projection of projectionsFor(TEST_MASTER_KEY)) {
      if (projection.name === 'prescriptions' || projection.name === 'reviews')
        await rebuildProjection(projection, { pool: db.pool, eventStore });
    }
    const { rows: prescriptions } = await db.pool.query(
      'SELECT content, medicine_count FROM prescriptions WHERE appointment_id = $1',
      [erased.appointmentId],
    );
    expect(prescriptions).toEqual([{ content: null, medicine_count: 2 }]);
    const { rows: reviews } = await db.pool.query('SELECT rating, comment FROM reviews WHERE appointment_id = $1', [
      erased.appointmentId,
    ]);
    expect(reviews).toEqual([{ rating: 2, comment: null }]);
  });

  it('announces a change to listeners when its batch commits, and never one that rolled back', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const heard: Array<{ id: string; status: string; revision: number }> = [];
    listener.on('notification', (message) => heard.push(JSON.parse(message.payload ?? '{}')));
    await listener.query(`LISTEN ${APPOINTMENT_CHANGED_CHANNEL}`);
    try {
      // A batch that fails after applying: its row and its notice both vanish.
      const ghost = anAppointment();
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await appointmentsProjection.apply(client, {
          id: randomUUID(),
          type: 'AppointmentRequested',
          data: eventsOf(ghost).requested().data as never,
          metadata: {},
          streamId: `appointment-${ghost.appointmentId}`,
          revision: 0n,
          position: 1n,
          recordedAt: new Date(),
        });
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }

      const real = anAppointment();
      const e = eventsOf(real);
      await appendAppointmentEvents(eventStore, real.appointmentId, [e.requested(), e.paymentRequested()]);
      await eventually(
        async () => (heard.some((n) => n.id === real.appointmentId && n.revision === 1) ? true : undefined),
        20_000,
        'the committed change to be announced',
      );
      // Notices arrive in commit order: the rolled-back one would have come first.
      expect(heard.filter((n) => n.id === ghost.appointmentId)).toEqual([]);
      expect(heard.filter((n) => n.id === real.appointmentId)).toEqual([
        { id: real.appointmentId, status: 'pending_payment', revision: 0, updatedAt: expect.any(String) },
        { id: real.appointmentId, status: 'pending_payment', revision: 1, updatedAt: expect.any(String) },
      ]);
    } finally {
      await listener.end();
    }
  });
});

async function personalKeyDestroyed(patientId: string): Promise<void> {
  await personalDataCipher(TEST_MASTER_KEY).erase(db.pool, patientId);
}
