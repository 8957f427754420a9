import type { BookingSubject } from '$lib/appointment';
import { relationshipLabels, labelOf } from '$lib/profile';
import { checkPassed } from '$lib/server/api-schemas';
import { cancelAppointmentAction } from '$lib/server/appointment-actions';
import { directoryFor } from '$lib/server/directory';
import { redirectIfSessionEnded, unreachableMessage } from '$lib/server/form-actions';
import { requireSession } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

type ListError = { kind: 'unreachable'; message: string } | { kind: 'failed'; code: string; message: string };

// The page must render even when the API is down: every failure becomes data, never a 500.
export const load: PageServerLoad = async ({ locals, url }) => {
  const session = requireSession(locals, url);
  const api = locals.api;
  // Patients book (for themselves or a dependant); doctors and staff only see what they may.
  const canBook = session.roles.includes('patient');
  const [list, health, dependants] = await Promise.all([
    api.listAppointments({ first: 50 }),
    api.health(),
    canBook ? api.account.dependants() : null,
  ]);
  redirectIfSessionEnded(list.status, url);

  let listError: ListError | null = null;
  if (!list.ok) {
    listError =
      list.status === 0
        ? { kind: 'unreachable', message: unreachableMessage(api.baseUrl) }
        : { kind: 'failed', code: list.error.code, message: list.error.message };
  }
  const degradedChecks =
    health.ok && health.data.status === 'degraded'
      ? Object.entries(health.data.checks)
          .filter(([, check]) => !checkPassed(check))
          .map(([name]) => name)
      : [];

  const appointments = list.ok ? list.data : [];
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
    appointments,
    listError,
    apiDegraded: health.ok && health.data.status === 'degraded',
    degradedChecks,
    directory: await directoryFor(api, appointments),
    canBook,
    accountId: session.accountId,
    subjects,
    // Set by a doctor page after booking (booking-action.ts): the appointment to confirm.
    booked: url.searchParams.get('booked'),
  };
};

export const actions: Actions = {
  cancel: async ({ request, locals, url }) =>
    cancelAppointmentAction(await request.formData(), locals.api, locals.api.baseUrl, url),
};
