import type { BookingSubject } from '$lib/appointment';
import { relationshipLabels, labelOf } from '$lib/profile';
import { checkPassed } from '$lib/server/api-schemas';
import { checkoutHref } from '$lib/server/checkout-url';
import { directoryFor } from '$lib/server/directory';
import { redirectIfSessionEnded, unreachableMessage } from '$lib/server/form-actions';
import { requireSession } from '$lib/server/guards';
import type { DashboardItem } from '$lib/server/lifecycle-schemas';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import type { PageServerLoad } from './$types';

type LoadError = { kind: 'unreachable'; message: string } | { kind: 'failed'; code: string; message: string };

const loadError = (status: number, error: { code: string; message: string }, baseUrl: string): LoadError =>
  status === 0 ? { kind: 'unreachable', message: unreachableMessage(baseUrl) } : { kind: 'failed', ...error };

/**
 * A patient's appointments (their own and their dependants'), upcoming and past, each opening its
 * own page; a doctor's, with the way to today's view; staff see the list their role allows. The
 * page renders whatever the API does: every failure becomes data, never a 500.
 */
export const load: PageServerLoad = async ({ locals, url, cookies, depends }) => {
  depends(TIME_ZONE_DEPENDENCY);
  const session = requireSession(locals, url);
  const api = locals.api;
  const isPatient = session.roles.includes('patient');
  const isDoctor = session.roles.includes('doctor');
  const isStaff = session.roles.includes('admin') || session.roles.includes('finance');
  const pastAfter = url.searchParams.get('pastAfter') ?? undefined;
  const [dashboard, list, health, dependants] = await Promise.all([
    isPatient ? api.lifecycle.patientDashboard({ first: 20, ...(pastAfter ? { pastAfter } : {}) }) : null,
    isDoctor || isStaff ? api.listAppointments({ first: 50 }) : null,
    api.health(),
    isPatient ? api.account.dependants() : null,
  ]);
  if (dashboard) redirectIfSessionEnded(dashboard.status, url);
  if (list) redirectIfSessionEnded(list.status, url);

  const withCheckout = (item: DashboardItem): DashboardItem => ({
    ...item,
    checkoutUrl: checkoutHref(item.checkoutUrl, api.baseUrl),
  });
  // A doctor's list is the appointments booked with them (their own bookings as a patient are above);
  // staff see everything their role allows.
  const others = list?.ok
    ? list.data.filter((appointment) => isStaff || appointment.doctorId === session.accountId)
    : [];
  const subjects: BookingSubject[] = [
    { id: '', name: 'Myself', relationship: null },
    ...(dependants?.ok ? dependants.data : []).map((dependant) => ({
      id: dependant.id,
      name: dependant.name,
      relationship: labelOf(relationshipLabels, dependant.relationship),
    })),
  ];

  return {
    apiBaseUrl: api.baseUrl,
    zone: resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE)),
    accountId: session.accountId,
    isPatient,
    isDoctor,
    isStaff,
    mine: dashboard?.ok
      ? {
          upcoming: dashboard.data.upcoming.map(withCheckout),
          past: dashboard.data.past.map(withCheckout),
          nextPast: dashboard.data.pageInfo.hasNextPage ? dashboard.data.pageInfo.endCursor : null,
          pastPaged: pastAfter !== undefined,
        }
      : null,
    mineError: dashboard && !dashboard.ok ? loadError(dashboard.status, dashboard.error, api.baseUrl) : null,
    list: list ? others : null,
    listError: list && !list.ok ? loadError(list.status, list.error, api.baseUrl) : null,
    directory: await directoryFor(api, others),
    apiDegraded: health.ok && health.data.status === 'degraded',
    degradedChecks:
      health.ok && health.data.status === 'degraded'
        ? Object.entries(health.data.checks)
            .filter(([, check]) => !checkPassed(check))
            .map(([name]) => name)
        : [],
    subjects,
  };
};
