/**
 * The payment webhook route and the local test checkout, on the whole platform: Approve on the
 * checkout page reaches the appointment workflow through the signed webhook; a bad signature
 * writes nothing; a repeated event is recorded once; an expired link cannot be paid.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SIGNATURE_HEADER, signWebhook } from '../../activities/adapters/local-webhook-signature.js';
import { givenAccount } from '../../tests/support/accounts.js';
import { TEST_MASTER_KEY, type TestActor } from '../../tests/support/auth.js';
import { givenBookableDoctor, type BookableDoctor } from '../../tests/support/bookable.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { appointmentStreamId } from '../../domain/index.js';
import { buildApp } from '../app.js';
import { deriveKey } from '../auth/keys.js';

const secret = deriveKey(TEST_MASTER_KEY, 'local-payment-webhook');
let platform: TestPlatform;
let doctor: BookableDoctor;

beforeAll(async () => {
  platform = await startTestPlatform();
  doctor = await givenBookableDoctor(platform.app, { slotsNeeded: 10 });
});
afterAll(async () => platform?.close());

async function bookPaid(patient: TestActor): Promise<{ id: string; checkoutPath: string }> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: doctor.nextRequest(patient.accountId),
    headers: patient.headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ id: string; checkoutUrl: string }>();
  return { id: body.id, checkoutPath: new URL(body.checkoutUrl).pathname };
}

const statusOf = async (patient: TestActor, id: string) =>
  (await platform.app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: patient.headers })).json<{
    status?: string;
  }>().status;

const formTokenOf = (page: LightMyRequestResponse) => /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';

const press = (checkoutPath: string, action: 'approve' | 'decline', token: string, headers = {}) =>
  platform.app.inject({
    method: 'POST',
    url: `${checkoutPath}/${action}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ token }).toString(),
  });

function signedEvent(type: string, data: object, eventId = `evt_${randomUUID()}`) {
  const body = JSON.stringify({ id: eventId, type, created: Math.floor(Date.now() / 1000), data });
  return { eventId, body, signature: signWebhook(secret, body, new Date()) };
}

const deliver = (body: string, signature?: string, provider = 'local') =>
  platform.app.inject({
    method: 'POST',
    url: `/api/v1/payments/webhooks/${provider}`,
    headers: { 'content-type': 'application/json', ...(signature ? { [LOCAL_SIGNATURE_HEADER]: signature } : {}) },
    payload: body,
  });

async function webhookRows(eventId: string) {
  const { rows } = await platform.db.pool.query<{ status: string }>(
    'SELECT status FROM payment_webhook_events WHERE provider_event_id = $1',
    [eventId],
  );
  return rows;
}

describe('the test checkout', () => {
  it('confirms the appointment when Approve is pressed, through the signed webhook', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const { id, checkoutPath } = await bookPaid(patient);

    const page = await platform.app.inject({ method: 'GET', url: checkoutPath });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Test checkout — no real money moves');
    expect(page.body).toMatch(/MZN\s1,500\.00/);

    const approved = await press(checkoutPath, 'approve', formTokenOf(page));
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.body).toContain('Payment approved, return to Consulta');
    expect(approved.body).toContain(`href="http://127.0.0.1:5173/appointments/${id}"`);

    await eventually(async () => ((await statusOf(patient, id)) === 'confirmed' ? true : undefined), 20_000);
    const { rows } = await platform.db.pool.query<{ status: string; outcome: string }>(
      'SELECT status, outcome FROM payment_webhook_events WHERE appointment_id = $1',
      [id],
    );
    expect(rows).toEqual([{ status: 'signalled', outcome: 'succeeded' }]);

    // Paid: the link shows so and cannot be paid again.
    const again = await platform.app.inject({ method: 'GET', url: checkoutPath });
    expect(again.body).toContain('This payment has already been made');
    expect((await press(checkoutPath, 'approve', formTokenOf(page))).statusCode).toBe(409);
  });

  it('puts the confirmation with its calendar invitation in the dev outbox', async () => {
    const email = `${randomUUID()}@example.test`;
    const patient = await givenAccount(platform.db.pool, ['patient'], { email });
    const { id, checkoutPath } = await bookPaid(patient);
    const page = await platform.app.inject({ method: 'GET', url: checkoutPath });
    expect((await press(checkoutPath, 'approve', formTokenOf(page))).statusCode).toBe(200);

    type Outbox = {
      items: Array<{ subject: string | null; attachments: Array<{ filename: string; text?: string; url: string }> }>;
    };
    const confirmation = await eventually(async () => {
      const outbox = await platform.app.inject({ method: 'GET', url: `/api/v1/dev/outbox?recipient=${email}` });
      return outbox.json<Outbox>().items.find((m) => m.subject?.startsWith('Appointment confirmed'));
    }, 20_000);
    const [ics] = confirmation.attachments;
    expect(ics?.filename).toBe('appointment.ics');
    expect(ics?.text).toContain(`UID:${id}@consulta`);
    expect(ics?.text).toContain('METHOD:REQUEST');
    const download = await platform.app.inject({ method: 'GET', url: ics?.url ?? '' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^text\/calendar/);
    expect(download.body).toBe(ics?.text);
  });

  it('says an expired (cancelled) link has expired and refuses to take the payment', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const { id, checkoutPath } = await bookPaid(patient);
    const token = formTokenOf(await platform.app.inject({ method: 'GET', url: checkoutPath }));
    const cancelled = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/cancel`,
      headers: patient.headers,
      payload: { reason: 'patient_request' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const page = await platform.app.inject({ method: 'GET', url: checkoutPath });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This payment link has expired');
    const approve = await press(checkoutPath, 'approve', token);
    expect(approve.statusCode).toBe(410);
    expect(approve.body).toContain('This payment link has expired');
    const { rows } = await platform.db.pool.query('SELECT 1 FROM payment_webhook_events WHERE appointment_id = $1', [
      id,
    ]);
    expect(rows).toEqual([]);
  });

  it('refuses a form without its token or posted from another site', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const { id, checkoutPath } = await bookPaid(patient);
    const token = formTokenOf(await platform.app.inject({ method: 'GET', url: checkoutPath }));
    expect((await press(checkoutPath, 'approve', 'forged')).statusCode).toBe(403);
    expect((await press(checkoutPath, 'approve', token, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(await statusOf(patient, id)).toBe('pending_payment');
    const { rows } = await platform.db.pool.query('SELECT status FROM local_payments WHERE appointment_id = $1', [id]);
    expect(rows).toEqual([{ status: 'requested' }]);
  });

  it('is not served in production', async () => {
    const production = await buildApp({ ...platform.deps, appEnv: 'production' });
    try {
      const response = await production.inject({ method: 'GET', url: `/dev/checkout/lpay_${'0'.repeat(32)}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    } finally {
      await production.close();
    }
  });
});

describe('POST /api/v1/payments/webhooks/:provider', () => {
  const settlement = (appointmentId: string = randomUUID()) => ({
    paymentId: `lpay_${randomUUID().replaceAll('-', '')}`,
    appointmentId,
    amount: { amountMinor: 150_000, currency: 'MZN' },
  });

  it('answers 400 for a bad, missing or stale signature and writes nothing', async () => {
    const event = signedEvent('payment.succeeded', settlement());
    const forged = signWebhook(deriveKey(TEST_MASTER_KEY, 'jwt'), event.body, new Date());
    const stale = signWebhook(secret, event.body, new Date(Date.now() - 3_600_000));
    for (const signature of [forged, stale, undefined]) {
      const response = await deliver(event.body, signature);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
    }
    const tampered = await deliver(event.body.replace('150000', '1'), event.signature);
    expect(tampered.statusCode).toBe(400);
    expect(await webhookRows(event.eventId)).toEqual([]);
  });

  it('records an event once however often it is delivered; one without a workflow is kept as unmatched', async () => {
    const event = signedEvent('payment.succeeded', settlement());
    const answers = await Promise.all([1, 2, 3].map(() => deliver(event.body, event.signature)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json<{ result: string }>().result).sort()).toEqual([
      'duplicate',
      'duplicate',
      'unmatched',
    ]);
    expect(await webhookRows(event.eventId)).toEqual([{ status: 'unmatched' }]);
  });

  it('counts a failure without a workflow as accounted for: nothing was taken', async () => {
    const event = signedEvent('payment.failed', { ...settlement(), failureCode: 'card_declined' });
    expect((await deliver(event.body, event.signature)).json()).toEqual({ received: true, result: 'accounted_for' });
    expect(await webhookRows(event.eventId)).toEqual([{ status: 'accounted_for' }]);
  });

  it('delivers a repeated event to the workflow once, and a redelivery changes nothing', async () => {
    const patient = await givenAccount(platform.db.pool, ['patient']);
    const { id, checkoutPath } = await bookPaid(patient);
    const paymentId = checkoutPath.split('/').at(-1) ?? '';
    const event = signedEvent('payment.failed', { ...settlement(id), paymentId, failureCode: 'card_declined' });
    expect((await deliver(event.body, event.signature)).json()).toEqual({ received: true, result: 'signalled' });
    expect((await deliver(event.body, event.signature)).json()).toEqual({ received: true, result: 'duplicate' });
    await eventually(async () => {
      const types = (await platform.eventStore.readStream(appointmentStreamId(id))).map((e) => e.type);
      return types.includes('PaymentFailed') ? types : undefined;
    }, 20_000);
    const failures = (await platform.eventStore.readStream(appointmentStreamId(id))).filter(
      (e) => e.type === 'PaymentFailed',
    );
    expect(failures).toHaveLength(1);
    expect(await statusOf(patient, id)).toBe('pending_payment');
  });

  it('acknowledges an event type it does not act on, and 404s another provider', async () => {
    const event = signedEvent('payout.paid', { anything: true });
    expect((await deliver(event.body, event.signature)).json()).toEqual({ received: true, result: 'ignored' });
    expect(await webhookRows(event.eventId)).toEqual([]);
    const elsewhere = await deliver(event.body, event.signature, 'stripe');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'PAYMENT_PROVIDER_UNKNOWN' } });
  });
});
