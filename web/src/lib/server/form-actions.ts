/**
 * Shared steps of every form action: read the typed values, and turn a failed API call into the
 * page's `FormFailure` with a status the browser understands (the API's 4xx as is; 502 for an
 * API that failed; 503 for one that could not be reached).
 */
import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { placeDetails, waitPhrase, type FieldErrors, type FormFailure } from '$lib/form-feedback';
import { loginPath } from '$lib/redirect-target';
import type { ApiError } from './api-http';

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function readValues<F extends string>(form: FormData, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((field) => [field, text(form, field)])) as Record<F, string>;
}

export function unreachableMessage(baseUrl: string): string {
  return `The API at ${baseUrl} is not reachable; is \`npm start\` running?`;
}

export function httpStatusFor(apiStatus: number): number {
  if (apiStatus === 0) return 503;
  return apiStatus >= 500 ? 502 : apiStatus;
}

export interface Explained<F extends string> {
  message: string;
  fieldErrors: FieldErrors<F>;
  otherDetails: string[];
}

/** The API's message and details, with the wait spelled out for rate limits. */
export function explain<F extends string>(
  error: ApiError,
  status: number,
  fields: readonly F[],
  baseUrl: string,
): Explained<F> {
  if (status === 0) return { message: unreachableMessage(baseUrl), fieldErrors: {}, otherDetails: [] };
  const placed = placeDetails(error.details, fields);
  if (status === 429) return { message: `Too many attempts. ${waitPhrase(error.retryAfterSeconds)}`, ...placed };
  return { message: error.message, ...placed };
}

export function rejected<F extends string, Extra extends object = object>(
  status: number,
  values: Record<F, string>,
  explained: Explained<F>,
  extra?: Extra,
): ActionFailure<FormFailure<F> & Extra> {
  return fail(status, { ok: false as const, values, ...explained, ...(extra ?? ({} as Extra)) });
}

/** An action's API call answered 401: the session ended mid-request, so log in again. */
export function redirectIfSessionEnded(status: number, url: URL): void {
  if (status === 401) redirect(303, loginPath({ redirectTo: `${url.pathname}${url.search}`, expired: true }));
}
