/**
 * Formats an API instant for people: date, time and the zone it is shown in. In the browser both
 * locale and zone default to the viewer's own, which is the point; the server only uses it with
 * an explicit 'UTC' so pages rendered without JavaScript still say which zone they show.
 */

export interface FormattedInstant {
  date: string;
  time: string;
  /** Short zone name as the locale writes it: "EST", "GMT+2", "UTC". */
  zoneName: string;
  /** IANA zone the instant was rendered in, e.g. "Africa/Maputo". */
  timeZone: string;
}

export interface FormatOptions {
  locale?: string;
  timeZone?: string;
  /** Drop weekday and year ("Nov 22"), for deadlines that are near by nature. */
  compact?: boolean;
}

export function formatInstant(iso: string, options: FormatOptions = {}): FormattedInstant | null {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  const { locale, timeZone, compact = false } = options;

  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    ...(compact ? {} : { weekday: 'short', year: 'numeric' }),
  }).format(instant);
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const parts = timeFormat.formatToParts(instant);
  const zoneName = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const time = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();

  return { date, time, zoneName, timeZone: timeFormat.resolvedOptions().timeZone };
}

/** The viewer's IANA zone, or '' when the runtime cannot tell (the server then falls back to UTC). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}
