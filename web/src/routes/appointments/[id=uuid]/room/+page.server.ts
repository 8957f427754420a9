import { error } from '@sveltejs/kit';
import { APPOINTMENT_DEPENDENCY, doctorLabel, loadAppointment, viewpointOf } from '$lib/server/appointment-page';
import { requireSession } from '$lib/server/guards';
import { endAction } from '$lib/server/lifecycle-actions';
import { resolveViewerZone, TIME_ZONE_COOKIE } from '$lib/viewer-zone';
import type { Actions, PageServerLoad } from './$types';

/**
 * The consultation room: the join descriptor the API mints for this viewer (provider, room, a
 * short-lived token), while the consultation is in progress. The doctor ends it from here.
 */
export const load: PageServerLoad = async ({ locals, params, url, cookies, depends }) => {
  depends(APPOINTMENT_DEPENDENCY);
  const session = requireSession(locals, url);
  const detail = await loadAppointment(locals, params.id, url);
  const viewpoint = viewpointOf(session, detail);
  if (viewpoint === 'staff') error(403, 'Only the patient and the doctor of this appointment can join its room.');
  const inProgress = detail.status === 'in_consultation';
  const [room, doctor] = await Promise.all([
    inProgress ? locals.api.lifecycle.room(params.id) : null,
    doctorLabel(locals, detail),
  ]);
  const link = room?.ok ? room.data.url : null;
  return {
    detail,
    viewpoint,
    doctor,
    zone: resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE)),
    room: room?.ok
      ? {
          provider: room.data.provider,
          roomId: room.data.roomId,
          expiresAt: room.data.expiresAt,
          // Only a web address is offered as a link; the local adapter's ids are not one.
          href: link && /^https?:\/\//i.test(link) ? link : null,
          local: room.data.provider === 'local',
          // Its link is this page, and its token is for a Twilio client (none runs here yet): the
          // token stays on the server.
          twilio: room.data.provider === 'twilio',
        }
      : null,
    roomError: room && !room.ok ? room.error.message : null,
  };
};

export const actions: Actions = {
  end: endAction,
};
