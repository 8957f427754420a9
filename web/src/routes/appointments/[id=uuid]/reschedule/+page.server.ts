import { error } from '@sveltejs/kit';
import { nextSteps } from '$lib/appointment-lifecycle';
import { STANDARD_TERMS } from '$lib/cancellation-terms';
import { APPOINTMENT_DEPENDENCY, doctorLabel, loadAppointment, viewpointOf } from '$lib/server/appointment-page';
import { requireSession } from '$lib/server/guards';
import { rescheduleAction } from '$lib/server/lifecycle-actions';
import { addDays, slotDays, wallClock } from '$lib/slot-days';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import { zonedLocalToUtc } from '$lib/zoned-time';
import type { Actions, PageServerLoad } from './$types';

const DAYS_SHOWN = 7;

/**
 * Moving a confirmed appointment: the doctor's free times for the same service and method, a week
 * at a time on the viewer's clock (the same picker as booking), and how many moves are left.
 */
export const load: PageServerLoad = async ({ locals, params, url, cookies, depends }) => {
  depends(APPOINTMENT_DEPENDENCY, TIME_ZONE_DEPENDENCY);
  const session = requireSession(locals, url);
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const detail = await loadAppointment(locals, params.id, url);
  const viewpoint = viewpointOf(session, detail);
  if (viewpoint === 'staff') error(403, 'Only the patient and the doctor of this appointment can move it.');
  const policy = detail.policy ?? STANDARD_TERMS;
  const left =
    detail.reschedulesLeft ??
    (detail.patientReschedules !== null ? Math.max(0, policy.maxPatientReschedules - detail.patientReschedules) : null);
  const now = new Date();
  const steps = nextSteps({ ...detail, reschedulesLeft: left }, viewpoint, now);

  const today = wallClock(now.toISOString(), zone.timeZone).slice(0, 10);
  const asked = url.searchParams.get('from') ?? '';
  const firstDate = /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked > today ? asked : today;
  const from = zonedLocalToUtc(`${firstDate}T00:00`, zone.timeZone);
  const to = zonedLocalToUtc(`${addDays(firstDate, DAYS_SHOWN)}T00:00`, zone.timeZone);
  const fromInstant = from.ok && Date.parse(from.instant) > now.getTime() ? from.instant : now.toISOString();

  const [doctor, slots] = await Promise.all([
    doctorLabel(locals, detail),
    steps.reschedule?.allowed && to.ok
      ? locals.api.doctors.slots(detail.doctorId, {
          from: fromInstant,
          to: to.instant,
          serviceId: detail.serviceId,
          method: detail.method,
          tz: zone.timeZone,
        })
      : null,
  ]);

  return {
    detail,
    viewpoint,
    doctor,
    zone,
    movable: steps.reschedule,
    reschedulesLeft: viewpoint === 'patient' ? left : null,
    utcOffset: slots?.ok ? (slots.data.slots[0]?.utcOffset ?? null) : null,
    days: slots?.ok
      ? slotDays(
          slots.data.slots.filter((slot) => slot.startsAt !== detail.startsAt),
          zone.timeZone,
          firstDate,
          DAYS_SHOWN,
        )
      : [],
    slotsError: slots && !slots.ok ? slots.error.message : null,
    firstDate,
    today,
  };
};

export const actions: Actions = {
  reschedule: rescheduleAction,
};
