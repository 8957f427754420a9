/**
 * A calendar date in a time zone as the instants it spans. A local day is not 24 hours long: it is
 * 23 hours when the clocks spring forward that day and 25 when they fall back, so it runs from its
 * own first wall-clock moment to the next day's. Midnight inside a spring-forward gap (Havana,
 * Santiago) moves to where the gap ends; a midnight that happens twice counts from its first time.
 */
import type { TimeRange } from './availability.schema.js';
import { DAY_MS, localBoundaryToInstant } from './zoned-time.js';

/** `date` is "YYYY-MM-DD" (validated at the edge); the range is [startsAt, endsAt). */
export function localDayRange(date: string, timeZone: string): TimeRange {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  return {
    startsAt: new Date(localBoundaryToInstant(timeZone, midnight)).toISOString(),
    endsAt: new Date(localBoundaryToInstant(timeZone, midnight + DAY_MS)).toISOString(),
  };
}
