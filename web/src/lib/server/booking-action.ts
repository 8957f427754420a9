/**
 * `?/book` on a doctor's page: request the chosen slot for the signed-in patient or one of their
 * dependants, then go to /appointments, which confirms it. The slot came from the API's own list;
 * the API checks it again (it may have been taken meanwhile) and its refusal is shown in the picker.
 */
import { fail, redirect } from '@sveltejs/kit';
import { isConsultationMethod } from '../appointment';
import { bookingFields, type BookingFailure, type BookingField } from '../booking';
import { placeDetails } from '../form-feedback';
import { loginPath } from '../redirect-target';
import { httpStatusFor, readValues, redirectIfSessionEnded, text, unreachableMessage } from './form-actions';

export async function bookSlot(event: { request: Request; locals: App.Locals; url: URL; params: { id: string } }) {
  const { locals, url, params } = event;
  const here = `${url.pathname}${url.search}`;
  if (!locals.session) redirect(303, loginPath({ redirectTo: here }));
  const form = await event.request.formData();
  const values = readValues(form, bookingFields);
  const key = text(form, 'idempotencyKey');
  const idempotencyKey = key.length >= 8 && key.length <= 200 ? key : null;
  const refuse = (
    status: number,
    message: string,
    placed: Partial<Pick<BookingFailure, 'fieldErrors' | 'otherDetails'>> = {},
    code: string | null = null,
  ) =>
    fail(status, {
      ok: false,
      message,
      code,
      fieldErrors: {},
      otherDetails: [],
      values,
      idempotencyKey,
      ...placed,
    } satisfies BookingFailure);

  const fieldErrors: Partial<Record<BookingField, string>> = {};
  if (!values.serviceId) fieldErrors.serviceId = 'Choose a service.';
  if (!isConsultationMethod(values.method)) fieldErrors.method = 'Choose how you would like to consult.';
  if (Number.isNaN(Date.parse(values.startsAt))) fieldErrors.startsAt = 'Choose a time.';
  if (Object.keys(fieldErrors).length > 0 || !isConsultationMethod(values.method)) {
    return refuse(400, 'Choose a time to book.', { fieldErrors });
  }

  const result = await locals.api.requestAppointment(
    {
      doctorId: params.id,
      serviceId: values.serviceId,
      method: values.method,
      startsAt: new Date(values.startsAt).toISOString(),
      ...(values.patientId ? { patientId: values.patientId } : {}),
    },
    idempotencyKey ?? undefined,
  );
  if (!result.ok) {
    redirectIfSessionEnded(result.status, url);
    if (result.status === 0) return refuse(503, unreachableMessage(locals.api.baseUrl));
    const placed = placeDetails(result.error.details, bookingFields);
    return refuse(httpStatusFor(result.status), result.error.message, placed, result.error.code);
  }
  redirect(303, `/appointments?booked=${encodeURIComponent(result.data.id)}`);
}
