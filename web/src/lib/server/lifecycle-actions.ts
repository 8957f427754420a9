/**
 * The form actions that move one appointment along: cancel, reschedule, check in, admit, end,
 * prescribe, review. Each reads the form, checks what is worth checking before the API is asked,
 * sends the command, and turns any refusal into data for the page (the API's message plus what
 * to do next). Success returns the new status; the page reloads its data after every action.
 */
import { fail, redirect } from '@sveltejs/kit';
import { doctorCancelReasons, patientCancelReasons } from '../appointment';
import { withAdvice } from '../error-advice';
import { placeDetails } from '../form-feedback';
import { reviewCommentMax, type LifecycleStep, type StepDone, type StepFailure } from '../lifecycle-form';
import {
  missingFields,
  placePrescriptionDetails,
  readMedicineRows,
  toPrescriptionInput,
  type PrescriptionFailure,
} from '../prescription-form';
import { loginPath } from '../redirect-target';
import type { ApiResult } from './api-client';
import { httpStatusFor, redirectIfSessionEnded, text, unreachableMessage } from './form-actions';
import type { CommandAnswer } from './lifecycle-schemas';

interface ActionEvent {
  request: Request;
  locals: App.Locals;
  url: URL;
  /** The appointment page's own id; pages listing several (the doctor's day) send `id` in the form. */
  params: { id?: string };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function targetId(event: ActionEvent, form: FormData): string {
  return event.params.id ?? text(form, 'id');
}

type Step = Exclude<LifecycleStep, 'prescribe'>;

function refuse(
  status: number,
  action: Step,
  id: string,
  message: string,
  extra: Partial<Pick<StepFailure, 'code' | 'fieldErrors' | 'otherDetails' | 'values'>> = {},
) {
  const data: StepFailure = {
    action,
    ok: false,
    id,
    message,
    code: null,
    fieldErrors: {},
    otherDetails: [],
    values: {},
    ...extra,
  };
  return fail(status, data);
}

/** Sends one command and answers for the page: done with the new status, or why not and what next. */
async function answer(
  event: ActionEvent,
  action: Step,
  id: string,
  result: ApiResult<CommandAnswer>,
  values: Record<string, string> = {},
  fields: readonly string[] = [],
) {
  if (result.ok) return { action, ok: true, id, status: result.data.status } satisfies StepDone;
  redirectIfSessionEnded(result.status, event.url);
  if (result.status === 0) return refuse(503, action, id, unreachableMessage(event.locals.api.baseUrl), { values });
  const { code } = result.error;
  const placed = placeDetails(result.error.details, fields);
  if (code === 'VALIDATION_FAILED' && result.error.details.length > 0 && placed.otherDetails.length === 0) {
    const message = 'Some fields need your attention: see the messages under them, then send it again.';
    return refuse(400, action, id, message, { code, values, ...placed });
  }
  return refuse(httpStatusFor(result.status), action, id, withAdvice(result.error.message, code, result.status), {
    code,
    values,
    ...placed,
  });
}

function requireSignedIn(event: ActionEvent): void {
  if (!event.locals.session) redirect(303, loginPath({ redirectTo: `${event.url.pathname}${event.url.search}` }));
}

export async function cancelAction(event: ActionEvent) {
  requireSignedIn(event);
  const form = await event.request.formData();
  const id = targetId(event, form);
  const reason = text(form, 'reason');
  const allowed: readonly string[] = [...patientCancelReasons, ...doctorCancelReasons];
  if (!allowed.includes(reason)) {
    return refuse(400, 'cancel', id, 'Choose why you are cancelling.', {
      fieldErrors: { reason: 'Choose a reason from the list.' },
      values: { reason },
    });
  }
  const result = await event.locals.api.cancelAppointment(id, reason);
  // Leave the "cancel?" step (it lives in the address) for the appointment as it now is.
  if (result.ok) redirect(303, `/appointments/${id}?cancelled=1`);
  return answer(event, 'cancel', id, result, { reason }, ['reason']);
}

export async function rescheduleAction(event: ActionEvent) {
  requireSignedIn(event);
  const form = await event.request.formData();
  const id = targetId(event, form);
  const startsAt = text(form, 'startsAt');
  if (Number.isNaN(Date.parse(startsAt))) {
    return refuse(400, 'reschedule', id, 'Choose the new time.', { fieldErrors: { startsAt: 'Choose a time.' } });
  }
  const result = await event.locals.api.lifecycle.reschedule(id, new Date(startsAt).toISOString());
  if (result.ok) redirect(303, `/appointments/${id}?rescheduled=1`);
  return answer(event, 'reschedule', id, result, { startsAt }, ['startsAt']);
}

/** Check in, admit and end take no input but the appointment. */
async function bareStep(event: ActionEvent, action: 'checkIn' | 'admit' | 'end') {
  requireSignedIn(event);
  const id = targetId(event, await event.request.formData());
  if (!uuidPattern.test(id)) return refuse(400, action, id, 'Which appointment? The form did not say.');
  const lifecycle = event.locals.api.lifecycle;
  const call = action === 'checkIn' ? lifecycle.checkIn : action === 'admit' ? lifecycle.admit : lifecycle.end;
  return answer(event, action, id, await call(id));
}

export const checkInAction = (event: ActionEvent) => bareStep(event, 'checkIn');
export const admitAction = (event: ActionEvent) => bareStep(event, 'admit');
export const endAction = (event: ActionEvent) => bareStep(event, 'end');

export async function reviewAction(event: ActionEvent) {
  requireSignedIn(event);
  const form = await event.request.formData();
  const id = targetId(event, form);
  const values = { rating: text(form, 'rating'), comment: text(form, 'comment') };
  const rating = Number(values.rating);
  const fieldErrors: Record<string, string> = {};
  if (!values.rating || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    fieldErrors.rating = 'Choose from 1 to 5 stars.';
  }
  if (values.comment.length > reviewCommentMax) {
    fieldErrors.comment = `Keep the comment under ${reviewCommentMax} characters (it has ${values.comment.length}).`;
  }
  if (Object.keys(fieldErrors).length > 0) {
    return refuse(400, 'review', id, 'Check the review and send it again.', { fieldErrors, values });
  }
  const result = await event.locals.api.lifecycle.review(id, {
    rating,
    ...(values.comment ? { comment: values.comment } : {}),
  });
  return answer(event, 'review', id, result, values, ['rating', 'comment']);
}

/** Prescriptions come from the doctor's today view; `id` is in the form, as one page holds several. */
export async function prescribeAction(event: ActionEvent) {
  requireSignedIn(event);
  const { locals, url } = event;
  const form = await event.request.formData();
  const id = targetId(event, form);
  const rows = readMedicineRows(form);
  const notes = text(form, 'notes');
  const refused = (
    status: number,
    message: string,
    placed: Pick<PrescriptionFailure, 'fieldErrors' | 'otherDetails'>,
  ) =>
    fail(status, { action: 'prescribe', ok: false, id, message, rows, notes, ...placed } satisfies PrescriptionFailure);

  if (!uuidPattern.test(id)) return refused(400, 'Which appointment? The form did not say.', empty());
  const missing = missingFields(rows);
  if (Object.keys(missing).length > 0) {
    return refused(400, 'Some fields need your attention before the prescription can be issued.', {
      fieldErrors: missing,
      otherDetails: [],
    });
  }
  const result = await locals.api.lifecycle.prescribe(id, toPrescriptionInput(rows, notes));
  if (result.ok) return { action: 'prescribe' as const, ok: true as const, id, status: result.data.status };
  redirectIfSessionEnded(result.status, url);
  if (result.status === 0) return refused(503, unreachableMessage(locals.api.baseUrl), empty());
  const placed = placePrescriptionDetails(result.error.details, rows.length);
  // The API's message repeats every detail with its path; each is shown under its field instead.
  if (result.error.code === 'VALIDATION_FAILED' && placed.otherDetails.length === 0) {
    return refused(400, 'Some fields need your attention: see the messages under them, then send it again.', placed);
  }
  return refused(
    httpStatusFor(result.status),
    withAdvice(result.error.message, result.error.code, result.status),
    placed,
  );
}

const empty = () => ({ fieldErrors: {}, otherDetails: [] });
