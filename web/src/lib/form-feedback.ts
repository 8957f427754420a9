/**
 * What a failed form action hands back to its page, for every form in the app: the values typed
 * (so nothing is lost, with or without JavaScript), a message for the banner, and the API's
 * `details` placed next to the fields they name.
 */

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormFailure<F extends string> {
  ok: false;
  message: string;
  fieldErrors: FieldErrors<F>;
  /** Details whose path names no field of this form, listed under the banner. */
  otherDetails: string[];
  values: Record<F, string>;
}

export interface Detail {
  path: string;
  message: string;
}

/**
 * API paths come as "email", "body.email", "/email" or "body.emergencyContact.phone". A form field
 * is named by the dotted path ("emergencyContact.phone"); failing that, the last segment decides;
 * failing that, the longest leading part does ("body.languages.2" → "languages").
 */
export function fieldFromPath<F extends string>(path: string, fields: readonly F[]): F | null {
  const segments = path.split(/[./]/).filter(Boolean);
  if (segments[0] === 'body' || segments[0] === 'querystring') segments.shift();
  const prefixes = segments.map((_, index) => segments.slice(0, segments.length - 1 - index).join('.'));
  for (const candidate of [segments.join('.'), segments.at(-1) ?? '', ...prefixes.filter(Boolean)]) {
    const field = fields.find((name) => name === candidate);
    if (field) return field;
  }
  return null;
}

export function placeDetails<F extends string>(
  details: readonly Detail[],
  fields: readonly F[],
): { fieldErrors: FieldErrors<F>; otherDetails: string[] } {
  const fieldErrors: FieldErrors<F> = {};
  const otherDetails: string[] = [];
  for (const detail of details) {
    const field = fieldFromPath(detail.path, fields);
    if (field && !fieldErrors[field]) fieldErrors[field] = detail.message;
    else otherDetails.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { fieldErrors, otherDetails };
}

/** "Try again in 45 seconds" / "in 3 minutes", for rate limits. */
export function waitPhrase(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'Wait a moment and try again.';
  if (seconds <= 1) return 'Try again in a second.';
  if (seconds < 90) return `Try again in ${Math.ceil(seconds)} seconds.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minutes.`;
}

/** `aria-describedby` for a field: its hint, then its error when there is one. */
export function describedBy(id: string, hasError: boolean, hintId?: string): string | undefined {
  return [hintId, hasError ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}
