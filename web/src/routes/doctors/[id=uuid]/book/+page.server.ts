import { error } from '@sveltejs/kit';
import { isConsultationMethod, type BookingSubject } from '$lib/appointment';
import { labelOf, relationshipLabels } from '$lib/profile';
import { confirmBooking } from '$lib/server/booking-action';
import { unreachableMessage } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import { bookingChoice, feeFor } from '../booking-choice';
import type { Actions, PageServerLoad } from './$types';

/**
 * The review step between choosing a time and booking it: who, what, how, when (on the viewer's
 * clock and the doctor's), the fee and the cancellation policy. Nothing is booked until "Confirm".
 * The choice arrives in the address from the slot picker's GET form, so this page can be reloaded
 * and linked to; the API checks all of it again when the booking is sent.
 */
export const load: PageServerLoad = async ({ locals, params, url, cookies, depends }) => {
  depends(TIME_ZONE_DEPENDENCY);
  requireRole(locals, url, 'patient');
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const [doctor, dependants] = await Promise.all([
    locals.api.doctors.doctor(params.id),
    locals.api.account.dependants(),
  ]);
  if (!doctor.ok) {
    if (doctor.status === 0) error(503, unreachableMessage(locals.api.baseUrl));
    error(
      doctor.status === 404 ? 404 : 502,
      doctor.status === 404 ? 'There is no verified doctor here.' : doctor.error.message,
    );
  }

  const choice = bookingChoice(doctor.data, url.searchParams);
  const method = url.searchParams.get('method') ?? '';
  const startsAt = url.searchParams.get('startsAt') ?? '';
  const start = Date.parse(startsAt);
  const patientId = url.searchParams.get('patientId') ?? '';
  const subject: BookingSubject | null =
    patientId === ''
      ? { id: '', name: 'Myself', relationship: null }
      : ((dependants.ok ? dependants.data : [])
          .filter((dependant) => dependant.id === patientId)
          .map((dependant) => ({
            id: dependant.id,
            name: dependant.name,
            relationship: labelOf(relationshipLabels, dependant.relationship),
          }))[0] ?? null);

  // What is missing or no longer right, in words; the page then offers to choose again.
  const problems: string[] = [];
  if (!choice.service || choice.service.id !== url.searchParams.get('serviceId')) {
    problems.push('The service chosen is not offered by this doctor any more.');
  }
  if (!isConsultationMethod(method) || choice.method !== method) {
    problems.push('This doctor does not offer that way of consulting for this service.');
  }
  if (Number.isNaN(start)) problems.push('No time was chosen.');
  else if (start <= Date.now()) problems.push('The time chosen has already passed.');
  if (!subject) problems.push('The person this booking was for is not among your dependants.');

  const service = choice.service;
  return {
    doctor: doctor.data,
    service,
    method,
    startsAt: Number.isNaN(start) ? null : new Date(start).toISOString(),
    endsAt: service && !Number.isNaN(start) ? new Date(start + service.durationMinutes * 60_000).toISOString() : null,
    fee: service && isConsultationMethod(method) ? feeFor(doctor.data, service, method) : null,
    subject,
    patientId,
    zone,
    problems,
    // One key per rendered review: confirming twice (a double click, a retry) books once.
    bookingKey: crypto.randomUUID(),
  };
};

export const actions: Actions = {
  confirm: (event) => confirmBooking(event),
};
