/**
 * Killing the worker process (SIGKILL, no goodbye) while appointments are in flight loses nothing:
 * a new worker picks the workflows up, timers that fired meanwhile still act, and no event is
 * recorded twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { appointmentStreamId, appointmentWorkflowId } from '../domain/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import { createEventStore } from '../eventstore/index.js';
import {
  admitUpdate,
  cancelUpdate,
  checkInUpdate,
  endUpdate,
  paymentSettledSignal,
  prescribeUpdate,
  requestedUpdate,
  reviewUpdate,
  viewQuery,
} from '../workflows/appointment.messages.js';
import type { appointmentWorkflow } from '../workflows/appointment.workflow.js';
import { anAppointmentWorkflowInput } from './fixtures/appointments.js';
import { TEST_MASTER_KEY } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { approveLocalCheckout } from './support/local-checkout.js';
import { connectTestTemporal, eventually, type TestTemporal } from './support/temporal.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let db: TestDatabase;
let store: EventStore;
let temporal: TestTemporal;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  db = await createTestDatabase();
  store = createEventStore({ kind: 'postgres', pool: db.pool });
  temporal = await connectTestTemporal();
});
afterEach(() => {
  for (const worker of workers) worker.kill('SIGKILL');
  workers.clear();
});
afterAll(async () => {
  await temporal?.close();
  await store?.close();
  await db?.close();
});

/** The real `npm run worker` entry point in its own process. */
async function spawnWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: temporal.taskQueue,
      EVENT_STORE: 'postgres',
      // The worker derives its local adapters' keys from it; without it one would be written to .data/.
      CONSULTA_MASTER_KEY: TEST_MASTER_KEY.toString('base64'),
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // Generous: starting a worker process (tsx, bundle load) is slow on a loaded 2-core machine.
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function startAppointment(paymentTimeoutMs: number) {
  const appointmentId = randomUUID();
  const handle = await temporal.client.workflow.start<typeof appointmentWorkflow>('appointmentWorkflow', {
    workflowId: appointmentWorkflowId(appointmentId),
    taskQueue: temporal.taskQueue,
    args: [anAppointmentWorkflowInput({ appointmentId, timings: { paymentTimeoutMs } })],
  });
  return { appointmentId, handle };
}

async function expectEachEventOnce(appointmentId: string, types: string[]): Promise<void> {
  const events = await store.readStream(appointmentStreamId(appointmentId));
  expect(events.map((e) => e.type)).toEqual(types);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE stream_id = $1', [
    appointmentStreamId(appointmentId),
  ]);
  expect(Number(rows[0]?.n)).toBe(types.length);
}

describe('worker crash and restart', () => {
  it('fires a payment timeout that fell due while no worker was running', async () => {
    const first = await spawnWorker();
    const { appointmentId, handle } = await startAppointment(3_000);
    await handle.executeUpdate(requestedUpdate);
    await kill(first);
    await new Promise((resolve) => setTimeout(resolve, 3_500)); // the timer fires with nobody to run it
    await spawnWorker();
    expect(await handle.result()).toMatchObject({ status: 'cancelled', revision: 2 });
    await expectEachEventOnce(appointmentId, ['AppointmentRequested', 'PaymentRequested', 'AppointmentCancelled']);
  }, 180_000);

  it('completes an Update sent just before the worker died', async () => {
    const first = await spawnWorker();
    const { appointmentId, handle } = await startAppointment(600_000);
    await handle.executeUpdate(requestedUpdate);
    const cancelling = handle.executeUpdate(cancelUpdate, { args: [{ by: 'admin', reason: 'other' }] });
    await kill(first);
    await spawnWorker();
    expect(await cancelling).toMatchObject({ status: 'cancelled' });
    expect(await handle.query(viewQuery)).toMatchObject({ status: 'cancelled', revision: 2 });
    await expectEachEventOnce(appointmentId, ['AppointmentRequested', 'PaymentRequested', 'AppointmentCancelled']);
  }, 180_000);

  it('lives the whole lifecycle with the worker killed between its stages, recording each event once', async () => {
    let worker = await spawnWorker();
    const appointmentId = randomUUID();
    const startsAt = Date.now() + 30_000;
    const input = anAppointmentWorkflowInput({
      appointmentId,
      terms: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 60_000).toISOString() },
      timings: {
        joinWindowMs: 60_000,
        noShowGraceMs: 120_000,
        sessionGraceMs: 60_000,
        reviewWindowMs: 600_000,
        reminderOffsetsMs: [],
      },
    });
    const handle = await temporal.client.workflow.start<typeof appointmentWorkflow>('appointmentWorkflow', {
      workflowId: appointmentWorkflowId(appointmentId),
      taskQueue: temporal.taskQueue,
      args: [input],
    });
    await handle.executeUpdate(requestedUpdate);
    const restart = async () => {
      await kill(worker);
      worker = await spawnWorker();
    };
    const requested = (await store.readStream(appointmentStreamId(appointmentId))).find(
      (e) => e.type === 'PaymentRequested',
    );
    const paymentId = String(requested?.data.paymentId);
    await handle.signal(paymentSettledSignal, {
      paymentId,
      providerEventId: await approveLocalCheckout(db.pool, paymentId),
      outcome: 'succeeded',
      amount: input.terms.fee,
    });
    await eventually(async () => ((await handle.query(viewQuery)).status === 'confirmed' ? true : undefined));
    await restart();
    await handle.executeUpdate(checkInUpdate);
    await handle.executeUpdate(admitUpdate);
    await restart();
    await handle.executeUpdate(endUpdate);
    await handle.executeUpdate(prescribeUpdate, {
      args: [{ prescriptionId: randomUUID(), sealedPrescription: 'sealed-in-test', medicineCount: 1 }],
    });
    await handle.executeUpdate(reviewUpdate, { args: [{ rating: 5, sealedComment: null }] });
    expect(await handle.result()).toMatchObject({ status: 'reviewed' });
    await expectEachEventOnce(appointmentId, [
      'AppointmentRequested',
      'PaymentRequested',
      'PaymentReceived',
      'AppointmentConfirmed',
      'PatientCheckedIn',
      'ConsultationStarted',
      'ConsultationEnded',
      'PrescriptionIssued',
      'ReviewSubmitted',
    ]);
  }, 180_000);
});
