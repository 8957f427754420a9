/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with Intl only (no date library).
 *
 * A local wall time is written as "local milliseconds": the wall clock's fields encoded as if
 * they were UTC (`Date.UTC(y, m - 1, d, h, min)`). An instant is real UTC milliseconds. The
 * offset of a zone at an instant is `wallClock(instant) - instant`.
 *
 * Daylight saving makes the mapping local → instant partial and non-injective:
 * - in a spring-forward gap (New York 2026-03-08 02:00–02:59) a wall time does not exist;
 * - in a fall-back overlap (New York 2026-11-01 01:00–01:59) it happens twice.
 * `resolveLocal` reports all three cases; `localToInstant` is the policy the slot engine uses:
 * nonexistent → undefined (no slot there), ambiguous → the earlier instant (so the repeated hour
 * yields each wall time once). `localBoundaryToInstant` is for the edges of a working window: a
 * boundary inside a gap moves to the end of the gap (the first wall time that exists after it).
 *
 * Assumption, true of the tz database: a zone does not change its offset twice within 52 hours.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export type Resolution =
  | { readonly kind: 'unique'; readonly instant: number }
  | { readonly kind: 'ambiguous'; readonly earlier: number; readonly later: number }
  | { readonly kind: 'nonexistent'; readonly gapEndsAt: number };

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** An IANA zone name Intl knows (offsets such as "+05:30" are not time zones). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`, to the second. */
export function instantToLocal(timeZone: string, instant: number): LocalDateTime {
  const fields: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' || fields.era === 'B' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

export function localToMs(local: LocalDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, 0);
  return date.getTime();
}

/** Wall-clock milliseconds at `instant` (see the file comment). */
export function instantToLocalMs(timeZone: string, instant: number): number {
  return localToMs(instantToLocal(timeZone, instant)) + (((instant % 1000) + 1000) % 1000);
}

/** The zone's offset from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
export function offsetAt(timeZone: string, instant: number): number {
  return instantToLocalMs(timeZone, instant) - instant;
}

/** Every instant whose wall clock in `timeZone` reads `localMs`. */
export function resolveLocal(timeZone: string, localMs: number): Resolution {
  const uniform = uniformOffsetOfDay(timeZone, Math.floor(localMs / DAY_MS));
  if (uniform !== undefined) return { kind: 'unique', instant: localMs - uniform };

  // Offsets a day before and a day after bracket any single transition near this wall time.
  const before = offsetAt(timeZone, localMs - DAY_MS);
  const after = offsetAt(timeZone, localMs + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => localMs - offset)
    .filter((instant) => instantToLocalMs(timeZone, instant) === localMs)
    .sort((a, b) => a - b);
  const [first, second] = candidates;
  if (first !== undefined && second !== undefined) return { kind: 'ambiguous', earlier: first, later: second };
  if (first !== undefined) return { kind: 'unique', instant: first };
  return { kind: 'nonexistent', gapEndsAt: transitionBetween(timeZone, localMs - after, localMs - before) };
}

/** The slot engine's policy: undefined in a gap, the earlier instant in an overlap. */
export function localToInstant(timeZone: string, localMs: number): number | undefined {
  const resolution = resolveLocal(timeZone, localMs);
  switch (resolution.kind) {
    case 'unique':
      return resolution.instant;
    case 'ambiguous':
      return resolution.earlier;
    case 'nonexistent':
      return undefined;
  }
}

/** For window edges: like localToInstant, but a wall time in a gap moves to where the gap ends. */
export function localBoundaryToInstant(timeZone: string, localMs: number): number {
  const resolution = resolveLocal(timeZone, localMs);
  switch (resolution.kind) {
    case 'unique':
      return resolution.instant;
    case 'ambiguous':
      return resolution.earlier;
    case 'nonexistent':
      return resolution.gapEndsAt;
  }
}

/** The first instant in (low, high] whose offset differs from the offset at `low` (to the second). */
function transitionBetween(timeZone: string, low: number, high: number): number {
  const start = offsetAt(timeZone, low);
  let [lo, hi] = [low, high];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Memo: the offset that holds for every instant whose local date is `epochDay`, or undefined
 * when the zone changes offset around that day. Local dates span at most [D - 14 h, D + 38 h] in
 * UTC (offsets run from -12 h to +14 h); equal offsets just outside that range mean no change.
 * Thousands of doctors share a handful of zones, so this turns most conversions into a lookup.
 */
const uniformOffsets = new Map<string, number | null>();
const UNIFORM_CACHE_LIMIT = 20_000;

function uniformOffsetOfDay(timeZone: string, epochDay: number): number | undefined {
  const key = `${timeZone}|${epochDay}`;
  let cached = uniformOffsets.get(key);
  if (cached === undefined) {
    const dayStart = epochDay * DAY_MS;
    const early = offsetAt(timeZone, dayStart - 15 * HOUR_MS);
    const late = offsetAt(timeZone, dayStart + 39 * HOUR_MS);
    cached = early === late ? early : null;
    if (uniformOffsets.size >= UNIFORM_CACHE_LIMIT) uniformOffsets.clear();
    uniformOffsets.set(key, cached);
  }
  return cached ?? undefined;
}
