import type { Appointment } from '$lib/appointment';
import { countByStatus, upcoming } from '$lib/dashboard';
import { directoryFor } from '$lib/server/directory';
import { redirectIfSessionEnded } from '$lib/server/form-actions';
import type { PageServerLoad } from './$types';

/** The landing page for visitors; for an account, one dashboard per role it holds. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const session = locals.session;
  if (!session) return { dashboard: null };

  const roles = session.roles;
  const isPatient = roles.includes('patient');
  const needsAppointments = roles.some((role) => role !== 'admin');
  let appointments: Appointment[] = [];
  let appointmentsError: string | null = null;
  // The API returns what this account may see: a patient's own and their dependants', a doctor's
  // own, everything for finance. An account holding several roles sees the union, so each
  // dashboard below picks its part.
  const [list, dependants] = await Promise.all([
    needsAppointments ? locals.api.listAppointments({ first: 200 }) : null,
    isPatient ? locals.api.account.dependants() : null,
  ]);
  if (list?.ok) appointments = list.data;
  else if (list) {
    redirectIfSessionEnded(list.status, url);
    appointmentsError = list.error.message;
  }
  const inMyCare = new Set([
    session.accountId,
    ...(dependants?.ok ? dependants.data.map((dependant) => dependant.id) : []),
  ]);
  const now = new Date();
  const next = upcoming(
    appointments.filter((appointment) => inMyCare.has(appointment.patientId)),
    now,
    3,
  );
  // A doctor's id is their account id.
  const schedule = upcoming(
    appointments.filter((appointment) => appointment.doctorId === session.accountId),
    now,
    10,
  );
  const [directory, application] = await Promise.all([
    directoryFor(locals.api, [...next, ...schedule]),
    roles.includes('doctor') ? locals.api.practice.application() : null,
  ]);
  return {
    dashboard: {
      roles,
      totpEnabled: session.totpEnabled,
      emailVerified: session.emailVerified,
      appointmentsError,
      next,
      schedule,
      totals: { all: appointments.length, byStatus: countByStatus(appointments) },
      directory,
      /** The doctor's verification application, for their dashboard; null when it could not be read. */
      application: application?.ok ? application.data : null,
    },
  };
};
