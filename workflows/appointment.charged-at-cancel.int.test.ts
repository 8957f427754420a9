/**
 * "Charged but cancelled": the patient pays at the provider a moment before the booking is
 * cancelled (payment timeout, or a cancel), and the provider's webhook has not arrived. Closing the
 * checkout finds it paid; the workflow records the payment and refunds it in full before it
 * completes, and the webhook that arrives afterwards through the REST route changes nothing.
 * Whole platform (API, worker, projector) on the real Temporal dev server; seconds-long timings.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleLocalPayment } from '../activities/adapters/local-payments.js';
import { LOCAL_SIGNATURE_HEADER } from '../activities/adapters/local-webhook-signature.js';
import { deriveKey } from '../api/auth/keys.js';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  type AppointmentTimings,
  type BookingTerms,
} from '../domain/index.js';
import { anAppointmentWorkflowInput } from '../tests/fixtures/appointments.js';
import { TEST_MASTER_KEY } from '../tests/support/auth.js';
import { approveLocalCheckout } from '../tests/support/local-checkout.js';
import { startTestPlatform, type TestPlatform } from '../tests/support/platform.js';
import { cancelUpdate, requestedUpdate } from './appointment.messages.js';
import type { appointmentWorkflow } from './appointment.workflow.js';

const FEE = { amountMinor: 150_000, currency: 'MZN' };
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

type Handle = WorkflowHandle<typeof appointmentWorkflow>;

async function start(options: { terms?: Partial<BookingTerms>; timings?: Partial<AppointmentTimings> }) {
  const input = anAppointmentWorkflowInput(options);
  const handle: Handle = await platform.temporal.client.workflow.start('appointmentWorkflow', {
    workflowId: appointmentWorkflowId(input.appointmentId),
    taskQueue: platform.temporal.taskQueue,
    args: [input],
  });
  await handle.executeUpdate(requestedUpdate);
  const id = input.appointmentId;
  const requested = (await events(id)).find((e) => e.type === 'PaymentRequested');
  if (!requested) throw new Error('no checkout was opened');
  return { handle, id, paymentId: String(requested.data.paymentId) };
}

const events = (id: string) => platform.eventStore.readStream(appointmentStreamId(id));
const dataOf = async (id: string, type: string) =>
  (await events(id)).find((e) => e.type === type)?.data as Record<string, unknown> | undefined;

async function refundsOf(paymentId: string) {
  const { rows } = await platform.db.pool.query<{ amount_minor: string }>(
    'SELECT amount_minor FROM local_refunds WHERE payment_id = $1',
    [paymentId],
  );
  return rows.map((row) => Number(row.amount_minor));
}

/** What the appointment must end with: the payment recorded once and given back in full, once. */
async function expectPaidAndRefundedOnce(id: string, paymentId: string, providerEventId: string) {
  const recorded = await events(id);
  expect(recorded.map((e) => e.type)).toEqual([
    'AppointmentRequested',
    'PaymentRequested',
    'AppointmentCancelled',
    'PaymentReceived',
    'RefundIssued',
  ]);
  expect(await dataOf(id, 'PaymentReceived')).toMatchObject({ paymentId, providerEventId, amount: FEE });
  expect(await dataOf(id, 'RefundIssued')).toMatchObject({ paymentId, amount: FEE, reason: 'late_payment' });
  expect(await refundsOf(paymentId)).toEqual([FEE.amountMinor]);
}

/**
 * The provider's webhook for the approval, arriving late (it retries an unacknowledged event
 * under the same id), through the signed REST route as a real provider sends it.
 */
async function webhookStatus(providerEventId: string) {
  const { rows } = await platform.db.pool.query<{ status: string }>(
    `SELECT status FROM payment_webhook_events WHERE provider = 'local' AND provider_event_id = $1`,
    [providerEventId],
  );
  return rows[0]?.status;
}

async function deliverLateWebhook(paymentId: string, eventId: string) {
  const secret = deriveKey(TEST_MASTER_KEY, 'local-payment-webhook');
  const settled = await settleLocalPayment(
    { pool: platform.db.pool, webhookSecret: secret, now: new Date() },
    paymentId,
    'succeeded',
  );
  if (settled.kind !== 'deliver') throw new Error(`the approval was not delivered again (${settled.kind})`);
  expect(settled.delivery.eventId).toBe(eventId);
  const response = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhooks/local',
    headers: { 'content-type': 'application/json', [LOCAL_SIGNATURE_HEADER]: settled.delivery.signature },
    payload: settled.delivery.body,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ result: string }>().result;
}

describe('a booking cancelled after the patient paid at the provider', () => {
  it('records and refunds the payment in full when the payment timeout fires first', async () => {
    const { handle, id, paymentId } = await start({ timings: { paymentTimeoutMs: 3_000 } });
    // Paid at the provider (an approval after the timeout would throw here, not pass); no webhook yet.
    const providerEventId = await approveLocalCheckout(platform.db.pool, paymentId);

    expect(await handle.result()).toMatchObject({ status: 'refunded' });
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({
      cancelledBy: 'system',
      reason: 'payment_timeout',
      refundDue: null,
    });
    await expectPaidAndRefundedOnce(id, paymentId, providerEventId);

    // The workflow has completed: the route finds the payment in its history (nothing for finance to
    // refund) and nothing more is recorded or refunded.
    expect(await deliverLateWebhook(paymentId, providerEventId)).toBe('accounted_for');
    expect(await webhookStatus(providerEventId)).toBe('accounted_for');
    expect(await deliverLateWebhook(paymentId, providerEventId)).toBe('duplicate');
    await expectPaidAndRefundedOnce(id, paymentId, providerEventId);
  });

  it('refunds in full, not at the late-cancel rate, when the patient cancels an hour before the start', async () => {
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
    const { handle, id, paymentId } = await start({ terms: { startsAt, endsAt } });
    const providerEventId = await approveLocalCheckout(platform.db.pool, paymentId);

    // The Update answers once the payment found at the provider is recorded; the refund follows.
    const view = await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'patient_request' }] });
    expect(view.status).toBe('cancelled');
    expect((await events(id)).map((e) => e.type)).toContain('PaymentReceived');
    expect(await handle.result()).toMatchObject({ status: 'refunded' });
    expect(await dataOf(id, 'AppointmentCancelled')).toMatchObject({ cancelledBy: 'patient', refundDue: null });
    await expectPaidAndRefundedOnce(id, paymentId, providerEventId);

    expect(await deliverLateWebhook(paymentId, providerEventId)).toBe('accounted_for');
    await expectPaidAndRefundedOnce(id, paymentId, providerEventId);
  });

  it('only closes a checkout nobody paid: cancelled, nothing recorded or refunded', async () => {
    const { handle, id, paymentId } = await start({ timings: { paymentTimeoutMs: 1_000 } });
    expect(await handle.result()).toMatchObject({ status: 'cancelled' });
    expect((await events(id)).map((e) => e.type)).toEqual([
      'AppointmentRequested',
      'PaymentRequested',
      'AppointmentCancelled',
    ]);
    const { rows } = await platform.db.pool.query('SELECT status FROM local_payments WHERE id = $1', [paymentId]);
    expect(rows).toEqual([{ status: 'cancelled' }]);
    expect(await refundsOf(paymentId)).toEqual([]);
  });
});
