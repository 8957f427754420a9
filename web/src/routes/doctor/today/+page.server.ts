import { DOCTOR_DAY_DEPENDENCY } from '$lib/appointment-lifecycle';
import { redirectIfSessionEnded, unreachableMessage } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import { admitAction, endAction, prescribeAction } from '$lib/server/lifecycle-actions';
import type { Actions, PageServerLoad } from './$types';

/**
 * The doctor's day on the practice's own clock (the API counts "today" in the zone of the doctor's
 * hours): who is waiting (admit), who is in consultation (end), what still needs a prescription,
 * today's queue and what comes next.
 */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends(DOCTOR_DAY_DEPENDENCY);
  requireRole(locals, url, 'doctor');
  const dashboard = await locals.api.lifecycle.doctorDashboard();
  redirectIfSessionEnded(dashboard.status, url);
  if (!dashboard.ok) {
    return {
      day: null,
      error:
        dashboard.status === 0
          ? unreachableMessage(locals.api.baseUrl)
          : `${dashboard.error.message} Reload the page in a moment.`,
    };
  }
  return { day: dashboard.data, error: null };
};

export const actions: Actions = {
  admit: admitAction,
  end: endAction,
  prescribe: prescribeAction,
};
