/**
 * What every page about one appointment starts with: the appointment as the API shows it to this
 * viewer (or an error page that says what to do), how the viewer stands to it, and the doctor's
 * public name and time zone for labels.
 */
import { error } from '@sveltejs/kit';
import type { Viewpoint } from '../appointment-lifecycle';
export { APPOINTMENT_DEPENDENCY } from '../appointment-lifecycle';
import { checkoutHref } from './checkout-url';
import { redirectIfSessionEnded, unreachableMessage } from './form-actions';
import type { AuthStatus } from './identity-schemas';
import type { AppointmentDetail } from './lifecycle-schemas';

export async function loadAppointment(locals: App.Locals, id: string, url: URL): Promise<AppointmentDetail> {
  const detail = await locals.api.lifecycle.detail(id);
  if (detail.ok) {
    return { ...detail.data, checkoutUrl: checkoutHref(detail.data.checkoutUrl, locals.api.baseUrl) };
  }
  redirectIfSessionEnded(detail.status, url);
  if (detail.status === 0) error(503, unreachableMessage(locals.api.baseUrl));
  if (detail.status === 404 || detail.status === 403) {
    error(404, 'There is no appointment here that you may see. Open it from your appointments list.');
  }
  error(502, `${detail.error.message} Reload the page in a moment.`);
}

/**
 * The doctor's own appointment, or one the viewer booked (for themself or a dependant: the API
 * only shows those to patients). Staff see it read-only.
 */
export function viewpointOf(session: AuthStatus, detail: Pick<AppointmentDetail, 'doctorId'>): Viewpoint {
  if (session.accountId === detail.doctorId) return 'doctor';
  if (session.roles.includes('patient')) return 'patient';
  return 'staff';
}

export interface DoctorLabel {
  name: string;
  timeZone: string | null;
}

/** The doctor's public name and zone; the detail's own fields win, a reference stands in for neither. */
export async function doctorLabel(locals: App.Locals, detail: AppointmentDetail): Promise<DoctorLabel> {
  if (detail.doctorName && detail.doctorTimeZone) return { name: detail.doctorName, timeZone: detail.doctorTimeZone };
  const profile = await locals.api.doctors.doctor(detail.doctorId);
  return {
    name: detail.doctorName ?? (profile.ok ? profile.data.displayName : `Doctor ${detail.doctorId.slice(0, 8)}`),
    timeZone: detail.doctorTimeZone ?? (profile.ok ? profile.data.timeZone : null),
  };
}
