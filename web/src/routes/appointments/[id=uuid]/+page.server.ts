import { hasPrescription, nextSteps } from '$lib/appointment-lifecycle';
import { STANDARD_TERMS } from '$lib/cancellation-terms';
import { APPOINTMENT_DEPENDENCY, doctorLabel, loadAppointment, viewpointOf } from '$lib/server/appointment-page';
import { requireSession } from '$lib/server/guards';
import { admitAction, cancelAction, checkInAction, endAction, reviewAction } from '$lib/server/lifecycle-actions';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import type { Actions, PageServerLoad } from './$types';

/**
 * One appointment from either side: where it stands (kept live by the page, see live-status.ts),
 * its history, and the next step each party can take. `?cancel` opens the cancellation step with
 * the refund it would give, so it works the same with and without JavaScript.
 */
export const load: PageServerLoad = async ({ locals, params, url, cookies, depends }) => {
  depends(APPOINTMENT_DEPENDENCY, TIME_ZONE_DEPENDENCY);
  const session = requireSession(locals, url);
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const detail = await loadAppointment(locals, params.id, url);
  const viewpoint = viewpointOf(session, detail);
  const now = new Date();
  const steps = nextSteps(detail, viewpoint, now);
  const wantsCancel = url.searchParams.has('cancel') && steps.cancel;

  const [timeline, doctor, quote, prescription] = await Promise.all([
    locals.api.lifecycle.timeline(params.id),
    doctorLabel(locals, detail),
    wantsCancel ? locals.api.lifecycle.cancellationQuote(params.id) : null,
    hasPrescription(detail) && viewpoint !== 'staff' ? locals.api.lifecycle.prescription(params.id) : null,
  ]);

  const policy = detail.policy ?? STANDARD_TERMS;
  const reschedulesLeft =
    detail.reschedulesLeft ??
    (quote?.ok ? quote.data.reschedulesLeft : null) ??
    (detail.patientReschedules !== null ? Math.max(0, policy.maxPatientReschedules - detail.patientReschedules) : null);

  return {
    detail: { ...detail, reschedulesLeft },
    viewpoint,
    doctor,
    zone,
    policy,
    /** Rendered with the server's clock; the page keeps its own ticking for the check-in window. */
    renderedAt: now.toISOString(),
    events: timeline.ok ? timeline.data.items : [],
    timelineError: timeline.ok ? null : timeline.error.message,
    cancel: wantsCancel
      ? { quote: quote?.ok ? quote.data : null, quoteError: quote && !quote.ok ? quote.error.message : null }
      : null,
    prescription: prescription?.ok ? prescription.data : null,
    prescriptionError:
      prescription && !prescription.ok && prescription.status !== 404 ? prescription.error.message : null,
    notice: url.searchParams.has('booked')
      ? 'booked'
      : url.searchParams.has('cancelled')
        ? 'cancelled'
        : url.searchParams.has('rescheduled')
          ? 'rescheduled'
          : null,
  };
};

export const actions: Actions = {
  cancel: cancelAction,
  checkIn: checkInAction,
  admit: admitAction,
  end: endAction,
  review: reviewAction,
};
