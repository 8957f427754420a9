import { error } from '@sveltejs/kit';
import type { BookingSubject } from '$lib/appointment';
import { labelOf, relationshipLabels } from '$lib/profile';
import { addDays, slotDays, wallClock } from '$lib/slot-days';
import { unreachableMessage } from '$lib/server/form-actions';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import { zonedLocalToUtc } from '$lib/zoned-time';
import { bookingChoice } from './booking-choice';
import type { PageServerLoad } from './$types';

const DAYS_SHOWN = 7;

/** Public: anyone may look; patients book. Slots are shown on the viewer's own clock. */
export const load: PageServerLoad = async ({ locals, params, url, cookies, depends }) => {
  depends(TIME_ZONE_DEPENDENCY);
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const doctor = await locals.api.doctors.doctor(params.id);
  if (!doctor.ok) {
    if (doctor.status === 0) error(503, unreachableMessage(locals.api.baseUrl));
    error(
      doctor.status === 404 ? 404 : 502,
      doctor.status === 404 ? 'There is no verified doctor here.' : doctor.error.message,
    );
  }
  const choice = bookingChoice(doctor.data, url.searchParams);

  // The week shown starts on a day of the viewer's calendar; never before today.
  const now = new Date();
  const today = wallClock(now.toISOString(), zone.timeZone).slice(0, 10);
  const asked = url.searchParams.get('from') ?? '';
  const firstDate = /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked > today ? asked : today;
  const from = zonedLocalToUtc(`${firstDate}T00:00`, zone.timeZone);
  const to = zonedLocalToUtc(`${addDays(firstDate, DAYS_SHOWN)}T00:00`, zone.timeZone);
  const fromInstant = from.ok && Date.parse(from.instant) > now.getTime() ? from.instant : now.toISOString();

  const session = locals.session;
  const canBook = session?.roles.includes('patient') ?? false;
  const [slots, dependants, reviews] = await Promise.all([
    choice.service && to.ok
      ? locals.api.doctors.slots(params.id, {
          from: fromInstant,
          to: to.instant,
          serviceId: choice.service.id,
          ...(choice.method ? { method: choice.method } : {}),
          tz: zone.timeZone,
        })
      : null,
    canBook ? locals.api.account.dependants() : null,
    locals.api.lifecycle.doctorReviews(params.id, { first: 5 }),
  ]);

  const subjects: BookingSubject[] = [
    { id: '', name: 'Myself', relationship: null },
    ...(dependants?.ok ? dependants.data : []).map((dependant) => ({
      id: dependant.id,
      name: dependant.name,
      relationship: labelOf(relationshipLabels, dependant.relationship),
    })),
  ];
  return {
    doctor: doctor.data,
    choice,
    zone,
    utcOffset: slots?.ok ? (slots.data.slots[0]?.utcOffset ?? null) : null,
    days: slots?.ok ? slotDays(slots.data.slots, zone.timeZone, firstDate, DAYS_SHOWN) : [],
    slotsError: slots && !slots.ok ? slots.error.message : null,
    firstDate,
    today,
    lastDate: addDays(firstDate, DAYS_SHOWN - 1),
    // Reviews are a nicety here: without them the page still books.
    reviews: reviews.ok ? reviews.data.items : [],
    signedIn: session !== null,
    canBook,
    subjects,
    // Back from the review step ("Choose another time"): the earlier choice stays selected.
    chosen: url.searchParams.get('startsAt') ?? '',
    patientId: url.searchParams.get('patientId') ?? '',
  };
};
