/**
 * What a practice form action hands back to its page. Each form names its section (and, for
 * services and documents, which one), so a page with many forms shows each answer next to the
 * form that sent it. Failures echo the values typed, as every form in the app does.
 */

export type Section =
  'profile' | 'documents' | 'availability' | 'methods' | 'services' | 'timeOff' | 'online' | 'application';

/** A booked appointment a change of hours would leave outside them (409 AVAILABILITY_CONFLICT). */
export interface BookedConflict {
  appointmentId: string;
  startsAt: string | null;
}

export interface SectionSaved<S extends Section = Section> {
  section: S;
  ok: true;
  message: string;
  /** The service id or document kind the answer is about. */
  target?: string;
}

export interface SectionFailure<S extends Section = Section, V = unknown> {
  section: S;
  ok: false;
  message: string;
  code?: string;
  fieldErrors: Partial<Record<string, string>>;
  otherDetails: string[];
  values: V;
  target?: string;
  conflicts?: BookedConflict[];
}

export type SectionResult<S extends Section = Section, V = unknown> = SectionSaved<S> | SectionFailure<S, V>;

/** The answer for `section` (and `target`), if the last form sent was that one. */
export function resultFor<S extends Section, V>(
  form: unknown,
  section: S,
  target?: string,
): SectionResult<S, V> | null {
  if (!form || typeof form !== 'object' || !('section' in form) || form.section !== section) return null;
  const result = form as SectionResult<S, V>;
  return target === undefined || result.target === target ? result : null;
}

export function failureOf<S extends Section, V>(result: SectionResult<S, V> | null): SectionFailure<S, V> | null {
  return result && !result.ok ? result : null;
}
