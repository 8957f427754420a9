/** The appointment workflow on the real Temporal dev server, writing to the PostgreSQL event store. */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStreamId, appointmentWorkflowId } from '../domain/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import { createEventStore } from '../eventstore/index.js';
import type { Stoppable } from '../scripts/lib/services.js';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { connectTestTemporal, startTestWorker, type TestTemporal } from '../tests/support/temporal.js';
import { anAppointmentRequest } from '../tests/fixtures/appointments.js';
import { appointmentWorkflow } from './appointment.workflow.js';
import { cancelUpdate, requestedUpdate, viewQuery } from './appointment.messages.js';

let db: TestDatabase;
let store: EventStore;
let temporal: TestTemporal;
let worker: Stoppable;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createEventStore({ kind: 'postgres', pool: db.pool });
  temporal = await connectTestTemporal();
  worker = await startTestWorker(temporal, store, db.pool);
});
afterAll(async () => {
  await worker?.stop();
  await temporal?.close();
  await store?.close();
  await db?.close();
});

function start(paymentTimeoutMs = 60_000) {
  const appointmentId = randomUUID();
  const request = anAppointmentRequest();
  return temporal.client.workflow
    .start(appointmentWorkflow, {
      workflowId: appointmentWorkflowId(appointmentId),
      taskQueue: temporal.taskQueue,
      args: [{ appointmentId, request, paymentTimeoutMs }],
    })
    .then((handle) => ({ handle, appointmentId, request }));
}

describe('appointment workflow', () => {
  it('records AppointmentRequested once, with a deterministic id, and exposes its state by query', async () => {
    const { handle, appointmentId, request } = await start();
    const view = await handle.executeUpdate(requestedUpdate);
    expect(view).toMatchObject({ appointmentId, status: 'pending_payment', revision: 0 });
    const events = await store.readStream(appointmentStreamId(appointmentId));
    expect(events.map((e) => e.type)).toEqual(['AppointmentRequested']);
    expect(events[0]?.data).toMatchObject({ ...request, appointmentId });
    expect(events[0]?.metadata).toMatchObject({ workflowId: appointmentWorkflowId(appointmentId) });
    expect(await handle.query(viewQuery)).toEqual(view);
  });

  it('cancels through a validated Update and completes', async () => {
    const { handle, appointmentId } = await start();
    await handle.executeUpdate(requestedUpdate);
    const view = await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'scheduling_conflict' }] });
    expect(view.status).toBe('cancelled');
    expect(await handle.result()).toMatchObject({ status: 'cancelled', revision: 1 });
    const events = await store.readStream(appointmentStreamId(appointmentId));
    expect(events.map((e) => [e.type, e.data.cancelledBy ?? null])).toEqual([
      ['AppointmentRequested', null],
      ['AppointmentCancelled', 'patient'],
    ]);
  });

  it('rejects an invalid cancellation in the validator, leaving no trace in the history or the store', async () => {
    const { handle, appointmentId } = await start();
    await handle.executeUpdate(requestedUpdate);
    await expect(
      handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'payment_timeout' } as never] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    expect(await handle.query(viewQuery)).toMatchObject({ status: 'pending_payment' });
    const history = await handle.fetchHistory();
    const accepted = history.events?.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(
      accepted.map((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name),
    ).toEqual(['requested']);
    expect(await store.readStream(appointmentStreamId(appointmentId))).toHaveLength(1);
  });

  it('refuses to cancel an appointment twice with INVALID_STATE', async () => {
    const { handle } = await start();
    await handle.executeUpdate(requestedUpdate);
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'doctor', reason: 'doctor_unavailable' }] });
    await expect(handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'other' }] })).rejects.toThrow();
  });

  it('cancels an unpaid booking when its payment timer fires', async () => {
    const { handle, appointmentId } = await start(1_500);
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
    const events = await store.readStream(appointmentStreamId(appointmentId));
    expect(events[1]).toMatchObject({
      type: 'AppointmentCancelled',
      data: { cancelledBy: 'system', reason: 'payment_timeout' },
    });
  });

  it('keeps personal data out of the workflow history: its input carries ids, a method and an instant only', async () => {
    const { handle } = await start();
    await handle.executeUpdate(requestedUpdate);
    const history = await handle.fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const input = JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString()) as {
      request: Record<string, unknown>;
    };
    expect(Object.keys(input).sort()).toEqual(['appointmentId', 'paymentTimeoutMs', 'request']);
    expect(Object.keys(input.request).sort()).toEqual(['doctorId', 'method', 'patientId', 'serviceId', 'startsAt']);
  });
});
