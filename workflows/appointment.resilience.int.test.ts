/**
 * The appointment workflow when things are not tidy: a notification provider that is down for good,
 * and a command that arrives while the payment it depends on is still being recorded. Real Temporal
 * dev server and PostgreSQL; the only stand-in is the notification provider, which is outside this
 * machine: a port whose every send is refused for good.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { appointmentStreamId, appointmentWorkflowId, type BookingTerms } from '../domain/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import { createEventStore } from '../eventstore/index.js';
import { localEffectPorts } from '../scripts/lib/effect-adapters.js';
import { startWorker, type Stoppable } from '../scripts/lib/services.js';
import { anAppointmentWorkflowInput } from '../tests/fixtures/appointments.js';
import { givenAccount } from '../tests/support/accounts.js';
import { TEST_MASTER_KEY } from '../tests/support/auth.js';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { approveLocalCheckout } from '../tests/support/local-checkout.js';
import { connectTestTemporal, type TestTemporal } from '../tests/support/temporal.js';
import {
  cancelUpdate,
  checkInUpdate,
  paymentSettledSignal,
  requestedUpdate,
  viewQuery,
} from './appointment.messages.js';
import type { appointmentWorkflow } from './appointment.workflow.js';

let db: TestDatabase;
let store: EventStore;
let temporal: TestTemporal;
let worker: Stoppable;
let refusedSends = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createEventStore({ kind: 'postgres', pool: db.pool });
  temporal = await connectTestTemporal();
  const local = localEffectPorts({
    pool: db.pool,
    masterKey: TEST_MASTER_KEY,
    publicWebUrl: 'http://127.0.0.1:5173',
    publicApiUrl: 'http://127.0.0.1:3000',
  });
  worker = await startWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    eventStore: store,
    pool: db.pool,
    masterKey: TEST_MASTER_KEY,
    workflowBundlePath: inject('workflowBundlePath'),
    ports: {
      ...local,
      notifications: {
        send: async () => {
          refusedSends += 1;
          // What the activity sees once the provider's retries are over: a final refusal.
          throw ApplicationFailure.nonRetryable('The message provider refused the message.', 'PROVIDER_REFUSED');
        },
      },
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await temporal?.close();
  await store?.close();
  await db?.close();
});

type Handle = WorkflowHandle<typeof appointmentWorkflow>;

async function start(terms: Partial<BookingTerms> = {}) {
  const input = anAppointmentWorkflowInput({ terms });
  const handle: Handle = await temporal.client.workflow.start('appointmentWorkflow', {
    workflowId: appointmentWorkflowId(input.appointmentId),
    taskQueue: temporal.taskQueue,
    args: [input],
  });
  const view = await handle.executeUpdate(requestedUpdate);
  return { handle, view, id: input.appointmentId };
}

const types = async (id: string) => (await store.readStream(appointmentStreamId(id))).map((e) => e.type);

describe('a notification provider that refuses every message', () => {
  it('loses the messages, not the appointment: it confirms, cancels and completes', async () => {
    const before = refusedSends;
    // Real accounts, so each message has someone to go to.
    const [patient, doctor] = [await givenAccount(db.pool, ['patient']), await givenAccount(db.pool, ['doctor'])];
    const { handle, view, id } = await start({
      patientId: patient.accountId,
      doctorId: doctor.accountId,
      fee: { amountMinor: 0, currency: 'MZN' },
    });
    expect(view.status).toBe('confirmed');

    const cancelled = await handle.executeUpdate(cancelUpdate, {
      args: [{ by: 'doctor', reason: 'doctor_unavailable' }],
    });
    expect(cancelled.status).toBe('cancelled');
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
    expect(await types(id)).toEqual(['AppointmentRequested', 'AppointmentConfirmed', 'AppointmentCancelled']);
    // The confirmation and the cancellation were each tried (to patient and doctor) and refused.
    expect(refusedSends).toBeGreaterThan(before);
  });
});

describe('a command that arrives while the payment is being recorded', () => {
  it('is decided after the payment, not refused as unpaid', async () => {
    // Within the join window, so check-in is allowed as soon as the booking is paid.
    const startsAt = new Date(Date.now() + 5 * 60_000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
    const { handle, id } = await start({ startsAt, endsAt });
    const requested = (await store.readStream(appointmentStreamId(id))).find((e) => e.type === 'PaymentRequested');
    const paymentId = String(requested?.data.paymentId);
    const providerEventId = await approveLocalCheckout(db.pool, paymentId);

    // The signal is accepted first; the check-in follows at once, before the payment is recorded.
    await handle.signal(paymentSettledSignal, {
      paymentId,
      providerEventId,
      outcome: 'succeeded',
      amount: { amountMinor: 150_000, currency: 'MZN' },
    });
    const view = await handle.executeUpdate(checkInUpdate);

    expect(view.status).toBe('waiting');
    expect(await types(id)).toEqual([
      'AppointmentRequested',
      'PaymentRequested',
      'PaymentReceived',
      'AppointmentConfirmed',
      'PatientCheckedIn',
    ]);
    expect((await handle.query(viewQuery)).status).toBe('waiting');
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'doctor', reason: 'doctor_unavailable' }] });
  });
});
