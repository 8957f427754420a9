/**
 * Opening hours ↔ the API's availability: each weekday holds any number of intervals (named
 * `weekly.<day>.<n>.start|end` in the form), plus the zone and the slot rules. The weekly windows
 * are sent in a known order, so the API's `weekly.<index>` details can be put back on their row.
 */
import { weekdays, weekdayLabels, type Weekday } from '../doctor';
import type { Detail, FieldErrors } from '../form-feedback';
import type { Availability } from '../server/doctor-schemas';
import { isValidTimeZone } from '../zoned-time';
import { rowsOf, textOf, wholeNumber } from './form-values';

export interface IntervalDraft {
  start: string;
  end: string;
}

export interface AvailabilityDraft {
  timeZone: string;
  slotLengthMinutes: string;
  bufferMinutes: string;
  minimumNoticeMinutes: string;
  maxDaysAhead: string;
  weekly: Record<Weekday, IntervalDraft[]>;
}

const rules = ['slotLengthMinutes', 'bufferMinutes', 'minimumNoticeMinutes', 'maxDaysAhead'] as const;
type Rule = (typeof rules)[number];
const limits: Record<Rule, [number, number]> = {
  slotLengthMinutes: [5, 480],
  bufferMinutes: [0, 240],
  minimumNoticeMinutes: [0, 60 * 24 * 30],
  maxDaysAhead: [1, 365],
};

/** Field keys: the zone, each rule, and `<weekday>.<n>` for an interval row. */
export type AvailabilityErrors = FieldErrors<string>;

const emptyWeek = (): Record<Weekday, IntervalDraft[]> =>
  Object.fromEntries(weekdays.map((day) => [day, []])) as unknown as Record<Weekday, IntervalDraft[]>;

export function availabilityDraftFromApi(availability: Availability | null): AvailabilityDraft {
  const weekly = emptyWeek();
  for (const window of availability?.weekly ?? []) {
    if ((weekdays as readonly string[]).includes(window.weekday)) {
      weekly[window.weekday as Weekday].push({ start: window.start, end: window.end });
    }
  }
  for (const day of weekdays) weekly[day].sort((a, b) => a.start.localeCompare(b.start));
  return {
    timeZone: availability?.timeZone ?? '',
    slotLengthMinutes: String(availability?.slotLengthMinutes ?? 30),
    bufferMinutes: String(availability?.bufferMinutes ?? 0),
    minimumNoticeMinutes: String(availability?.minimumNoticeMinutes ?? 120),
    maxDaysAhead: String(availability?.maxDaysAhead ?? 60),
    weekly,
  };
}

export function availabilityDraftFromForm(form: FormData): AvailabilityDraft {
  const weekly = emptyWeek();
  for (const day of weekdays) {
    weekly[day] = rowsOf(form, `weekly.${day}`, ['start', 'end'] as const).filter((row) => row.start || row.end);
  }
  return {
    timeZone: textOf(form, 'timeZone'),
    slotLengthMinutes: textOf(form, 'slotLengthMinutes'),
    bufferMinutes: textOf(form, 'bufferMinutes'),
    minimumNoticeMinutes: textOf(form, 'minimumNoticeMinutes'),
    maxDaysAhead: textOf(form, 'maxDaysAhead'),
    weekly,
  };
}

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export type AvailabilityCheck =
  { ok: true; availability: Availability; rowKeys: string[] } | { ok: false; fieldErrors: AvailabilityErrors };

export function availabilityFromDraft(draft: AvailabilityDraft): AvailabilityCheck {
  const fieldErrors: AvailabilityErrors = {};
  if (!isValidTimeZone(draft.timeZone)) fieldErrors.timeZone = 'Choose the time zone you work in.';
  const numbers = {} as Record<Rule, number>;
  for (const rule of rules) {
    const parsed = wholeNumber(draft[rule], ...limits[rule]);
    if (parsed.ok) numbers[rule] = parsed.value;
    else fieldErrors[rule] = parsed.message;
  }

  const weekly: Availability['weekly'] = [];
  const rowKeys: string[] = [];
  for (const day of weekdays) {
    draft.weekly[day].forEach((row, index) => {
      const key = `${day}.${index}`;
      // "24:00" ends a window at midnight; typed as 00:00 in a time field, it means the same.
      const end = row.end === '00:00' ? '24:00' : row.end;
      if (!clock.test(row.start) || !(clock.test(end) || end === '24:00')) {
        fieldErrors[key] = 'Enter a start and an end time.';
      } else if (minutes(row.start) >= (end === '24:00' ? 1440 : minutes(end))) {
        fieldErrors[key] = 'The end must be after the start.';
      } else {
        const overlapping = draft.weekly[day].some(
          (other, j) => j < index && other.start < end && row.start < (other.end === '00:00' ? '24:00' : other.end),
        );
        if (overlapping) fieldErrors[key] = `Overlaps another interval on ${weekdayLabels[day]}.`;
        weekly.push({ weekday: day, start: row.start, end });
        rowKeys.push(key);
      }
    });
  }
  if (weekly.length === 0 && Object.keys(fieldErrors).length === 0) {
    fieldErrors.weekly = 'Add at least one interval in the week, or patients cannot book you.';
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, availability: { timeZone: draft.timeZone, weekly, ...numbers }, rowKeys };
}

/** The API's details on their fields: `weekly.3.end` → the fourth row sent, by its `<day>.<n>` key. */
export function placeAvailabilityDetails(
  details: readonly Detail[],
  rowKeys: readonly string[],
): { fieldErrors: AvailabilityErrors; otherDetails: string[] } {
  const fieldErrors: AvailabilityErrors = {};
  const otherDetails: string[] = [];
  for (const detail of details) {
    const segments = detail.path.split(/[./]/).filter((part) => part && part !== 'body');
    const [head, index] = segments;
    const key =
      head === 'weekly' && index !== undefined && /^\d+$/.test(index)
        ? rowKeys[Number(index)]
        : head && (head === 'timeZone' || head === 'weekly' || (rules as readonly string[]).includes(head))
          ? head
          : undefined;
    if (key && !fieldErrors[key]) fieldErrors[key] = detail.message;
    else otherDetails.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { fieldErrors, otherDetails };
}
