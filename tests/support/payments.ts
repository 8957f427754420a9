/**
 * Paying in API tests the way a patient does with the local payments adapter: its test checkout's
 * Approve (or Decline) button, which reports the result through the signed webhook route. Then
 * waits until the appointment's workflow has recorded the result.
 */
import { checkoutFormToken } from '../../activities/adapters/local-webhook-signature.js';
import { deriveKey } from '../../api/auth/keys.js';
import { appointmentStreamId, appointmentWorkflowId } from '../../domain/index.js';
import { viewQuery } from '../../workflows/appointment.messages.js';
import type { TestPlatform } from './platform.js';
import { eventually } from './temporal.js';

export async function payFor(
  platform: TestPlatform,
  appointmentId: string,
  action: 'approve' | 'decline' = 'approve',
): Promise<void> {
  const workflow = platform.temporal.client.workflow.getHandle(appointmentWorkflowId(appointmentId));
  const { checkoutUrl } = await workflow.query(viewQuery);
  const paymentId = /\/dev\/checkout\/(lpay_[0-9a-f]{32})$/.exec(checkoutUrl ?? '')?.[1];
  if (!paymentId) throw new Error(`payFor: appointment ${appointmentId} has no local checkout (${checkoutUrl})`);
  const token = checkoutFormToken(deriveKey(platform.deps.masterKey, 'local-payment-webhook'), paymentId);
  const response = await platform.app.inject({
    method: 'POST',
    url: `/dev/checkout/${paymentId}/${action}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token }).toString(),
  });
  if (response.statusCode !== 200) {
    throw new Error(`payFor: the checkout's ${action} answered ${response.statusCode}: ${response.body}`);
  }
  // The webhook signals the workflow, which records the result a moment later.
  const recorded = action === 'approve' ? 'PaymentReceived' : 'PaymentFailed';
  const revision = await eventually(
    async () => {
      const events = await platform.eventStore.readStream(appointmentStreamId(appointmentId));
      return events.some((event) => event.type === recorded) ? events.length - 1 : undefined;
    },
    15_000,
    `${recorded} for ${appointmentId}`,
  );
  // The workflow evolves its state only once the recording activity has answered: until then its
  // Update validators still see an unpaid booking (a reschedule or check-in would get 409).
  await eventually(
    async () => ((await workflow.query(viewQuery)).revision >= revision ? true : undefined),
    15_000,
    `the workflow of ${appointmentId} to apply ${recorded}`,
  );
}
