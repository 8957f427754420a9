/**
 * `?/confirm` on the review step (doctors/[id]/book): request the reviewed slot for the signed-in
 * patient or one of their dependants. Then, when there is something to pay, straight to the
 * checkout; otherwise (or without JavaScript, see below) to the appointment's own page, which
 * shows the confirmation and a "Pay now" link while payment is due. The API checks the slot again
 * (it may have been taken meanwhile); its refusal is shown on the review step with what to do next.
 */
import { fail, redirect } from '@sveltejs/kit';
import { isConsultationMethod } from '../appointment';
import { bookingFields, type BookingFailure, type BookingField } from '../booking';
import { withAdvice } from '../error-advice';
import { placeDetails } from '../form-feedback';
import { loginPath } from '../redirect-target';
import { checkoutHref } from './checkout-url';
import { httpStatusFor, readValues, redirectIfSessionEnded, text, unreachableMessage } from './form-actions';

export async function confirmBooking(event: {
  request: Request;
  locals: App.Locals;
  url: URL;
  params: { id: string };
}) {
  const { locals, url, params, request } = event;
  if (!locals.session) redirect(303, loginPath({ redirectTo: `${url.pathname}${url.search}` }));
  const form = await request.formData();
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
    return refuse(400, 'Something is missing from this booking. Choose another time to start again.', {
      fieldErrors,
    });
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
    const message = withAdvice(result.error.message, result.error.code, result.status);
    return refuse(httpStatusFor(result.status), message, placed, result.error.code);
  }

  const booked = result.data;
  const mustPay = booked.next ? booked.next === 'pay' : booked.status === 'pending_payment';
  const checkout = mustPay ? checkoutHref(booked.checkoutUrl, locals.api.baseUrl) : null;
  // With JavaScript the page follows this redirect itself. A plain form post must not: browsers
  // apply the CSP `form-action 'self'` to its redirects too, and the checkout is another origin.
  // Those land on the appointment page, whose "Pay now" is an ordinary link.
  const enhanced = request.headers.get('x-sveltekit-action') === 'true';
  if (checkout && enhanced) redirect(303, checkout);
  redirect(303, `/appointments/${encodeURIComponent(booked.id)}?booked=1`);
}
