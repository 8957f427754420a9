/**
 * A doctor's availability, as validated at the edge: weekly working windows in the doctor's time
 * zone, the rules that turn them into slots, and blocked time ranges (UTC instants).
 */
import { z } from 'zod';
import { instant } from '../shared/ids.js';
import { isValidTimeZone } from './zoned-time.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekday>;

export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Africa/Maputo' });

/** "HH:MM" on a 24-hour clock; "24:00" only as the end of a window (midnight at the end of the day). */
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59)');
const localEndTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM (00:01–24:00)');

export const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const weeklyWindow = z
  .strictObject({ weekday, start: localTime, end: localEndTime })
  .refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), { message: 'start must be before end', path: ['end'] });
export type WeeklyWindow = z.infer<typeof weeklyWindow>;

export const weeklyAvailability = z
  .array(weeklyWindow)
  .max(70)
  .superRefine((windows, ctx) => {
    for (const [i, a] of windows.entries()) {
      for (const [j, b] of windows.entries()) {
        if (j <= i || a.weekday !== b.weekday) continue;
        if (minutesOfDay(a.start) < minutesOfDay(b.end) && minutesOfDay(b.start) < minutesOfDay(a.end)) {
          ctx.addIssue({ code: 'custom', path: [j], message: `overlaps window ${i} on ${a.weekday}` });
        }
      }
    }
  });

/** How windows become slots. Minutes, because clinics think in minutes. */
export const slotRules = z.strictObject({
  /** Slot starts are this far apart, counted from each window's start on the wall clock. */
  slotLengthMinutes: z.number().int().min(5).max(480),
  /** Free time kept before and after every booked appointment. */
  bufferMinutes: z.number().int().min(0).max(240),
  /** How long before its start a slot stops being offered. */
  minimumNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  /** How far ahead (in days of 24 hours from now) slots are offered. */
  maxDaysAhead: z.number().int().min(1).max(365),
});
export type SlotRules = z.infer<typeof slotRules>;

export const availabilitySettings = slotRules.extend({ timeZone, weekly: weeklyAvailability });
export type AvailabilitySettings = z.infer<typeof availabilitySettings>;

export const timeRange = z
  .strictObject({ startsAt: instant, endsAt: instant })
  .refine((r) => Date.parse(r.startsAt) < Date.parse(r.endsAt), {
    message: 'startsAt must be before endsAt',
    path: ['endsAt'],
  });
export type TimeRange = z.infer<typeof timeRange>;
