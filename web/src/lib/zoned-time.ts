/**
 * Wall-clock time in an IANA zone → UTC instant, using only Intl (no time-zone library).
 *
 * A `datetime-local` input gives "2026-03-08T02:30" with no zone; the browser tells us its zone
 * separately. Two wall times need an explicit rule because of daylight saving:
 * - a time inside a spring-forward gap does not exist; we REJECT it with a clear message rather
 *   than silently shifting it, since a patient booking "02:30" must not end up at 03:30;
 * - a time inside a fall-back overlap happens twice; we take the EARLIER instant (the first time
 *   the clock shows it), which is what Temporal's `disambiguation: 'compatible'` also does.
 */

export type ZonedTimeFailure = 'invalid_local_time' | 'invalid_time_zone' | 'nonexistent_local_time';

export type ZonedTimeResult =
  | { ok: true; instant: string; offsetMinutes: number; ambiguous: boolean }
  | { ok: false; reason: ZonedTimeFailure; message: string };

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const dayMs = 86_400_000;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parseLocal(local: string): WallTime | null {
  const match = localPattern.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Years below 1000 would need era handling in Intl and are never a real booking.
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day, hour, minute, second };
}

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return null;
  }
}

/** The zone's UTC offset in milliseconds at `epochMs` (positive east of Greenwich). */
function offsetMsAt(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const parts = formatter.formatToParts(new Date(epochMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const wall: WallTime = {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    // Some ICU versions still print midnight as "24" even with h23.
    hour: field('hour') % 24,
    minute: field('minute'),
    second: field('second'),
  };
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtcMs(wall) - wholeSecondMs;
}

export function isValidTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && formatterFor(timeZone) !== null;
}

/**
 * Convert `local` ("YYYY-MM-DDTHH:mm" or with ":ss") read in `timeZone` to an ISO-8601 UTC instant.
 * Pure: no clock is read.
 */
export function zonedLocalToUtc(local: string, timeZone: string): ZonedTimeResult {
  const wall = parseLocal(local);
  if (!wall) {
    return { ok: false, reason: 'invalid_local_time', message: `"${local}" is not a valid date and time.` };
  }
  const formatter = timeZone ? formatterFor(timeZone) : null;
  if (!formatter) {
    return { ok: false, reason: 'invalid_time_zone', message: `"${timeZone}" is not a known time zone.` };
  }

  // Offsets a day either side cover any single DST transition near this wall time (zones never
  // change offset twice within 24 hours). Each candidate is kept only if it reads back as `wall`.
  const wallMs = wallAsUtcMs(wall);
  const offsets = new Set([-dayMs, 0, dayMs].map((shift) => offsetMsAt(formatter, wallMs + shift)));
  const matches = [...offsets]
    .map((offset) => ({ offset, instantMs: wallMs - offset }))
    .filter(({ offset, instantMs }) => offsetMsAt(formatter, instantMs) === offset)
    .sort((a, b) => a.instantMs - b.instantMs);

  const earliest = matches[0];
  if (!earliest) {
    return {
      ok: false,
      reason: 'nonexistent_local_time',
      message:
        `${local.replace('T', ' ')} does not exist in ${timeZone}: the clocks skip ahead at that time ` +
        '(daylight saving). Please choose another time.',
    };
  }
  return {
    ok: true,
    instant: new Date(earliest.instantMs).toISOString(),
    offsetMinutes: Math.round(earliest.offset / 60_000),
    ambiguous: matches.length > 1,
  };
}
