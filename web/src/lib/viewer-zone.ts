/**
 * The viewer's own time zone, which slot times are shown in. The browser knows it
 * (Intl.DateTimeFormat().resolvedOptions().timeZone) and tells the server in a cookie
 * (components/time-zone-sync.svelte), so pages render the right wall times from the start; a
 * `?tz=` in the address overrides it. Not personal data worth protecting: a plain cookie.
 */
import { isValidTimeZone } from './zoned-time';

export const TIME_ZONE_COOKIE = 'consulta_tz';
/** Loads that render in the viewer's zone depend on this, so a newly learnt zone re-runs them. */
export const TIME_ZONE_DEPENDENCY = 'consulta:time-zone';

export interface ViewerZone {
  timeZone: string;
  /** False when neither the address nor the cookie named a zone, and UTC stands in. */
  known: boolean;
}

export function resolveViewerZone(fromQuery: string | null, fromCookie: string | undefined): ViewerZone {
  for (const candidate of [fromQuery, fromCookie]) {
    if (candidate && isValidTimeZone(candidate)) return { timeZone: candidate, known: true };
  }
  return { timeZone: 'UTC', known: false };
}

/** The first language the browser asks for that Intl knows; British English otherwise (24-hour clock). */
export function localeFrom(acceptLanguage: string | null): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (!tag || tag === '*') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // not a tag: try the next one
    }
  }
  return 'en-GB';
}
