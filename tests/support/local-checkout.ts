/**
 * Plays the payment provider's part for workflow-level tests: marks the local test checkout paid
 * (as its Approve button does) and returns the provider event id its webhook would carry. Tests
 * through the API approve via the checkout page's HTTP route instead.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { settleLocalPayment } from '../../activities/adapters/local-payments.js';

export async function approveLocalCheckout(pool: pg.Pool, paymentId: string): Promise<string> {
  // The secret only signs the webhook body, which these tests deliver as a signal instead.
  const settled = await settleLocalPayment(
    { pool, webhookSecret: randomBytes(32), now: new Date() },
    paymentId,
    'succeeded',
  );
  if (settled.kind !== 'deliver') throw new Error(`checkout ${paymentId} could not be approved (${settled.kind})`);
  return settled.delivery.eventId;
}
