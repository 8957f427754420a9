/**
 * The appointment workflow on the real Temporal dev server, writing to the PostgreSQL event store,
 * with the local payment, notification and video adapters. Timings are shortened to seconds; the
 * assertions are about what was recorded and in which order, never about how long it took.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  type AppointmentEventType,
  type AppointmentTimings,
  type BookingTerms,
} from '../domain/index.js';
import type { EventStore, RecordedEvent } from '../eventstore/event-store.js';
import { createEventStore } from '../eventstore/index.js';
import type { Stoppable } from '../scripts/lib/services.js';
import { anAppointmentWorkflowInput } from '../tests/fixtures/appointments.js';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { approveLocalCheckout } from '../tests/support/local-checkout.js';
import { connectTestTemporal, eventually, startTestWorker, type TestTemporal } from '../tests/support/temporal.js';
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
} from './appointment.messages.js';
import type { appointmentWorkflow } from './appointment.workflow.js';

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

type Handle = WorkflowHandle<typeof appointmentWorkflow>;
const SECOND = 1_000;
const inSeconds = (s: number) => new Date(Date.now() + s * SECOND).toISOString();

async function start(options: { terms?: Partial<BookingTerms>; timings?: Partial<AppointmentTimings> } = {}) {
  const input = anAppointmentWorkflowInput(options);
  const handle: Handle = await temporal.client.workflow.start('appointmentWorkflow', {
    workflowId: appointmentWorkflowId(input.appointmentId),
    taskQueue: temporal.taskQueue,
    args: [input],
  });
  const view = await handle.executeUpdate(requestedUpdate);
  return { handle, input, view, id: input.appointmentId };
}

const events = (id: string) => store.readStream(appointmentStreamId(id));
const types = async (id: string) => (await events(id)).map((e) => e.type as AppointmentEventType);
const dataOf = async (id: string, type: AppointmentEventType) =>
  (await events(id)).find((e) => e.type === type)?.data as Record<string, unknown> | undefined;

async function paymentIdOf(id: string): Promise<string> {
  const data = await dataOf(id, 'PaymentRequested');
  if (!data) throw new Error('no PaymentRequested recorded');
  return String(data.paymentId);
}

async function pay(handle: Handle, id: string) {
  const paymentId = await paymentIdOf(id);
  const providerEventId = await approveLocalCheckout(db.pool, paymentId);
  await handle.signal(paymentSettledSignal, {
    paymentId,
    providerEventId,
    outcome: 'succeeded',
    amount: { amountMinor: 150_000, currency: 'MZN' },
  });
  await eventually(
    async () => ((await handle.query(viewQuery)).status === 'confirmed' ? true : undefined),
    15_000,
    'confirmed',
  );
  return { paymentId, providerEventId };
}

async function statusBecomes(handle: Handle, status: string, timeoutMs = 20_000) {
  return eventually(
    async () => ((await handle.query(viewQuery)).status === status ? true : undefined),
    timeoutMs,
    status,
  );
}

function expectUniqueIds(recorded: readonly RecordedEvent[]) {
  expect(new Set(recorded.map((e) => e.id)).size).toBe(recorded.length);
}

describe('appointment workflow: booking and payment', () => {
  it('records the request with the pinned terms and opens a checkout before answering', async () => {
    const { view, input, id } = await start();
    expect(view).toMatchObject({ appointmentId: id, status: 'pending_payment', revision: 1 });
    expect(view.checkoutUrl).toMatch(/^https?:\/\//);
    expect(await types(id)).toEqual(['AppointmentRequested', 'PaymentRequested']);
    const requested = await dataOf(id, 'AppointmentRequested');
    expect(requested).toMatchObject({
      fee: input.terms.fee,
      policy: input.terms.policy,
      serviceName: input.terms.serviceName,
    });
    const recorded = await events(id);
    expect(recorded[0]?.metadata).toMatchObject({ workflowId: appointmentWorkflowId(id) });
  });

  it('confirms on payment, ignores the same webhook delivered twice, and keeps a declined card pending', async () => {
    const { handle, id } = await start();
    const paymentId = await paymentIdOf(id);
    await handle.signal(paymentSettledSignal, {
      paymentId,
      providerEventId: 'evt_declined',
      outcome: 'failed',
      amount: { amountMinor: 150_000, currency: 'MZN' },
      failureCode: 'card_declined',
    });
    await eventually(async () => ((await types(id)).includes('PaymentFailed') ? true : undefined));
    expect((await handle.query(viewQuery)).status).toBe('pending_payment');

    const { providerEventId } = await pay(handle, id);
    await handle.signal(paymentSettledSignal, {
      paymentId,
      providerEventId,
      outcome: 'succeeded',
      amount: { amountMinor: 150_000, currency: 'MZN' },
    });
    // A query after the signal is answered after it was handled: nothing more was recorded.
    await handle.query(viewQuery);
    expect((await types(id)).filter((t) => t === 'PaymentReceived')).toHaveLength(1);
    expect(await types(id)).toEqual([
      'AppointmentRequested',
      'PaymentRequested',
      'PaymentFailed',
      'PaymentReceived',
      'AppointmentConfirmed',
    ]);
  });

  it('confirms a free service at once, with no checkout', async () => {
    const { view, id } = await start({ terms: { fee: { amountMinor: 0, currency: 'MZN' } } });
    expect(view).toMatchObject({ status: 'confirmed', checkoutUrl: null });
    expect(await types(id)).toEqual(['AppointmentRequested', 'AppointmentConfirmed']);
  });

  it('cancels an unpaid booking when the payment timeout fires', async () => {
    const { handle, id } = await start({ timings: { paymentTimeoutMs: 1_500 } });
    await statusBecomes(handle, 'cancelled');
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({
      cancelledBy: 'system',
      reason: 'payment_timeout',
      refundDue: null,
    });
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
  });
});

describe('appointment workflow: reminders', () => {
  it('sends each reminder at its offset before the start, in order, and skips one already due when confirmed', async () => {
    const startsAt = inSeconds(8);
    const { handle, id } = await start({
      terms: { fee: { amountMinor: 0, currency: 'MZN' }, startsAt, endsAt: inSeconds(9) },
      // 60 s before the start has already passed at confirmation: skipped, never sent late.
      timings: { reminderOffsetsMs: [60 * SECOND, 5 * SECOND, 2 * SECOND], noShowGraceMs: 60 * SECOND },
    });
    await eventually(
      async () => ((await types(id)).filter((t) => t === 'ReminderSent').length === 2 ? true : undefined),
      20_000,
      'two reminders',
    );
    const reminders = (await events(id))
      .filter((e) => e.type === 'ReminderSent')
      .map((e) => e.data as Record<string, unknown>);
    expect(reminders.map((r) => r.offsetMs)).toEqual([5 * SECOND, 2 * SECOND]);
    for (const reminder of reminders) {
      expect(reminder.startsAt).toBe(startsAt);
      expect(Date.parse(String(reminder.sentAt))).toBeGreaterThanOrEqual(
        Date.parse(startsAt) - Number(reminder.offsetMs),
      );
      expect(Date.parse(String(reminder.sentAt))).toBeLessThan(Date.parse(startsAt));
    }
    expect((await handle.query(viewQuery)).status).toBe('reminded');
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'doctor', reason: 'doctor_unavailable' }] });
  });

  it('sends no reminder for a cancelled appointment', async () => {
    const { handle, id } = await start({
      terms: { fee: { amountMinor: 0, currency: 'MZN' }, startsAt: inSeconds(4), endsAt: inSeconds(5) },
      timings: { reminderOffsetsMs: [2 * SECOND] },
    });
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'patient_request' }] });
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
    expect(await types(id)).not.toContain('ReminderSent');
  });
});

describe('appointment workflow: cancellation and refunds', () => {
  it('refunds in full when the patient cancels 24 h or more ahead, and completes once refunded', async () => {
    const { handle, id } = await start();
    await pay(handle, id);
    const view = await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'patient_request' }] });
    expect(view.status).toBe('cancelled');
    expect(await handle.result()).toMatchObject({ status: 'refunded' });
    expect(await dataOf(id, 'RefundIssued')).toMatchObject({
      amount: { amountMinor: 150_000, currency: 'MZN' },
      reason: 'cancellation',
    });
  });

  it('refunds half when the patient cancels inside 24 h, and in full when the doctor cancels', async () => {
    const late = await start({ terms: { startsAt: inSeconds(3600), endsAt: inSeconds(5400) } });
    await pay(late.handle, late.id);
    await late.handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'patient_request' }] });
    await late.handle.result();
    expect(await dataOf(late.id, 'RefundIssued')).toMatchObject({ amount: { amountMinor: 75_000 } });

    const byDoctor = await start({ terms: { startsAt: inSeconds(3600), endsAt: inSeconds(5400) } });
    await pay(byDoctor.handle, byDoctor.id);
    await byDoctor.handle.executeUpdate(cancelUpdate, { args: [{ by: 'doctor', reason: 'doctor_unavailable' }] });
    await byDoctor.handle.result();
    expect(await dataOf(byDoctor.id, 'RefundIssued')).toMatchObject({ amount: { amountMinor: 150_000 } });
  });

  it('refuses to cancel twice, before the Update enters history', async () => {
    const { handle } = await start({ terms: { fee: { amountMinor: 0, currency: 'MZN' } } });
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'other' }] });
    await expect(handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'other' }] })).rejects.toThrow();
  });

  it('refuses an Update with a malformed argument', async () => {
    const { handle } = await start({ terms: { fee: { amountMinor: 0, currency: 'MZN' } } });
    const bad = handle.executeUpdate(cancelUpdate, { args: [{ by: 'nobody', reason: 'other' } as never] });
    await expect(bad).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect((await handle.query(viewQuery)).status).toBe('confirmed');
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'other' }] });
  });
});

describe('appointment workflow: consultation', () => {
  const soon = () => ({
    terms: { startsAt: inSeconds(3), endsAt: inSeconds(5) },
    timings: {
      joinWindowMs: 60 * SECOND,
      noShowGraceMs: 60 * SECOND,
      sessionGraceMs: 60 * SECOND,
      reviewWindowMs: 60 * SECOND,
    },
  });

  it('lives the whole life: pay, check in, admit, end, prescribe, review, and completes', async () => {
    const { handle, id } = await start(soon());
    await pay(handle, id);
    expect((await handle.executeUpdate(checkInUpdate)).status).toBe('waiting');
    // Checking in again (a reload, a dropped connection) is not an error.
    expect((await handle.executeUpdate(checkInUpdate)).status).toBe('waiting');
    const admitted = await handle.executeUpdate(admitUpdate);
    expect(admitted).toMatchObject({ status: 'in_consultation' });
    expect(admitted.roomId).toBeTruthy();
    expect((await handle.executeUpdate(endUpdate)).status).toBe('consultation_ended');
    const prescription = { prescriptionId: randomUUID(), sealedPrescription: 'sealed:v1:opaque', medicineCount: 2 };
    expect((await handle.executeUpdate(prescribeUpdate, { args: [prescription] })).status).toBe('prescribed');
    // The same prescription sent again (an API retry) changes nothing.
    await handle.executeUpdate(prescribeUpdate, { args: [prescription] });
    expect((await handle.executeUpdate(reviewUpdate, { args: [{ rating: 4, sealedComment: null }] })).status).toBe(
      'reviewed',
    );
    expect(await handle.result()).toMatchObject({ status: 'reviewed' });
    const recorded = await events(id);
    expectUniqueIds(recorded);
    expect(recorded.map((e) => e.type)).toEqual([
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
  });

  it('refuses to admit before the patient checks in, and check-in before the join window', async () => {
    const { handle } = await start({ terms: { fee: { amountMinor: 0, currency: 'MZN' } } });
    await expect(handle.executeUpdate(admitUpdate)).rejects.toThrow(WorkflowUpdateFailedError);
    const early = await handle.executeUpdate(checkInUpdate).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((early as WorkflowUpdateFailedError).cause?.message)).toMatch(/Check-in opens at/);
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'other' }] });
  });

  it('ends the consultation by the session timer when the doctor does not', async () => {
    const { handle, id } = await start({
      terms: { fee: { amountMinor: 0, currency: 'MZN' }, startsAt: inSeconds(2), endsAt: inSeconds(3) },
      timings: { joinWindowMs: 60 * SECOND, sessionGraceMs: 1 * SECOND, reviewWindowMs: 60 * SECOND },
    });
    await handle.executeUpdate(checkInUpdate);
    await handle.executeUpdate(admitUpdate);
    await statusBecomes(handle, 'consultation_ended');
    expect(await dataOf(id, 'ConsultationEnded')).toMatchObject({ endedBy: 'system' });
    await handle.executeUpdate(reviewUpdate, { args: [{ rating: 5, sealedComment: null }] });
  });

  it('records a patient no-show after the grace, with no refund', async () => {
    const { handle, id } = await start({
      terms: { startsAt: inSeconds(2), endsAt: inSeconds(3) },
      timings: { noShowGraceMs: 1 * SECOND, reminderOffsetsMs: [] },
    });
    await pay(handle, id);
    expect(await handle.result()).toMatchObject({ status: 'no_show' });
    expect(await dataOf(id, 'NoShowRecorded')).toMatchObject({ party: 'patient', refundDue: null });
    expect(await types(id)).not.toContain('RefundIssued');
  });

  it('records a doctor no-show when a waiting patient is never admitted, and refunds in full', async () => {
    const { handle, id } = await start({
      terms: { startsAt: inSeconds(3), endsAt: inSeconds(4) },
      timings: { noShowGraceMs: 1 * SECOND, joinWindowMs: 60 * SECOND, reminderOffsetsMs: [] },
    });
    await pay(handle, id);
    await handle.executeUpdate(checkInUpdate);
    expect(await handle.result()).toMatchObject({ status: 'refunded' });
    expect(await dataOf(id, 'NoShowRecorded')).toMatchObject({ party: 'doctor' });
    expect(await dataOf(id, 'RefundIssued')).toMatchObject({
      reason: 'doctor_no_show',
      amount: { amountMinor: 150_000 },
    });
  });

  it('closes the review window and completes when the patient does not review, after one reminder', async () => {
    const { handle, id } = await start({
      terms: { fee: { amountMinor: 0, currency: 'MZN' }, startsAt: inSeconds(2), endsAt: inSeconds(3) },
      timings: { joinWindowMs: 60 * SECOND, reviewReminderMs: 500, reviewWindowMs: 2 * SECOND },
    });
    await handle.executeUpdate(checkInUpdate);
    await handle.executeUpdate(admitUpdate);
    await handle.executeUpdate(endUpdate);
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    expect((await types(id)).slice(-2)).toEqual(['ReviewReminderSent', 'ReviewWindowClosed']);
  });
});
