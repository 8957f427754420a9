/**
 * The slot engine (pure). Weekly windows live on the doctor's wall clock; slots come out as UTC
 * instants. Slot starts step through each window on the wall clock (09:00, 09:30, …), so a 09:00
 * slot stays 09:00 local across a DST change; a start inside a spring-forward gap is skipped and
 * one in a fall-back overlap takes the earlier instant, so the repeated hour never yields a wall
 * time twice (see zoned-time.ts).
 *
 * A start is offered when the whole service fits inside the window, touches no blocked range,
 * respects minimum notice and the booking horizon, and fewer reservations than the service's
 * seats overlap it once each reservation is widened by the buffer on both sides.
 */
import { minutesOfDay, WEEKDAYS, type SlotRules, type TimeRange, type WeeklyWindow } from './availability.schema.js';
import { DAY_MS, instantToLocalMs, localBoundaryToInstant, localToInstant, MINUTE_MS } from './zoned-time.js';

export interface WeeklyAvailability extends SlotRules {
  readonly weekly: readonly WeeklyWindow[];
}

export interface SlotService {
  readonly durationMinutes: number;
  /** Patients per slot (group sessions); 1 when omitted. */
  readonly seats?: number;
}

export interface GenerateSlotsInput {
  readonly availability: WeeklyAvailability;
  readonly timeZone: string;
  readonly blocked: readonly TimeRange[];
  /** Existing bookings (non-cancelled appointments), each with its own end. */
  readonly reserved: readonly TimeRange[];
  readonly service: SlotService;
  /** Slots starting in [from, to). */
  readonly from: string;
  readonly to: string;
  readonly now: string;
  /** Stop after this many slots (the next available slot is `limit: 1`). */
  readonly limit?: number;
}

export interface Slot {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly seatsLeft: number;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

const toRange = (r: TimeRange): Range => ({ start: Date.parse(r.startsAt), end: Date.parse(r.endsAt) });
const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/** Monday = 0 … Sunday = 6 for a day counted from 1970-01-01 (a Thursday). */
export const weekdayIndexOfEpochDay = (epochDay: number) => (((epochDay + 3) % 7) + 7) % 7;

export function generateSlots(input: GenerateSlotsInput): Slot[] {
  const { availability, timeZone } = input;
  const now = Date.parse(input.now);
  const earliest = Math.max(Date.parse(input.from), now + availability.minimumNoticeMinutes * MINUTE_MS);
  const latest = Math.min(Date.parse(input.to), now + availability.maxDaysAhead * DAY_MS);
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  if (!(earliest < latest) || limit <= 0) return [];

  const duration = input.service.durationMinutes * MINUTE_MS;
  const buffer = availability.bufferMinutes * MINUTE_MS;
  const seats = input.service.seats ?? 1;
  const blocked = input.blocked.map(toRange);
  const reserved = input.reserved.map(toRange).map((r) => ({ start: r.start - buffer, end: r.end + buffer }));
  const byWeekday = windowsByWeekday(availability.weekly);

  const slots: Slot[] = [];
  let lastStart = Number.NEGATIVE_INFINITY;
  const firstDay = Math.floor(instantToLocalMs(timeZone, earliest) / DAY_MS);
  const lastDay = Math.floor(instantToLocalMs(timeZone, latest) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day += 1) {
    for (const window of byWeekday[weekdayIndexOfEpochDay(day)] ?? []) {
      const dayStart = day * DAY_MS;
      const windowEnd = localBoundaryToInstant(timeZone, dayStart + window.end * MINUTE_MS);
      for (let minute = window.start; minute < window.end; minute += availability.slotLengthMinutes) {
        const start = localToInstant(timeZone, dayStart + minute * MINUTE_MS);
        if (start === undefined || start < earliest || start <= lastStart) continue;
        if (start >= latest || start + duration > windowEnd) break;
        const slot = { start, end: start + duration };
        if (blocked.some((b) => overlaps(b, slot))) continue;
        const seatsLeft = seats - reserved.filter((r) => overlaps(r, slot)).length;
        if (seatsLeft <= 0) continue;
        lastStart = start;
        slots.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(slot.end).toISOString(), seatsLeft });
        if (slots.length >= limit) return slots;
      }
    }
  }
  return slots;
}

/** Does [startsAt, startsAt + duration) lie inside one window and outside every blocked range? */
export function fitsAvailability(
  input: {
    readonly weekly: readonly WeeklyWindow[];
    readonly timeZone: string;
    readonly blocked: readonly TimeRange[];
  },
  appointment: { readonly startsAt: string; readonly durationMinutes: number },
): boolean {
  const start = Date.parse(appointment.startsAt);
  const range = { start, end: start + appointment.durationMinutes * MINUTE_MS };
  if (input.blocked.map(toRange).some((b) => overlaps(b, range))) return false;
  const day = Math.floor(instantToLocalMs(input.timeZone, start) / DAY_MS);
  return (windowsByWeekday(input.weekly)[weekdayIndexOfEpochDay(day)] ?? []).some(
    (window) =>
      localBoundaryToInstant(input.timeZone, day * DAY_MS + window.start * MINUTE_MS) <= range.start &&
      range.end <= localBoundaryToInstant(input.timeZone, day * DAY_MS + window.end * MINUTE_MS),
  );
}

function windowsByWeekday(weekly: readonly WeeklyWindow[]): Array<Array<{ start: number; end: number }>> {
  const result = WEEKDAYS.map(() => [] as Array<{ start: number; end: number }>);
  for (const window of weekly) {
    result[WEEKDAYS.indexOf(window.weekday)]?.push({
      start: minutesOfDay(window.start),
      end: minutesOfDay(window.end),
    });
  }
  for (const list of result) list.sort((a, b) => a.start - b.start);
  return result;
}
