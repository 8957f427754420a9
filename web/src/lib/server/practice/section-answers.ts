/** Shared steps of the practice form actions: the saved answer, and an API refusal turned into the form's failure. */
import { fail } from '@sveltejs/kit';
import type { Detail } from '../../form-feedback';
import type { BookedConflict, Section, SectionFailure, SectionSaved } from '../../practice/section-result';
import type { ApiError } from '../api-http';
import { explain, httpStatusFor, redirectIfSessionEnded } from '../form-actions';

export type PracticeEvent = { request: Request; locals: App.Locals; url: URL };

export function saved<S extends Section>(section: S, message: string, target?: string): SectionSaved<S> {
  return { section, ok: true, message, ...(target === undefined ? {} : { target }) };
}

export function refused<S extends Section, V>(
  status: number,
  section: S,
  values: V,
  message: string,
  placed: { fieldErrors?: Partial<Record<string, string>>; otherDetails?: string[] } = {},
  extra: Partial<Pick<SectionFailure, 'target' | 'conflicts' | 'code'>> = {},
) {
  const failure: SectionFailure<S, V> = {
    section,
    ok: false,
    message,
    fieldErrors: placed.fieldErrors ?? {},
    otherDetails: placed.otherDetails ?? [],
    values,
    ...extra,
  };
  return fail(status, failure);
}

/** `appointments.<id>` / "booked for <instant>" details of a 409 AVAILABILITY_CONFLICT. */
export function bookedConflicts(details: readonly Detail[]): BookedConflict[] {
  return details
    .map((detail) => ({
      appointmentId: /appointments\.([0-9a-f-]{36})/i.exec(detail.path)?.[1] ?? '',
      startsAt: /(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(detail.message)?.[1] ?? null,
    }))
    .filter((conflict) => conflict.appointmentId !== '');
}

const staleMessage =
  'Your practice changed since this page was loaded (another tab or device?). Check the values below and save again.';

/**
 * A failed API call as the section's failure: the API's message and details on their fields, a
 * plain message for stale revisions, and the appointments in the way for AVAILABILITY_CONFLICT.
 */
export function apiRefusal<S extends Section, V>(
  event: PracticeEvent,
  section: S,
  values: V,
  result: { status: number; error: ApiError },
  fields: readonly string[],
  options: {
    target?: string;
    place?: (details: readonly Detail[]) => { fieldErrors: Partial<Record<string, string>>; otherDetails: string[] };
  } = {},
) {
  redirectIfSessionEnded(result.status, event.url);
  const explained = explain(result.error, result.status, fields, event.locals.api.baseUrl);
  const placed = options.place && result.status !== 0 ? options.place(result.error.details) : explained;
  const code = result.error.code;
  const extra = { code, ...(options.target === undefined ? {} : { target: options.target }) };
  if (code === 'AVAILABILITY_CONFLICT') {
    return refused(
      409,
      section,
      values,
      result.error.message,
      {},
      { ...extra, conflicts: bookedConflicts(result.error.details) },
    );
  }
  const message = code === 'CONCURRENT_MODIFICATION' ? staleMessage : explained.message;
  return refused(httpStatusFor(result.status), section, values, message, placed, extra);
}

/** The revision the form was rendered with, sent back as If-Match; none when unreadable. */
export function revisionOf(form: FormData): number | undefined {
  const value = form.get('revision');
  const revision = typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isInteger(revision) ? revision : undefined;
}
