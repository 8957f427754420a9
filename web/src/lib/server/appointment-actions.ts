/**
 * The `?/cancel` form action of the appointments page, kept out of +page.server.ts so each step
 * reads on its own. Every outcome is data for the page. (Booking: booking-action.ts.)
 */
import { fail } from '@sveltejs/kit';
import { defaultCancelReason, type CancelActionData } from '$lib/appointment-form';
import type { ApiClient } from './api-client';
import { redirectIfSessionEnded, unreachableMessage } from './form-actions';

// The API checks reason codes itself; this only keeps absurd input from travelling further.
const maxReasonLength = 500;

export async function cancelAppointmentAction(form: FormData, api: ApiClient, baseUrl: string, url: URL) {
  const id = String(form.get('id') ?? '').trim();
  const reason = String(form.get('reason') ?? '').trim() || defaultCancelReason;
  const rejectedCancel = (status: number, message: string) => {
    const data: CancelActionData = { action: 'cancel', ok: false, id, reason, message };
    return fail(status, data);
  };

  if (!id) return rejectedCancel(400, 'Which appointment? The form did not say.');
  if (reason.length > maxReasonLength) {
    return rejectedCancel(400, `Keep the reason under ${maxReasonLength} characters (it has ${reason.length}).`);
  }

  const result = await api.cancelAppointment(id, reason);
  if (result.ok) {
    const data: CancelActionData = { action: 'cancel', ok: true, id: result.data.id };
    return data;
  }
  redirectIfSessionEnded(result.status, url);
  if (result.status === 0) return rejectedCancel(503, unreachableMessage(baseUrl));
  return rejectedCancel(result.status < 500 ? result.status : 502, result.error.message);
}
